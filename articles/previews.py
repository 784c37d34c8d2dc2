"""Signed, expiring, revocable preview links for one language version."""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation

from .models import Article, PreviewLink
from .views import render_article

SALT = "newsroom.preview-link"
DEFAULT_LIFETIME = timedelta(days=2)


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


def shared_preview(request: HttpRequest, token: str) -> HttpResponse:
    """What the holder of a preview link sees: the version as readers will."""
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise Http404 from None
    link = PreviewLink.objects.filter(pk=pk).first()
    if link is None or not link.is_valid():
        raise Http404
    article = Article.objects.for_page(link.language).get(pk=link.article_id)
    with translation.override(link.language):
        return render_article(request, article, link.language, preview=True)
