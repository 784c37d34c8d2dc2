"""Benchmark: the translate view with 14 languages present, beside the change form.

Run by hand from the repository root (not part of the test suite):

    .venv/bin/python bench/translate_view.py                  # a fresh SQLite database
    .venv/bin/python bench/translate_view.py --database-url postgres://…/newsroom_bench

It builds its own small site in a temporary folder (migrations, one article
written in Portuguese and translated into the 13 other languages, with a
photo captioned in all of them, and one without its Finnish version; the
Finnish translation of the first is outdated, so the view shows staleness),
logs a superuser in (Django's test client, in this process, DEBUG off) and
GETs each page `--runs` times after two unmeasured ones. Prints the median,
the slowest, the median CPU time of this process and the number of queries.
The aim for the translate view is under 150 ms.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from admin_list import measure  # noqa: E402 - bench/ is on the path above


def build_site():
    """Two articles: one in all 14 languages (fi outdated), one lacking fi."""
    from django.core.files.base import ContentFile
    from PIL import Image

    from articles.domain.languages import LANGUAGE_CODES, column_name
    from articles.domain.provenance import mark_translation
    from articles.domain.status import Origin, Status
    from articles.models import Article, Section
    from articles.photos.services import photo_create
    from articles.photos.upload import validate_image_upload
    from articles.services.articles import article_save

    section = Section.objects.create(name_en="World", slug_en="world")
    jpeg = io.BytesIO()
    Image.new("RGB", (800, 500), (90, 120, 160)).save(jpeg, "JPEG")
    photo = photo_create(
        image=validate_image_upload(ContentFile(jpeg.getvalue(), name="lead.jpg")),
        credit="Bench",
        captions={code: f"Legenda {code}" for code in LANGUAGE_CODES},
        alt_texts={code: f"Descrição {code}" for code in LANGUAGE_CODES},
    )
    paragraphs = "".join(
        f"<p>Parágrafo {n} de uma notícia longa o bastante.</p>" for n in range(30)
    )
    articles = []
    for number, languages in enumerate((LANGUAGE_CODES, [c for c in LANGUAGE_CODES if c != "fi"])):
        article = Article(section=section, source_language="pt", photo=photo)
        for code in languages:
            for field, value in (
                ("title", f"Notícia {number} [{code}]"),
                ("slug", f"noticia-{number}-{code}"),
                ("summary", f"Resumo {number} [{code}]"),
                ("body", paragraphs),
            ):
                setattr(article, column_name(field, code), value)
            setattr(article, column_name("status", code), Status.PUBLISHED)
        article_save(article=article, actor="bench")
        for code in languages:
            if code != "pt":
                mark_translation(article, code, source="pt", origin=Origin.HUMAN)
        article_save(article=article, actor="bench")
        articles.append(article)
    # The Portuguese text moves on: the Finnish translation is now outdated.
    articles[0].body_pt = paragraphs.replace("Parágrafo 3 ", "Parágrafo três ")
    article_save(article=articles[0], actor="bench")
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url", help="default: SQLite in a temporary folder")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="translate-bench-"))
    os.environ.update(
        {
            "DATABASE_URL": args.database_url or f"sqlite:///{folder / 'bench.sqlite3'}",
            "MEDIA_ROOT": str(folder / "media"),
            "PRIVATE_MEDIA_ROOT": str(folder / "private"),
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "bench-only-not-a-secret",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_HTTPS": "false",
            "STATIC_ROOT": str(folder / "static"),
        }
    )
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    # DEBUG off serves static files through their manifest.
    call_command("collectstatic", "--noinput", verbosity=0)
    full, lacking = build_site()
    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    pages = {
        "translate fi (outdated)": reverse("admin:article_translate", args=[full.pk, "fi"]),
        "translate fi (missing)": reverse("admin:article_translate", args=[lacking.pk, "fi"]),
        "translate fi, source en": reverse("admin:article_translate", args=[full.pk, "fi"])
        + "?source=en",
        "change form": reverse("admin:articles_article_change", args=[full.pk]),
    }
    print(f"{connection.vendor}, 14 languages, median of {args.runs} GETs (test client, DEBUG off)")
    for name, url in pages.items():
        result = measure(client, url, args.runs)
        print(
            f"{name:26} {result['median']:7.1f} ms median  {result['max']:7.1f} ms max  "
            f"{result['cpu']:6.1f} ms CPU  {result['queries']:3d} queries"
        )


if __name__ == "__main__":
    main()
