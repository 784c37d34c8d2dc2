"""The translate view: one language version beside its source, and nothing else.

/admin/articles/article/<id>/translate/<lang>/ shows the source read-only on
the left (the language the version was translated from, else the article's
source language; any language with text on request) and the target's own
fields on the right. Each field whose source changed since the translation
shows that change. Saving follows the change form's rules: the same permission
check, the same optimistic lock (article_save's EditConflict, shown as a form
error with the typed text kept), the same services. "Machine draft" fills the
fields from the configured engine and saves nothing.

The page reads one article row (with its photo), the target's machine
translation record and at most one revision: its cost does not grow with the
number of languages.
"""

from __future__ import annotations

import difflib

from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import strip_tags
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from articles.admin.translate_form import (
    ACTIONS,
    PUBLISHING_ACTIONS,
    TranslationForm,
    draft_token,
)
from articles.domain.availability import has_text_in
from articles.domain.languages import ENDONYMS, LANGUAGE_CODES, value_in
from articles.domain.provenance import outdated_fields, source_when_translated
from articles.domain.status import Origin, Status
from articles.machine_translation.base import MachineTranslationError
from articles.machine_translation.engines import engine_from_settings
from articles.models import Article, MachineTranslation
from articles.services.articles import EditConflict
from articles.services.machine_drafts import machine_draft_make, source_texts, translation_save
from articles.services.permissions import EDITING_STATES, Rights


def word_changes(old: str, new: str) -> list[tuple[str, str]]:
    """`new` as runs of ("same" | "added" | "removed", text) against `old`, word by word."""
    before, after = old.split(), new.split()
    runs = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(("same", " ".join(after[b1:b2])))
            continue
        if a2 > a1:
            runs.append(("removed", " ".join(before[a1:a2])))
        if b2 > b1:
            runs.append(("added", " ".join(after[b1:b2])))
    return runs


def _plain(text: str) -> str:
    return strip_tags(text or "")


