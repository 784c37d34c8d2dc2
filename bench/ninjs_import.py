"""Benchmark: import 7,000 ninjs language versions (500 articles × 14 languages).

Run by hand from the repository root (not part of the test suite):

    .venv/bin/python bench/ninjs_import.py                 # SQLite in a temporary folder
    .venv/bin/python bench/ninjs_import.py --articles 50    # a quicker look
    .venv/bin/python bench/ninjs_import.py \\
        --database-url postgres://postgres@127.0.0.1:5432/bench_import

It writes one NDJSON file of generated copy (bench/dataset.py's generator:
600-word bodies, every language of the site, each article with its own uri;
`--photos N` gives them N shared pictures), migrates a fresh database and
times `manage.py import_ninjs FILE --publish`, then the same file again (every
version skipped as already there). A PostgreSQL database named by
--database-url is dropped and created again first: give it a throwaway name.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from dataset import environment, generate, make_photos, prepare_database  # noqa: E402


def cpu_seconds(connection) -> tuple[float, float]:
    """CPU time used so far by this process and by its database server process.

    On a machine busy with other work, wall time says little; the CPU time
    of both sides is what the import itself costs. The server's is read from
    /proc (Linux, server on this machine); 0 for SQLite or when unreadable.
    """
    server = 0.0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            server = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            server = 0.0
    return time.process_time(), server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--photos", type=int, default=0, help="distinct photos (default none)")
    parser.add_argument("--database-url", help="default: SQLite in a temporary folder")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="ninjs-bench-"))
    env = environment(workdir, args.database_url)
    prepare_database(env["DATABASE_URL"], recreate=True)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        call_command("migrate", verbosity=0)
        photos = make_photos(workdir / "photos", args.photos) if args.photos else None
        data = workdir / "wire.ndjson"
        count = generate(data, args.articles, args.words, photos=photos)
        size = data.stat().st_size / 1024 / 1024
        print(f"{count} documents, {size:.1f} MB, database: {connection.vendor}")

        started, cpu = time.perf_counter(), cpu_seconds(connection)
        call_command("import_ninjs", str(data), "--publish", stdout=sys.stdout)
        elapsed = time.perf_counter() - started
        now = cpu_seconds(connection)
        here, server = now[0] - cpu[0], now[1] - cpu[1]
        print(
            f"import_ninjs: {count} language versions in {elapsed:.1f} s "
            f"({count / elapsed:.0f}/s); CPU {here:.1f} s here + {server:.1f} s database server"
        )

        started = time.perf_counter()
        with open(os.devnull, "w") as devnull:
            call_command("import_ninjs", str(data), "--publish", stdout=devnull)
        print(f"again (all skipped as the same version): {time.perf_counter() - started:.1f} s")
    finally:
        connection.close()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
