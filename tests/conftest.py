import pytest
from django.core.management import call_command
from django.utils import translation

from articles.cache.invalidation import forget_pending
from tests.support.factories import ArticleFactory, PhotoFactory
from tests.support.purge_endpoint import PurgeEndpoint
from tests.support.roles_support import ensure_role_groups


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
            "BACKEND": "articles.photos.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": str(settings.PRIVATE_MEDIA_ROOT)},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (rows of earlier tests were rolled back)."""
    from django.core.cache import cache

    from articles.cache.local import local_copies

    cache.clear()
    local_copies.clear()


@pytest.fixture(autouse=True)
def page_cache(request, settings):
    """The page cache is off unless a test is marked `page_cache`: other tests
    change rows inside their test transaction, whose commit never comes, so
    nothing would tell the cache. The log picture starts afresh (ids restart
    after each rollback on SQLite)."""
    from articles.cache.invalidation import state

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
    """The four role groups, put back if a transactional test flushed them."""
    ensure_role_groups()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a write as if its transaction committed (the test's own never does)."""

    def run(write, *args, **kwargs):
        forget_pending()
        with django_capture_on_commit_callbacks(execute=True):
            return write(*args, **kwargs)

    return run


@pytest.fixture
def endpoint(settings):
    """A CDN purge endpoint on 127.0.0.1, set as CDN_PURGE_URL; it records each POST."""
    server = PurgeEndpoint()
    settings.CDN_PURGE_URL = server.url
    yield server
    server.close()
