"""The body's rich-text editor in the admin (django-prose-editor, ProseMirror/Tiptap).

The editor only offers what the one sanitizer (articles/domain/html.py) keeps, so what an
editor sees while writing is what readers get. It is a widget, not a model field:
the body stays a plain translated TextField and `Article.save()` sanitizes it
whichever way it was written (admin, import, services, shell).
"""

from __future__ import annotations

from django.forms.widgets import Script
from django_prose_editor.widgets import (
    AdminProseEditorWidget,
    prose_editor_admin_media,
    prose_editor_js,
)
from js_asset import Media

from articles.domain.html import URL_SCHEMES
from articles.domain.languages import LANGUAGE_CODES, column_name

# Tiptap extension names, as django-prose-editor exports them. Every tag they
# produce is in articles/domain/html.py's allowlist (tests/test_editor.py checks it).
EXTENSIONS: dict[str, bool | dict] = {
    "Paragraph": True,
    "HardBreak": True,
    # h1 is the page's title; the body starts at h2.
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    # No "open in a new window": the sanitizer drops target and sets rel itself.
    "Link": {"enableTarget": False, "protocols": sorted(URL_SCHEMES)},
    "Blockquote": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "HorizontalRule": True,
    "Code": True,
    "CodeBlock": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
    # Not "HTML" (a raw source view): editors write prose, not markup.
}

# The project's own start-up module (static/js/body-editor.js) rather than the
# package's presets: theirs let Tiptap insert a <style> element, which the
# Content Security Policy refuses; ours turns that off and ships the CSS as a file.
PRESET = "newsroom"
_CODE_BY_COLUMN = {column_name("body", code): code for code in LANGUAGE_CODES}


class BodyEditorWidget(AdminProseEditorWidget):
    """One editor per language tab; the textarea underneath is what is posted."""

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, config={"extensions": EXTENSIONS}, preset=PRESET)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # body_zh_hans → zh-hans: the editing area gets the language's lang
        # attribute, so the browser picks the right glyphs (Chinese and Japanese
        # share code points) and screen readers the right voice.
        code = _CODE_BY_COLUMN.get(name)
        if code:
            context["widget"]["attrs"]["data-language"] = code
        return context

    @property
    def media(self):
        # js_asset's Media carries the import map ("django-prose-editor/editor"
        # → the static file); the admin renders it with the request's CSP nonce.
        return prose_editor_admin_media + Media(
            js=[prose_editor_js, Script("js/body-editor.js", type="module")],
            css={"all": ["css/body-editor.css"]},
        )
