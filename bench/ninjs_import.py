"""Benchmark: import 7,000 ninjs language versions (500 articles × 14 languages).

Run by hand from the repository root (not part of the test suite):

    .venv/bin/python bench/ninjs_import.py                 # SQLite in a temporary folder
    .venv/bin/python bench/ninjs_import.py --articles 50    # a quicker look
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \
        .venv/bin/python bench/ninjs_import.py

It writes one NDJSON file of generated copy (600-word bodies, every language
of the site, each article with its own uri), migrates a fresh database, and
times `manage.py import_ninjs FILE --publish`. With DATABASE_URL set, that
database is used as it is (create it first; its tables are migrated).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "harbour bridge river council market ferry station museum archive observatory "
    "morning evening workers cyclists residents mayor report budget season weather "
    "opened closed announced said according plans year week city port district "
    "water light street school library garden festival lantern tram line crossing"
).split()


def generate(path: Path, articles: int, words: int, seed: int = 7) -> int:
    """Write `articles` × 14 ninjs 3.1 documents to `path`; return how many."""
    from articles.languages import LANGUAGE_CODES
    from articles.ninjs import bcp47

    rng = random.Random(seed)
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(articles):
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
                out.write(json.dumps(document, ensure_ascii=False) + "\n")
                count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--words", type=int, default=600)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="ninjs-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    data = workdir / "wire.ndjson"
    count = generate(data, args.articles, args.words)
    size = data.stat().st_size / 1024 / 1024
    print(f"{count} documents, {size:.1f} MB, database: {connection.vendor}")

    started = time.perf_counter()
    call_command("import_ninjs", str(data), "--publish", stdout=sys.stdout)
    elapsed = time.perf_counter() - started
    print(f"import_ninjs: {count} language versions in {elapsed:.1f} s ({count / elapsed:.0f}/s)")

    started = time.perf_counter()
    call_command("import_ninjs", str(data), "--publish", stdout=open(os.devnull, "w"))
    print(f"again (all skipped as the same version): {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
