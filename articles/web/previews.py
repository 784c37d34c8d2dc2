"""The page a preview link opens: the language version as readers will see it.

Links are minted and revoked by `articles/services/previews.py`; this view only
checks the signed token and that the link still stands.
"""

from __future__ import annotations

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation

from articles.models import Article, PreviewLink
from articles.services.previews import SALT, may_create_preview_link
from articles.web.views import render_article


def shared_preview(request: HttpRequest, token: str) -> HttpResponse:
    """What the holder of a preview link sees: the version as readers will."""
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise Http404 from None
    link = PreviewLink.objects.select_related("created_by").filter(pk=pk).first()
    if link is None or not link.is_valid():
        raise Http404
    # A link is its creator's grant: it ends when they could no longer mint it
    # (deactivated, or the role or the language taken away).
    creator = link.created_by
    if creator is None or not may_create_preview_link(creator, language=link.language):
        raise Http404
    article = Article.objects.for_page(link.language).get(pk=link.article_id)
    with translation.override(link.language):
        return render_article(request, article, link.language, preview=True)
