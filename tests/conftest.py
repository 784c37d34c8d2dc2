import importlib

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import translation

from tests.factories import ArticleFactory, PhotoFactory


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs(django_db_blocker):
    """The sa and la catalogs must be compiled, or /sa/ and /la/ are refused."""
    with django_db_blocker.unblock():
        call_command("compile_catalogs", verbosity=0)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes its files into a temporary MEDIA_ROOT (and private root)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def test_storages(settings, media_root):
    """Originals in the temporary private root; plain static files, since tests do
    not run collectstatic and the manifest storage would refuse {% static %}."""
    settings.STORAGES = {
        **settings.STORAGES,
        "originals": {
            "BACKEND": "articles.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": str(settings.PRIVATE_MEDIA_ROOT)},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (rows of earlier tests were rolled back)."""
    from django.core.cache import cache

    from articles.page_cache_local import local_copies

    cache.clear()
    local_copies.clear()


@pytest.fixture(autouse=True)
def page_cache(request, settings):
    """The page cache is off unless a test is marked `page_cache`: other tests
    change rows inside their test transaction, whose commit never comes, so
    nothing would tell the cache. The log picture starts afresh (ids restart
    after each rollback on SQLite)."""
    from articles.invalidation import state

    state.reset()
    settings.PAGE_CACHE = request.node.get_closest_marker("page_cache") is not None
    yield
    state.reset()


@pytest.fixture(autouse=True)
def english_by_default():
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def article_pt_en(db):
    """A published article written in Portuguese and translated into English, with a photo."""
    return ArticleFactory(
        languages=("pt", "en"),
        source_language="pt",
        photo=PhotoFactory(captions=("pt", "en"), credit="IC"),
    )


@pytest.fixture
def role_groups(db):
    """The four role groups with their permissions, as migration 0007 makes them.

    A transactional test flushes the database, and with it the groups that
    migration made (flush recreates permissions, not data written by
    migrations), so a role test that runs after one on the same worker would
    find no roles. Put them back when they are missing.
    """
    roles = importlib.import_module("articles.migrations.0007_roles").ROLES
    if Group.objects.filter(name__in=roles).count() == len(roles):
        return
    for name, codes in roles.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
