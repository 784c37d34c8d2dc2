"""Sections, tags and authors in the admin."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from articles.domain.availability import (
    first_translation,
)
from articles.domain.languages import LANGUAGE_CODES, column_name
from articles.models import (
    Author,
    Section,
    Tag,
)
from articles.services.taxonomy import author_save, section_save, tag_save


@admin.register(Section)
class SectionAdmin(TabbedTranslationAdmin):
    list_display = ("label", "position")
    list_editable = ("position",)
    search_fields = [column_name("name", c) for c in LANGUAGE_CODES]

    @admin.display(description=_("name"))
    def label(self, obj: Section) -> str:
        return first_translation(obj, "name")

    def save_model(self, request, obj, form, change):
        section_save(section=obj)


@admin.register(Tag)
class TagAdmin(TabbedTranslationAdmin):
    list_display = ("label",)
    search_fields = [column_name("name", c) for c in LANGUAGE_CODES]

    @admin.display(description=_("name"))
    def label(self, obj: Tag) -> str:
        return first_translation(obj, "name")

    def save_model(self, request, obj, form, change):
        tag_save(tag=obj)


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ["name"]

    def save_model(self, request, obj, form, change):
        author_save(author=obj)
