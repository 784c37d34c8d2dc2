"""`manage.py load_demo`: sections, authors, photos and articles to look at.

The content lives in ``articles/management/demo_content.py``. Running the command twice
creates nothing the second time and changes nothing: each row is looked up by
a column it already has (a section by its English slug, an author by name, an
article by its slug in its source language) and, when found, left alone.

The whole run is one transaction. Files written during a run that fails (lead
photos and their renditions) are deleted again, so a failed run leaves neither
rows nor files behind.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation
from PIL import Image, ImageDraw, ImageFilter

from articles.domain.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, column_name
from articles.domain.slugs import slug_from
from articles.domain.status import Status
from articles.management import demo_content
from articles.models import Article, Author, Photo, Rendition, Section
from articles.photos.renditions import ensure_renditions
from articles.photos.services import photo_create
from articles.photos.staging import discard
from articles.photos.upload import validate_image_upload
from articles.services.articles import article_save
from articles.services.taxonomy import author_save, section_save

PHOTO_SIZE = (1600, 1000)
PHOTO_QUALITY = 88


# --- Pictures ------------------------------------------------------------------


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def demo_picture(key: str, colours, bands: str = "horizontal") -> bytes:
    """An abstract 1600×1000 JPEG: a gradient, soft bands and translucent circles.

    `colours` is (dark, light, accent). The same key always gives the same bytes:
    every random choice comes from a generator seeded with the key.
    """
    rng = random.Random(f"newsroom-demo:{key}")  # noqa: S311 - pictures, not secrets
    dark, light, accent = (tuple(c) for c in colours)
    width, height = PHOTO_SIZE

    # Background: a gradient from the dark colour to the light one at a slant.
    # The square is large enough that, turned, it still covers the whole frame.
    side = math.ceil(math.hypot(width, height)) + 2
    mask = Image.linear_gradient("L").resize((side, side), Image.Resampling.BICUBIC)
    mask = mask.rotate(rng.uniform(20, 70), resample=Image.Resampling.BICUBIC)
    left, top = (side - width) // 2, (side - height) // 2
    mask = mask.crop((left, top, left + width, top + height))
    image = Image.composite(
        Image.new("RGB", PHOTO_SIZE, light), Image.new("RGB", PHOTO_SIZE, dark), mask
    ).convert("RGBA")

    # Bands: wide translucent strokes across the frame.
    layer = Image.new("RGBA", PHOTO_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for _ in range(rng.randint(4, 7)):
        colour = _mix(dark, accent, rng.uniform(0.2, 1.0))
        alpha = rng.randint(40, 110)
        thickness = rng.randint(30, 140)
        y = rng.uniform(0.05, 0.95) * height
        if bands == "wavy":
            amplitude = rng.uniform(20, 90)
            wavelength = rng.uniform(300, 900)
            phase = rng.uniform(0, math.tau)
            points = [
                (x, y + amplitude * math.sin(phase + math.tau * x / wavelength))
                for x in range(-40, width + 41, 20)
            ]
            draw.line(points, fill=(*colour, alpha), width=thickness, joint="curve")
        else:
            tilt = rng.uniform(-0.45, -0.15) * height if bands == "slanted" else 0.0
            draw.polygon(
                [
                    (0, y),
                    (width, y + tilt),
                    (width, y + tilt + thickness),
                    (0, y + thickness),
                ],
                fill=(*colour, alpha),
            )
    image = Image.alpha_composite(image, layer.filter(ImageFilter.GaussianBlur(6)))

    # Circles: a few large soft discs and some small sharp ones.
    layer = Image.new("RGBA", PHOTO_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for index in range(rng.randint(7, 12)):
        large = index < 3
        radius = rng.uniform(180, 380) if large else rng.uniform(20, 110)
        cx, cy = rng.uniform(0, width), rng.uniform(0, height)
        colour = _mix(light, accent, rng.uniform(0.3, 1.0)) if large else accent
        alpha = rng.randint(35, 80) if large else rng.randint(90, 190)
        box = (cx - radius, cy - radius, cx + radius, cy + radius)
        if rng.random() < 0.3 and not large:
            draw.ellipse(box, outline=(*colour, alpha), width=rng.randint(4, 12))
        else:
            draw.ellipse(box, fill=(*colour, alpha))
    image = Image.alpha_composite(image, layer.filter(ImageFilter.GaussianBlur(1.5)))

    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=PHOTO_QUALITY)
    return out.getvalue()


# --- Loading -------------------------------------------------------------------


@dataclass
class Tally:
    created: int = 0
    skipped: int = 0


@dataclass
class Run:
    """What one run did, and the files it wrote (to delete if it fails)."""

    sections: Tally = field(default_factory=Tally)
    authors: Tally = field(default_factory=Tally)
    articles: Tally = field(default_factory=Tally)
    photos: Tally = field(default_factory=Tally)
    new_photo_ids: list[int] = field(default_factory=list)
    # Originals this run staged (moved into place only when it commits).
    staged: list[tuple[Storage, str]] = field(default_factory=list)


def article_key_slug(entry: dict) -> tuple[str, str]:
    """(column, value) that identifies a demo article: its slug in its source language."""
    source = entry["source_language"]
    text = entry["text"][source]
    return column_name("slug", source), text.get("slug") or slug_from(text["title"])


class Command(BaseCommand):
    help = (
        "Load demo sections, authors, photos and articles in several languages. "
        "Safe to run again: what is already there is left as it is."
    )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        run = Run()
        try:
            with transaction.atomic():
                self.load(run)
        except BaseException:
            self.remove_files(run)
            raise
        self.report(run)

    # -- steps -------------------------------------------------------------

    def load(self, run: Run) -> None:
        sections = {entry["key"]: self.section(entry, run) for entry in demo_content.SECTIONS}
        authors = {name: self.author(name, run) for name in demo_content.AUTHORS}
        now = timezone.now()
        for entry in demo_content.ARTICLES:
            self.article(entry, sections, authors, now, run)

    def section(self, entry: dict, run: Run) -> Section:
        lookup = {column_name("slug", DEFAULT_LANGUAGE): entry["slug"][DEFAULT_LANGUAGE]}
        existing = Section.objects.filter(**lookup).first()
        if existing is not None:
            run.sections.skipped += 1
            self.note(f"Section {entry['key']!r}: already present")
            return existing
        section = Section(position=entry["position"])
        for code in LANGUAGE_CODES:
            setattr(section, column_name("name", code), entry["name"][code])
            if code in entry["slug"]:
                setattr(section, column_name("slug", code), entry["slug"][code])
        with translation.override(DEFAULT_LANGUAGE):
            section.full_clean()  # fills the slugs of non-Latin scripts from the name
            section_save(section=section)
        run.sections.created += 1
        self.note(f"Section {entry['key']!r}: created")
        return section

    def author(self, name: str, run: Run) -> Author:
        existing = Author.objects.filter(name=name).order_by("pk").first()
        if existing is not None:
            run.authors.skipped += 1
            self.note(f"Author {name!r}: already present")
            return existing
        author = author_save(author=Author(name=name))
        run.authors.created += 1
        self.note(f"Author {name!r}: created")
        return author

    def article(self, entry: dict, sections, authors, now, run: Run) -> None:
        column, slug = article_key_slug(entry)
        if Article.objects.filter(**{column: slug}).exists():
            run.articles.skipped += 1
            run.photos.skipped += 1
            self.note(f"Article {entry['key']!r} ({column}={slug}): already present")
            return

        source = entry["source_language"]
        article = Article(section=sections[entry["section"]], source_language=source)
        # Each language version keeps its own timetable: the original first,
        # each translation going out a little later (never in the future).
        first = now - timedelta(hours=entry["hours_ago"] or 0)
        for code, text in entry["text"].items():
            if entry["is_published"]:
                delay = timedelta(minutes=0 if code == source else 40)
                setattr(article, column_name("status", code), Status.PUBLISHED)
                setattr(article, column_name("published_at", code), min(first + delay, now))
            setattr(article, column_name("title", code), text["title"])
            setattr(article, column_name("summary", code), text["summary"])
            setattr(article, column_name("body", code), text["body"])
            if code in demo_content.LATIN_SCRIPT_LANGUAGES:
                setattr(article, column_name("slug", code), text["slug"])
        article.photo = self.photo(entry, run)
        # As in the admin: model validation fills the missing (non-Latin) slugs
        # from the titles and checks every slug against the unique constraints.
        # The active language is the source language, so the untranslated
        # `title` field validated by Django reads a language the article has.
        with translation.override(source):
            article.full_clean()
            # Through the service, as the admin saves: text versions, dates, a revision.
            article_save(article=article, actor="load_demo")
        article.authors.set([authors[name] for name in entry["authors"]])
        run.articles.created += 1
        self.note(f"Article {entry['key']!r} ({column}={slug}): created")

    def photo(self, entry: dict, run: Run) -> Photo:
        spec = entry["photo"]
        picture = demo_picture(entry["key"], spec["colours"], spec.get("bands", "horizontal"))
        # Through the upload validator and service, as an editor's upload.
        photo = photo_create(
            image=validate_image_upload(ContentFile(picture, name=f"demo-{entry['key']}.jpg")),
            credit=spec["credit"],
            copyright_holder=spec["copyright_holder"],
            captions={code: spec["caption"][code] for code in entry["text"]},
            alt_texts={code: spec["alt_text"][code] for code in entry["text"]},
            on_staged=lambda storage, name: run.staged.append((storage, name)),
        )
        run.new_photo_ids.append(photo.pk)
        # Rendered now rather than by the task after commit, so the demo is
        # complete when the command returns and a failure rolls it all back.
        ensure_renditions(photo)
        run.photos.created += 1
        return photo

    # -- failure -----------------------------------------------------------

    def remove_files(self, run: Run) -> None:
        """Delete what this run wrote; called after its transaction rolled back."""
        # Renditions live in a folder per photo (renditions/<pk>/); primary
        # keys are never reused, so the folders of photos this run created
        # hold nothing a committed row uses.
        storage = Rendition._meta.get_field("file").storage
        for pk in run.new_photo_ids:
            try:
                _, names = storage.listdir(f"renditions/{pk}")
            except (FileNotFoundError, NotImplementedError):
                continue
            for name in names:
                storage.delete(f"renditions/{pk}/{name}")
        # Originals this run wrote are still staged (originals of photos that
        # were already there were shared, not written): none is in use.
        for storage, name in run.staged:
            discard(storage, name)

    # -- output ------------------------------------------------------------

    def note(self, message: str) -> None:
        if self.verbosity >= 2:
            self.stdout.write(message)

    def report(self, run: Run) -> None:
        for label, tally in (
            ("Sections", run.sections),
            ("Authors", run.authors),
            ("Articles", run.articles),
            ("Photos", run.photos),
        ):
            self.stdout.write(
                self.style.SUCCESS(
                    f"{label}: {tally.created} created, {tally.skipped} already present"
                )
            )
