"""What a reader and an editor would see of a site, as one comparable value.

Used by tests/operations/test_backup.py on the original database (in the test process) and
on the restored one (in a separate process, against another database and empty
media folders): every row of the content, users and groups by name rather than by
id (ids of users and groups may differ after a restore; nothing shows them), the
SHA-256 of every stored file, and every public page as rendered.

Run as `python -m tests.support.backup_fingerprint` it prints the fingerprint as JSON.
"""

from __future__ import annotations

import hashlib
import json
import re

NONCE = re.compile(r'nonce="[^"]*"')


def _value(obj, field) -> object:
    if field.is_relation and field.related_model is not None:
        related = getattr(obj, field.name)
        if related is None:
            return None
        if field.related_model._meta.label == "auth.User":
            return related.username
        return related.pk
    # The stored value, not the attribute: modeltranslation's descriptors would
    # answer `title` in whatever language is active.
    value = obj.__dict__[field.attname]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value) if hasattr(value, "storage") else value


def _rows(model, **extra) -> list[dict]:
    rows = []
    for obj in model._base_manager.order_by("pk"):
        row = {f.name: _value(obj, f) for f in model._meta.concrete_fields if f.name != "id"}
        row["pk"] = obj.pk
        for name, getter in extra.items():
            row[name] = getter(obj)
        rows.append(row)
    return rows


def _files() -> dict[str, dict[str, str]]:
    from newsroom.operations.backup import media

    return {
        alias: {
            name: hashlib.sha256(media.storage(alias).open(name, "rb").read()).hexdigest()
            for name in media.walk(media.storage(alias))
        }
        for alias in media.STORAGES
    }


def _pages() -> dict[str, str]:
    from django.test import Client

    from articles.domain.languages import LANGUAGE_CODES
    from articles.models import Article

    client = Client()
    pages = {}
    for code in LANGUAGE_CODES:
        urls = [f"/{code}/"] + [a.get_absolute_url(code) for a in Article.objects.public_in(code)]
        for url in urls:
            response = client.get(url)
            # The CSP nonce is new on every request; everything else must match.
            pages[url] = f"{response.status_code} " + NONCE.sub("", response.content.decode())
    return pages


def fingerprint() -> dict:
    from django.contrib.auth.models import Group, User

    from articles import models

    return {
        "articles": _rows(
            models.Article,
            authors=lambda a: sorted(a.authors.values_list("pk", flat=True)),
            tags=lambda a: sorted(a.tags.values_list("pk", flat=True)),
        ),
        "photos": _rows(models.Photo),
        "renditions": _rows(models.Rendition),
        "revisions": _rows(models.Revision),
        "corrections": _rows(models.Correction),
        "sections": _rows(models.Section),
        "tags": _rows(models.Tag),
        "authors": _rows(models.Author),
        "retired_slugs": _rows(models.RetiredSlug),
        "preview_links": _rows(models.PreviewLink),
        "translator_languages": sorted(
            (t.user.username, t.language) for t in models.TranslatorLanguage.objects.all()
        ),
        "users": sorted(
            (
                u.username,
                u.password,
                u.email,
                u.is_staff,
                u.is_superuser,
                sorted(u.groups.values_list("name", flat=True)),
            )
            for u in User.objects.all()
        ),
        "groups": sorted(
            (g.name, sorted(g.permissions.values_list("codename", flat=True)))
            for g in Group.objects.all()
        ),
        "files": _files(),
        "pages": _pages(),
    }


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    from django.test.utils import override_settings

    django.setup()
    # As in tests/conftest.py: plain static files, no collectstatic needed.
    from django.conf import settings

    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        print(json.dumps(fingerprint(), ensure_ascii=False, sort_keys=True))
