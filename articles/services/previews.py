"""Signed, expiring, revocable preview links for one language version: who may
mint, see and revoke them, and the writes that do it (the page a link opens is
`articles/web/previews.py`).

A link shows a text to anyone who holds it, so its URL is a grant: only
someone who may edit that language may mint one (and see its URL), and only
its creator or someone who may publish may revoke it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from articles.domain.languages import LANGUAGE_CODES
from articles.models import Article, PreviewLink
from articles.services.permissions import PUBLISH, editable_languages

SALT = "newsroom.preview-link"
DEFAULT_LIFETIME = timedelta(days=2)
CHANGE = "articles.change_article"


@dataclass(frozen=True)
class LinkRow:
    """A live link as one user sees it: its URL only if they may mint or revoke it."""

    link: PreviewLink
    url: str | None
    revocable: bool


def _shareable_languages(user) -> set[str]:
    return editable_languages(user) if user.has_perm(CHANGE) else set()


def may_create_preview_link(user, *, language: str) -> bool:
    return language in _shareable_languages(user)


def may_revoke_preview_link(user, *, link: PreviewLink) -> bool:
    if not user.has_perm(CHANGE):
        return False
    return user.has_perm(PUBLISH) or (
        link.created_by_id is not None and link.created_by_id == user.pk
    )


def may_see_preview_url(user, *, link: PreviewLink) -> bool:
    return may_revoke_preview_link(user, link=link) or may_create_preview_link(
        user, language=link.language
    )


def preview_link_languages(user, *, article: Article) -> list[str]:
    """The languages `user` may share `article` in: written, and theirs to edit."""
    mine = _shareable_languages(user)
    return [
        code for code in LANGUAGE_CODES if code in mine and article.get_absolute_url_or_none(code)
    ]


def preview_link_rows(user, *, article: Article) -> list[LinkRow]:
    """The article's live links, each with what `user` may see and do with it."""
    now = timezone.now()
    links = article.preview_links.filter(revoked_at__isnull=True).select_related("created_by")
    return [
        LinkRow(
            link=link,
            url=preview_url(link) if may_see_preview_url(user, link=link) else None,
            revocable=may_revoke_preview_link(user, link=link),
        )
        for link in links
        if link.is_valid(now)
    ]


def preview_link_create(*, article: Article, language: str, user, lifetime=DEFAULT_LIFETIME):
    return PreviewLink.objects.create(
        article=article,
        language=language,
        created_by=user,
        expires_at=timezone.now() + lifetime,
    )


def preview_link_revoke(*, link: PreviewLink) -> None:
    PreviewLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def preview_url(link: PreviewLink) -> str:
    return reverse("preview", args=[signing.dumps(link.pk, salt=SALT)])
