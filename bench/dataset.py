"""Benchmark data: N articles × 14 languages with photos, through the import path.

Run by hand from the repository root (not part of the test suite):

    .venv/bin/python bench/dataset.py --out /tmp/site           # 5,000 articles, SQLite in --out
    .venv/bin/python bench/dataset.py --out /tmp/site --articles 50 --photos 5
    .venv/bin/python bench/dataset.py --out /tmp/site-pg \\
        --database-url postgres://postgres@127.0.0.1:5432/bench_site --recreate

It writes agency copy as ninjs 3.1 (600-word bodies by default, every language
of the site, each article with its own uri and a picture: `--photos` distinct
small JPEGs shared round-robin, so the renditions stay affordable), migrates
the database and imports the copy with `manage.py import_ninjs --publish`,
`--batch` articles per run (each run one transaction, as the wire would send
them). The renditions are made by the tasks the import queues.

Into `--out` go: `bench.sqlite3` (unless --database-url), `media/` and
`private_media/` (renditions and originals), `urls.txt` (every public article
URL, one per line, in random order: what the load tools request) and
`dataset.json` (the database URL, media folders and counts, for the tools).

A PostgreSQL database must be empty (no articles) or named with --recreate,
which drops and creates it again. Other modules import `generate`,
`make_photos`, `environment` and `build` from here.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "harbour bridge river council market ferry station museum archive observatory "
    "morning evening workers cyclists residents mayor report budget season weather "
    "opened closed announced said according plans year week city port district "
    "water light street school library garden festival lantern tram line crossing"
).split()
PHOTO_SIZE = (1600, 1067)
URLS_FILE = "urls.txt"
MANIFEST_FILE = "dataset.json"


# ---------------------------------------------------------------- copy and photos


def documents(
    first: int, last: int, words: int, seed: int = 7, photos: list[Path] | None = None
) -> Iterator[dict]:
    """ninjs 3.1 documents for articles first..last-1, every language of the site.

    Article n's text depends only on (seed, n), so batches can be written apart.
    With `photos`, article n gets photos[n % len(photos)], href relative to the
    photos' folder's parent (where the NDJSON file is written).
    """
    from articles.domain.languages import LANGUAGE_CODES
    from articles.ninjs.export import bcp47

    for number in range(first, last):
        rng = random.Random(f"{seed}:{number}")
        for code in LANGUAGE_CODES:
            paragraphs = []
            remaining = words
            while remaining > 0:
                size = min(remaining, rng.randint(40, 80))
                paragraphs.append(" ".join(rng.choice(WORDS) for _ in range(size)))
                remaining -= size
            document = {
                "uri": f"urn:newsroom-bench:story:{number}",
                "type": "text",
                "version": "1",
                "firstCreated": "2026-01-01T06:00:00Z",
                "versionCreated": f"2026-01-01T{6 + number % 12:02d}:30:00Z",
                "language": bcp47(code),
                "by": f"Bench Writer {number % 17}",
                "headlines": [
                    {
                        "role": "main",
                        "value": f"Story {number} [{code}]: "
                        + " ".join(rng.choice(WORDS) for _ in range(6)),
                    }
                ],
                "descriptions": [
                    {"role": "summary", "value": " ".join(rng.choice(WORDS) for _ in range(25))}
                ],
                "bodies": [
                    {
                        "contentType": "text/html",
                        "value": "".join(f"<p>{p}.</p>" for p in paragraphs),
                    }
                ],
            }
            if photos:
                document["associations"] = [_picture(number, code, photos)]
            yield document


def _picture(number: int, code: str, photos: list[Path]) -> dict:
    photo = number % len(photos)
    path = photos[photo]
    return {
        "name": "featureimage",
        "type": "picture",
        "uri": f"urn:newsroom-bench:photo:{photo}",
        "by": "Bench Photographer",
        "headlines": [{"value": f"Bench photo {photo}"}],
        "descriptions": [
            {"role": "caption", "value": f"Caption of photo {photo} for story {number} [{code}]"}
        ],
        "renditions": [
            {
                "name": "original",
                "href": f"{path.parent.name}/{path.name}",
                "contentType": "image/jpeg",
                "width": PHOTO_SIZE[0],
                "height": PHOTO_SIZE[1],
            }
        ],
    }


def generate(
    path: Path,
    articles: int,
    words: int,
    seed: int = 7,
    photos: list[Path] | None = None,
    first: int = 0,
) -> int:
    """Write articles first..first+articles-1 × 14 languages to `path` (NDJSON); return how many."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for document in documents(first, first + articles, words, seed, photos):
            out.write(json.dumps(document, ensure_ascii=False) + "\n")
            count += 1
    return count


