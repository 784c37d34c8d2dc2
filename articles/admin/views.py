"""Extra admin pages for an article: history, per-language diff, restore, previews."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.admin.forms import RestoreForm
from articles.domain.languages import ENDONYMS, LANGUAGE_CODES
from articles.models import Article, PreviewLink, Revision, Section
from articles.selectors.translation_status import (
    FLAGS,
    STATES,
    filter_by_state,
    matches,
    page_status_rows,
)
from articles.services.articles import EditConflict, RestoreRefused, article_restore
from articles.services.permissions import Rights
from articles.services.previews import (
    may_create_preview_link,
    may_revoke_preview_link,
    preview_link_create,
    preview_link_languages,
    preview_link_revoke,
    preview_link_rows,
    preview_url,
)
from articles.services.revisions import language_diff, restore_plan
from articles.web.views import render_article


class ArticleExtraViewsMixin:
    """URLs under /admin/articles/article/<id>/: revisions, diff, restore, preview."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "translation-status/",
                wrap(self.status_board_view),
                name="article_translation_status",
            ),
            path("<int:pk>/revisions/", wrap(self.revisions_view), name="article_revisions"),
            path("<int:pk>/revisions/diff/", wrap(self.diff_view), name="article_revision_diff"),
            path(
                "<int:pk>/revisions/<int:revision_pk>/restore/",
                wrap(require_POST(self.restore_view)),
                name="article_revision_restore",
            ),
            path(
                "<int:pk>/preview/<str:language>/", wrap(self.preview_view), name="article_preview"
            ),
            path(
                "<int:pk>/preview-links/",
                wrap(require_POST(self.preview_links_view)),
                name="article_preview_links",
            ),
            *super().get_urls(),
        ]

    def _article(self, request, pk: int, *, change: bool = False) -> Article:
        # All of it: restore_view saves it (a partial article with text flags
        # would judge availability by the flags as loaded).
        article = get_object_or_404(Article.objects.all(), pk=pk)
        allowed = (self.has_change_permission if change else self.has_view_permission)(
            request, article
        )
        if not allowed:
            raise PermissionDenied
        return article

    def _context(self, request, article, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": f"{title}: {article}",
            **extra,
        }

    def status_board_view(self, request):
        """Articles × 14 languages: missing, draft, scheduled, published, outdated, machine.

        With a language chosen, a state filters in SQL; "outdated", and any
        state across all languages, filters the rows of the page shown. The
        page costs the same few queries however many articles there are.
        """
        if not self.has_view_permission(request):
            raise PermissionDenied
        articles = Article.objects.order_by("-id")
        section = request.GET.get("section", "")
        if section.isdigit():
            articles = articles.filter(section_id=int(section))
        language = request.GET.get("language", "")
        state = request.GET.get("state", "")
        if state not in (*STATES, *FLAGS):
            state = ""
        if language in ENDONYMS and state:
            articles = filter_by_state(articles, language, state)
        page = Paginator(articles, 50).get_page(request.GET.get("page"))
        columns = [language] if language in ENDONYMS else list(LANGUAGE_CODES)
        rows = [r for r in page_status_rows(page.object_list, columns) if matches(r, state=state)]
        return TemplateResponse(
            request,
            "admin/articles/article/translation_status.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("Translation status"),
                "rows": rows,
                "columns": columns,
                "page": page,
                "states": {**STATES, **FLAGS},
                "sections": Section.objects.all(),
                "selected": {"language": language, "state": state, "section": section},
                # The cells that link to the translate view.
                "my_languages": Rights.of(request.user).languages,
            },
        )

    def revisions_view(self, request, pk: int):
        article = self._article(request, pk)
        revisions = list(article.revisions.select_related("user"))
        return TemplateResponse(
            request,
            "admin/articles/article/revisions.html",
            self._context(
                request,
                article,
                _("Revisions"),
                revisions=revisions,
                history=self._history(request, article, revisions),
                languages=LANGUAGE_CODES,
                link_languages=preview_link_languages(request.user, article=article),
                preview_links=preview_link_rows(request.user, article=article),
            ),
        )

    def _history(self, request, article, revisions) -> list[tuple]:
        """Each revision with what restoring it would do for this user."""
        rights = Rights.of(request.user)
        corrections = list(article.corrections.values_list("language", "created_at"))
        return [
            (
                revision,
                restore_plan(
                    article=article, revision=revision, rights=rights, corrections=corrections
                ),
            )
            for revision in revisions
        ]

    def diff_view(self, request, pk: int):
        article = self._article(request, pk)
        try:
            old = article.revisions.get(pk=int(request.GET.get("from", "")))
            new = article.revisions.get(pk=int(request.GET.get("to", "")))
        except (ValueError, Revision.DoesNotExist):
            raise Http404 from None
        language = request.GET.get("language", "")
        if language not in ENDONYMS:
            raise Http404
        return TemplateResponse(
            request,
            "admin/articles/article/revision_diff.html",
            self._context(
                request,
                article,
                _("Changes"),
                old=old,
                new=new,
                language=language,
                fields=language_diff(old.snapshot, new.snapshot, language),
                languages=LANGUAGE_CODES,
            ),
        )

    def restore_view(self, request, pk: int, revision_pk: int):
        article = self._article(request, pk, change=True)
        revision = get_object_or_404(Revision, pk=revision_pk, article=article)
        form = RestoreForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Unknown language: nothing was restored."))
            return HttpResponseRedirect(reverse("admin:article_revisions", args=[pk]))
        try:
            restored = article_restore(
                article=article,
                revision=revision,
                user=request.user,
                languages=form.cleaned_data["language"] or None,
            )
        except EditConflict as conflict:
            messages.error(request, conflict.message)
        except RestoreRefused as refused:
            messages.error(
                request,
                _("Nothing was restored. %(reasons)s") % {"reasons": " ".join(refused.reasons)},
            )
        else:
            messages.success(
                request,
                _("Restored the texts of version %(v)s in %(languages)s.")
                % {"v": revision.version, "languages": ", ".join(restored)},
            )
        return HttpResponseRedirect(reverse("admin:article_revisions", args=[pk]))

    def preview_view(self, request, pk: int, language: str):
        """The language version in any state, exactly as readers will see it."""
        if language not in ENDONYMS:
            raise Http404
        self._article(request, pk)  # permission check
        article = Article.objects.for_page(language).get(pk=pk)
        if not article.get_absolute_url_or_none(language):
            raise Http404
        with translation.override(language):
            return render_article(request, article, language, preview=True)

    def preview_links_view(self, request, pk: int):
        """Mint or revoke a shareable link; a request the page never offers is a 403."""
        article = self._article(request, pk, change=True)
        revoke = request.POST.get("revoke")
        if revoke is not None:
            if not (revoke.isascii() and revoke.isdigit()):
                raise Http404
            link = get_object_or_404(PreviewLink, pk=int(revoke), article=article)
            if not may_revoke_preview_link(request.user, link=link):
                raise PermissionDenied
            preview_link_revoke(link=link)
            messages.success(request, _("The preview link no longer works."))
            return HttpResponseRedirect(reverse("admin:article_revisions", args=[pk]))
        language = request.POST.get("language", "")
        if language in ENDONYMS and not may_create_preview_link(request.user, language=language):
            raise PermissionDenied
        if language not in ENDONYMS or not article.get_absolute_url_or_none(language):
            messages.error(request, _("This article has no text in that language yet."))
        else:
            link = preview_link_create(article=article, language=language, user=request.user)
            messages.success(
                request,
                _("Preview link (valid until %(until)s): %(url)s")
                % {
                    "until": link.expires_at.strftime("%Y-%m-%d %H:%M"),
                    "url": request.build_absolute_uri(preview_url(link)),
                },
            )
        return HttpResponseRedirect(reverse("admin:article_revisions", args=[pk]))