class TranslateViewMixin:
    """Adds the translate view to the article admin."""

    def get_urls(self):
        return [
            path(
                "<int:pk>/translate/<str:language>/",
                self.admin_site.admin_view(self.translate_view),
                name="article_translate",
            ),
            *super().get_urls(),
        ]

    def translate_view(self, request, pk: int, language: str):
        if language not in ENDONYMS:
            raise Http404
        article = get_object_or_404(Article.objects.select_related("photo"), pk=pk)
        rights = Rights.of(request.user)
        if not self.has_view_permission(request, article) or language not in rights.languages:
            raise PermissionDenied
        sources = [c for c in LANGUAGE_CODES if c != language and has_text_in(article, c)]
        source = self._source(request, article, language, sources)
        action = request.POST.get("action", "save")
        form_args = {"article": article, "language": language, "rights": rights}
        if request.method != "POST":
            form = TranslationForm(**form_args)
        elif action == "machine":
            form = self._machine_draft(request, form_args, source)
        elif action not in ACTIONS:
            form = TranslationForm(request.POST, **form_args)
            form.add_error(None, _("Unknown action: nothing was saved."))
        else:
            form = TranslationForm(request.POST, action=action, **form_args)
            if form.is_valid() and self._save(request, form, source, action):
                query = urlencode({"source": source}) if source else ""
                url = reverse("admin:article_translate", args=[pk, language])
                return HttpResponseRedirect(f"{url}?{query}" if query else url)
            # What the failed save changed in memory is not what is stored.
            article = Article.objects.select_related("photo").get(pk=pk)
        return TemplateResponse(
            request,
            "admin/articles/article/translate.html",
            self._translate_context(request, article, language, source, sources, form, rights),
        )

    def _source(self, request, article: Article, language: str, sources: list[str]) -> str | None:
        asked = request.GET.get("source") or request.POST.get("source")
        if asked in sources:
            return asked
        for code in (value_in(article, "translated_from", language), article.source_language):
            if code in sources:
                return code
        return sources[0] if sources else None

    def _machine_draft(self, request, form_args: dict, source: str | None) -> TranslationForm:
        """A form filled from the engine; on failure the posted form with the reason."""
        article, language = form_args["article"], form_args["language"]
        try:
            if source is None:
                raise MachineTranslationError(_("No language has text to translate from."))
            draft = machine_draft_make(
                article=article, source=source, target=language, engine=engine_from_settings()
            )
        except (MachineTranslationError, ImproperlyConfigured) as error:
            form = TranslationForm(request.POST, **form_args)
            form.add_error(None, _("No machine draft: %(reason)s") % {"reason": error})
            return form
        form = TranslationForm(**form_args)
        for name, bound in form.version_fields():
            if name in draft.texts:
                form.fields[bound.name].initial = draft.texts[name]
        form.fields["machine_draft"].initial = draft_token(draft)
        # The lock stays at the version the translator opened.
        posted = request.POST.get("base_version", "")
        if posted.isascii() and posted.isdigit():
            form.fields["base_version"].initial = int(posted)
        messages.info(
            request,
            _("Machine draft from %(source)s: check it, then save. Nothing is saved yet.")
            % {"source": ENDONYMS[source]},
        )
        return form

    def _save(self, request, form: TranslationForm, source: str | None, action: str) -> bool:
        article, language = form.article, form.language
        draft = form.cleaned_data.get("machine_draft")
        try:
            translation_save(
                article=article,
                language=language,
                texts=form.texts(),
                source=(draft.source if draft else source) or article.source_language,
                state=ACTIONS[action],
                published_at=form.cleaned_data.get("published_at")
                if action in PUBLISHING_ACTIONS
                else None,
                user=request.user,
                base_version=form.cleaned_data["base_version"],
                machine=draft,
            )
        except EditConflict as conflict:
            form.add_error(None, conflict.message)
            return False
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return False
        messages.success(
            request,
            _("The %(language)s version was saved (%(state)s).")
            % {
                "language": ENDONYMS[language],
                "state": Status(value_in(article, "status", language)).label,
            },
        )
        return True

    def _translate_context(self, request, article, language, source, sources, form, rights):
        state = value_in(article, "status", language) or Status.DRAFT
        exists = has_text_in(article, language)
        may_edit = rights.publish or state in EDITING_STATES or not exists
        origin = value_in(article, "origin", language) if exists else None
        machine = None
        if origin in (Origin.MACHINE, Origin.MACHINE_REVIEWED, Origin.HUMAN):
            machine = (
                MachineTranslation.objects.filter(article=article, language=language)
                .select_related("reviewed_by")
                .first()
            )
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("Translate into %(language)s: %(article)s")
            % {"language": ENDONYMS[language], "article": article},
            "language": language,
            "language_name": ENDONYMS[language],
            "source": source,
            "sources": [(code, ENDONYMS[code]) for code in sources],
            "source_fields": self._source_fields(article, source),
            "form": form,
            "fields": self._target_fields(article, language, form),
            "media": self.media + form.media,
            "exists": exists,
            "state": Status(state).label if exists else _("missing"),
            "origin": Origin(origin).label if origin else "",
            "machine": machine,
            "may_edit": may_edit,
            "may_publish": rights.publish,
            "embargo_until": article.embargo_until,
            "machine_refusal": self._machine_refusal(source, language),
            "board_url": reverse("admin:article_translation_status"),
        }

    def _source_fields(self, article, source):
        if source is None:
            return []
        texts = source_texts(article, source)
        labels = {
            "title": _("Title"),
            "summary": _("Summary"),
            "body": _("Body"),
            "byline": _("Byline"),
            "caption": _("Photo caption"),
            "alt_text": _("Photo alt text"),
        }
        return [
            {"name": name, "label": label, "value": texts[name], "html": name == "body"}
            for name, label in labels.items()
            if texts.get(name)
        ]

    def _target_fields(self, article, language, form):
        """Each target field with its staleness: the source's change since it was translated."""
        changed = outdated_fields(article, language) if has_text_in(article, language) else []
        then = source_when_translated(article, language) if changed else None
        source = value_in(article, "translated_from", language)
        rows = []
        for name, bound in form.version_fields():
            row = {"name": name, "field": bound, "stale": False, "changes": []}
            if changed is None and name in ("title", "summary", "body"):
                row["stale"] = True  # outdated, but the earlier text is not known
            elif changed and name in changed:
                row["stale"] = True
                row["changes"] = word_changes(
                    _plain((then or {}).get(name, "")), _plain(value_in(article, name, source))
                )
            rows.append(row)
        return rows

    def _machine_refusal(self, source, language) -> str | None:
        """Why the Machine draft button cannot work here (None: it can); asks no engine."""
        if source is None:
            return _("No language has text to translate from.")
        try:
            return engine_from_settings().refusal(source, language)
        except ImproperlyConfigured as error:
            return str(error)