def make_photos(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """`count` 1600 × 1067 JPEGs (gradient + noise, so they compress like photos)."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    gradient = Image.linear_gradient("L").resize(PHOTO_SIZE)
    for number in range(count):
        noise = Image.effect_noise(PHOTO_SIZE, 40 + rng.randint(0, 20))
        shift = rng.randint(0, 255)
        tint = gradient.point(lambda v, k=shift: (v + k) % 256)
        image = Image.merge("RGB", (gradient, noise, tint))
        path = folder / f"photo-{number}.jpg"
        image.save(path, "JPEG", quality=85)
        paths.append(path)
    return paths


# ------------------------------------------------------------------ the site


def environment(out: Path, database_url: str | None = None) -> dict[str, str]:
    """The settings (environment variables) of a site built into `out`."""
    return {
        "DATABASE_URL": database_url or f"sqlite:///{out / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(out / "media"),
        "PRIVATE_MEDIA_ROOT": str(out / "private_media"),
        "MEDIA_STORAGE": "filesystem",
        # Renditions are made as the import commits, in this process.
        "TASKS_BACKEND": "immediate",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }


def prepare_database(url: str, recreate: bool) -> None:
    """Make sure the database exists, empty if `recreate`; before Django connects."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if recreate:
            path.unlink(missing_ok=True)
        return
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1].split("?", 1)[0]
    maintenance = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(maintenance, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and recreate:
            connection.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
        if recreate or not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def build(
    out: Path,
    articles: int,
    photos: int,
    words: int = 600,
    seed: int = 7,
    batch: int = 500,
    quiet: bool = False,
) -> dict:
    """Migrate, import the copy in batches, write urls.txt and dataset.json; return the manifest.

    Django's settings come from the environment (see `environment`).
    """
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from articles.models import Article

    say = (lambda *a: None) if quiet else (lambda *a: print(*a, flush=True))
    out.mkdir(parents=True, exist_ok=True)
    timings = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if Article.objects.exists():
        raise SystemExit(
            f"the database already holds {Article.objects.count()} articles: "
            "give an empty one, or --recreate"
        )
    pictures = make_photos(out / "photos", photos, seed) if photos else None
    timings["setup"] = time.perf_counter() - started

    imported = 0
    import_seconds = 0.0
    wire = out / "wire.ndjson"
    for first in range(0, articles, batch):
        size = min(batch, articles - first)
        generate(wire, size, words, seed, pictures, first=first)
        begun = time.perf_counter()
        with open(os.devnull, "w") as devnull:
            call_command("import_ninjs", str(wire), "--publish", stdout=devnull)
        import_seconds += time.perf_counter() - begun
        imported += size
        say(f"  imported {imported}/{articles} articles ({import_seconds:.0f} s importing)")
    wire.unlink(missing_ok=True)
    timings["import"] = import_seconds

    begun = time.perf_counter()
    urls = write_urls(out / URLS_FILE, seed)
    timings["urls"] = time.perf_counter() - begun
    timings["total"] = time.perf_counter() - started
    manifest = {
        "database_url": os.environ["DATABASE_URL"],
        "media_root": str(settings.MEDIA_ROOT),
        "private_media_root": str(settings.PRIVATE_MEDIA_ROOT),
        "articles": Article.objects.count(),
        "language_versions": articles * len(settings.LANGUAGES),
        "public_urls": urls,
        "photos": photos,
        "words": words,
        "seconds": {name: round(value, 1) for name, value in timings.items()},
    }
    (out / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def write_urls(path: Path, seed: int = 7) -> int:
    """Every public article URL in every language, shuffled, one per line; return how many."""
    from articles.domain.languages import LANGUAGE_CODES
    from articles.models import Article

    urls = []
    for code in LANGUAGE_CODES:
        for article in Article.objects.public_in(code).only("pk", *_slug_columns()):
            urls.append(article.get_absolute_url(code))
    random.Random(seed).shuffle(urls)
    path.write_text("".join(f"{url}\n" for url in urls), encoding="utf-8")
    return len(urls)


def _slug_columns() -> list[str]:
    from articles.domain.languages import LANGUAGE_CODES, column_name

    return [column_name("slug", code) for code in LANGUAGE_CODES]


def read_urls(out: Path) -> list[str]:
    """The URLs `build` wrote into `out`, in their random order."""
    return (out / URLS_FILE).read_text(encoding="utf-8").split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--photos", type=int, default=20, help="distinct photos (default 20)")
    parser.add_argument("--words", type=int, default=600, help="words per body (default 600)")
    parser.add_argument("--batch", type=int, default=500, help="articles per import run")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--database-url", help="default: a new SQLite file in --out (PostgreSQL: see above)"
    )
    parser.add_argument(
        "--recreate", action="store_true", help="drop and create the database first"
    )
    parser.add_argument("--out", type=Path, help="folder to build into (default: a new temp one)")
    args = parser.parse_args()

    out = (args.out or Path(tempfile.mkdtemp(prefix="newsroom-dataset-"))).resolve()
    out.mkdir(parents=True, exist_ok=True)
    env = environment(out, args.database_url)
    prepare_database(env["DATABASE_URL"], args.recreate or not args.database_url)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret")
    sys.path.insert(0, str(ROOT))
    manifest = build(out, args.articles, args.photos, args.words, args.seed, args.batch)
    seconds = manifest["seconds"]
    print(
        f"{manifest['articles']} articles, {manifest['language_versions']} language versions, "
        f"{manifest['public_urls']} public URLs, {args.photos} photos; "
        f"{seconds['total']:.0f} s in all ({seconds['import']:.0f} s importing, "
        f"renditions included) into {out}"
    )


if __name__ == "__main__":
    main()
