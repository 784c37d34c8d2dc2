"""Test data. Texts are generated per language so each version is distinguishable."""

from __future__ import annotations

import io
from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from articles.domain.languages import LANGUAGE_CODES, column_name
from articles.domain.status import Status
from articles.models import Article, Author, Photo, Section, Tag
from articles.photos import staging
from articles.photos.renditions import ensure_renditions
from articles.photos.services import photo_create
from articles.photos.upload import validate_image_upload
from articles.services.articles import article_save


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
            setattr(obj, column_name("name", code), f"Section {number} [{code}]")
            setattr(obj, column_name("slug", code), f"section-{number}-{code}")
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
            setattr(obj, column_name("name", code), f"Tag {number} [{code}]")
            setattr(obj, column_name("slug", code), f"tag-{number}-{code}")
        if create:
            obj.save()


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Reporter {n}")


class PhotoFactory(factory.django.DjangoModelFactory):
    """A photo stored through the upload validator and service, as the admin stores one.

    `PhotoFactory(image=ContentFile(...))` for other content. Renditions are made
    at once (the service's task would only run after a commit tests never make).
    Small by default: 800 × 500 gets lead 400 and 800 and both squares.
    """

    class Meta:
        model = Photo
        skip_postgeneration_save = True

    image = factory.LazyFunction(lambda: ContentFile(jpeg_bytes(800, 500), name="lead.jpg"))
    credit = "IC"
    copyright_holder = "Newsroom"

    @classmethod
    def _create(cls, model_class, *, image, **kwargs):
        photo = photo_create(image=validate_image_upload(image), **kwargs)
        # The original moves from staging into place at commit, which tests never make.
        staged = staging.pending().get(photo.image.name)
        if staged:
            staging.publish(photo.image.storage, staged, photo.image.name)
        return photo

    @factory.post_generation
    def captions(obj, create, extracted, **kwargs):
        """`captions=("pt", "en")` fills caption and alt text in those languages."""
        for code in extracted or ():
            setattr(obj, column_name("caption", code), f"Caption in {code}")
            setattr(obj, column_name("alt_text", code), f"Alt text in {code}")
        if create:
            obj.save()
            ensure_renditions(obj)


class ArticleFactory(factory.django.DjangoModelFactory):
    """`ArticleFactory(languages=("pt", "en"))`: an article public in those languages.

    Each listed language gets a title, slug, summary and body, status published
    and a publication time an hour ago. `is_published=False` leaves them drafts;
    `published_at=...` gives every listed language that publication time.
    """

    class Meta:
        model = Article
        skip_postgeneration_save = True

    section = factory.SubFactory(SectionFactory)
    source_language = "en"
    # Not model fields: _create takes them off and the languages hook applies
    # them to every listed language.
    is_published = True
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @classmethod
    def _create(cls, model_class, *args, is_published, published_at, **kwargs):
        obj = model_class(*args, **kwargs)
        obj._factory_state = (is_published, published_at)
        obj.save()
        return obj

    @factory.post_generation
    def languages(obj, create, extracted, **kwargs):
        is_published, published_at = getattr(obj, "_factory_state", (True, None))
        number = Article.objects.count() + 1 if obj.pk is None else obj.pk
        for code in extracted or ("en",):
            setattr(obj, column_name("title", code), f"Headline {number} in {code}")
            setattr(obj, column_name("slug", code), f"headline-{number}-{code}")
            setattr(obj, column_name("summary", code), f"Summary {number} in {code}")
            setattr(obj, column_name("body", code), f"<p>Body {number} in {code}</p>")
            setattr(
                obj, column_name("status", code), Status.PUBLISHED if is_published else Status.DRAFT
            )
            setattr(obj, column_name("published_at", code), published_at if is_published else None)
        if create:
            # Through the service, as every writer: text versions, dates, a revision.
            article_save(article=obj, actor="factory")
