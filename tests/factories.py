"""Test data. Texts are generated per language so each version is distinguishable."""

from __future__ import annotations

import io
from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from articles.languages import LANGUAGE_CODES, column_suffix
from articles.models import Article, Author, Photo, Section, Tag
from articles.photos import ensure_renditions


def jpeg_bytes(width: int = 64, height: int = 48, color=(120, 40, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, "JPEG")
    return out.getvalue()


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        skip_postgeneration_save = True

    @factory.post_generation
    def names(obj, create, extracted, **kwargs):
        """Name and slug in every language: 'World 3 [pt]', 'world-3-pt'."""
        number = obj.pk or Section.objects.count() + 1
        for code in LANGUAGE_CODES:
            suffix = column_suffix(code)
            setattr(obj, f"name_{suffix}", f"Section {number} [{code}]")
            setattr(obj, f"slug_{suffix}", f"section-{number}-{suffix}")
        if create:
            obj.save()


class TagFactory(factory.django.DjangoModelFactory):
    """`TagFactory(languages=("pt", "en"))`: named in those languages only (default: all)."""

    class Meta:
        model = Tag
        skip_postgeneration_save = True

    @factory.post_generation
    def languages(obj, create, extracted, **kwargs):
        number = obj.pk or Tag.objects.count() + 1
        for code in extracted or LANGUAGE_CODES:
            suffix = column_suffix(code)
            setattr(obj, f"name_{suffix}", f"Tag {number} [{code}]")
            setattr(obj, f"slug_{suffix}", f"tag-{number}-{suffix}")
        if create:
            obj.save()


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Reporter {n}")


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo
        skip_postgeneration_save = True

    image = factory.LazyFunction(lambda: ContentFile(jpeg_bytes(1600, 1000), name="lead.jpg"))
    credit = "IC"
    copyright_holder = "Newsroom"

    @factory.post_generation
    def captions(obj, create, extracted, **kwargs):
        """`captions=("pt", "en")` fills caption and alt text in those languages."""
        for code in extracted or ():
            setattr(obj, f"caption_{column_suffix(code)}", f"Caption in {code}")
            setattr(obj, f"alt_text_{column_suffix(code)}", f"Alt text in {code}")
        if create:
            obj.save()
            ensure_renditions(obj)


class ArticleFactory(factory.django.DjangoModelFactory):
    """`ArticleFactory(languages=("pt", "en"))`: title, slug, summary and body in those."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    section = factory.SubFactory(SectionFactory)
    source_language = "en"
    is_published = True
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def languages(obj, create, extracted, **kwargs):
        number = Article.objects.count() + 1 if obj.pk is None else obj.pk
        for code in extracted or ("en",):
            suffix = column_suffix(code)
            setattr(obj, f"title_{suffix}", f"Headline {number} in {code}")
            setattr(obj, f"slug_{suffix}", f"headline-{number}-{suffix}")
            setattr(obj, f"summary_{suffix}", f"Summary {number} in {code}")
            setattr(obj, f"body_{suffix}", f"<p>Body {number} in {code}</p>")
        if create:
            obj.save()
