"""Writes of sections, tags and authors: sections and tags remember the slugs they give up."""

from __future__ import annotations

from django.db import transaction

from articles.models import Author, Section, Tag
from articles.services.redirects import remember_retired_slugs, stored_slugs


def _save_named(obj: Section | Tag) -> None:
    with transaction.atomic():
        before = stored_slugs(obj) if obj.pk is not None else {}
        obj.save()
        if before:
            remember_retired_slugs(obj, before)


def section_save(*, section: Section) -> Section:
    """Save `section`; an old slug it gives up in a language redirects to it."""
    _save_named(section)
    return section


def tag_save(*, tag: Tag) -> Tag:
    """Save `tag`; an old slug it gives up in a language redirects to it."""
    _save_named(tag)
    return tag


def author_save(*, author: Author) -> Author:
    """Save `author`; one without a slug gets one from the name (the model's rule)."""
    author.full_clean()
    author.save()
    return author
