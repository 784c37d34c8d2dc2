"""An import killed with `kill -9` mid-run: the database is unchanged, no file is
left that the database does not know, and running the import again succeeds.

`manage.py import_ninjs` runs as a real process against a database of its own
(a file copy of the SQLite test database, or a copy of the PostgreSQL one made
from it as a template), writing into temporary media folders. The test waits
until the import has written picture files, kills it, and looks.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

from tests.support.ninjs_support import picture_bytes, text_doc, write_json
from tests.support.site_server import ROOT, copy_test_database

ARTICLES = 120  # × 2 languages: long enough a write phase to kill it in
WITH_PICTURES = 4  # the first ones, so files are written early in the write phase

on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def wire(folder: Path) -> Path:
    folder.mkdir()
    documents = []
    for n in range(ARTICLES):
        extra = {}
        if n < WITH_PICTURES:
            (folder / f"p{n}.png").write_bytes(picture_bytes((48, 32), "PNG", (n, 200 - n, 90)))
            extra["associations"] = [
                {
                    "uri": f"urn:test:picture:{n}",
                    "type": "picture",
                    "by": "Wire Photographer",
                    "renditions": [{"href": f"p{n}.png", "contentType": "image/png"}],
                }
            ]
        documents += [text_doc(f"urn:test:story:{n}", code, **extra) for code in ("pt", "en")]
    return write_json(folder / "items.json", documents)


class SiteDatabase:
    """The import's own database, and plain SQL to look into it."""

    def __init__(self, tmp_path: Path) -> None:
        if on_postgres:
            import psycopg

            db = settings.DATABASES["default"]
            self.params = {
                "host": db.get("HOST") or "127.0.0.1",
                "port": int(db.get("PORT") or 5432),
                "user": db.get("USER") or "postgres",
            }
            self.name = f"faults_killed_{os.getpid()}"
            connections.close_all()  # a template must have no other sessions
            with psycopg.connect(dbname="postgres", autocommit=True, **self.params) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
                admin.execute(f'CREATE DATABASE "{self.name}" TEMPLATE "{db["NAME"]}"')
            p = self.params
            self.url = f"postgres://{p['user']}@{p['host']}:{p['port']}/{self.name}"
        else:
            self.path = tmp_path / "site.sqlite3"
            copy_test_database(self.path)
            self.url = f"sqlite:///{self.path}"

    def rows(self, sql: str) -> list[tuple]:
        if on_postgres:
            import psycopg

            with psycopg.connect(dbname=self.name, **self.params) as conn:
                return conn.execute(sql).fetchall()
        with sqlite3.connect(self.path) as conn:  # rolls a killed writer's journal back
            result = conn.execute(sql).fetchall()
        conn.close()
        return result

    def state(self) -> dict[str, int]:
        tables = ("articles_article", "articles_photo", "articles_rendition", "articles_section")
        return {t: self.rows(f"SELECT count(*) FROM {t}")[0][0] for t in tables}  # noqa: S608

    def referenced_files(self) -> set[str]:
        originals = {r[0] for r in self.rows("SELECT image FROM articles_photo")}
        renditions = {
            r[0] for r in self.rows("SELECT file FROM articles_rendition WHERE file <> ''")
        }
        return {f"private/{n}" for n in originals} | {f"media/{n}" for n in renditions}

    def drop(self) -> None:
        if on_postgres:
            import psycopg

            with psycopg.connect(dbname="postgres", autocommit=True, **self.params) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def stored_files(root: Path) -> dict[str, set[str]]:
    """Files under media/ and private/, apart from the staging area, and those in it."""
    found: dict[str, set[str]] = {"placed": set(), "staged": set()}
    for kind in ("media", "private"):
        for path in (root / kind).rglob("*"):
            if path.is_file():
                name = path.relative_to(root).as_posix()
                found["staged" if name.startswith(f"{kind}/staging/") else "placed"].add(name)
    return found


def import_command(items: Path, db: SiteDatabase, media: Path) -> tuple[list[str], dict]:
    env = {
        **os.environ,
        "DATABASE_URL": db.url,
        "MEDIA_ROOT": str(media / "media"),
        "PRIVATE_MEDIA_ROOT": str(media / "private"),
        "CACHE_URL": "locmemcache://",
        "TASKS_BACKEND": "immediate",
        "DJANGO_SECRET_KEY": "tests-only-not-a-secret",
    }
    return [sys.executable, "manage.py", "import_ninjs", str(items), "--publish"], env


@pytest.mark.django_db
def test_an_import_killed_mid_run_leaves_nothing_and_a_rerun_succeeds(tmp_path):
    items = wire(tmp_path / "wire")
    db = SiteDatabase(tmp_path)
    try:
        before = db.state()
        command, env = import_command(items, db, tmp_path)
        staging = tmp_path / "private" / "staging"
        with (tmp_path / "killed.log").open("wb") as log:
            run = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)  # noqa: S603
            # Until it has written picture files (bounded: it must get there).
            deadline = time.monotonic() + 120
            while not any(p.is_file() for p in staging.rglob("*")) and run.poll() is None:
                assert time.monotonic() < deadline, "the import never wrote a picture"
                time.sleep(0.01)
            run.send_signal(signal.SIGKILL)
            assert run.wait() == -signal.SIGKILL, "the import ended before it could be killed"

        assert db.state() == before  # nothing of the run was committed
        files = stored_files(tmp_path)
        # What it had written sits in the staging area only, never where an original lives.
        assert files["staged"]
        assert files["placed"] == set()

        rerun = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603
        assert rerun.returncode == 0, rerun.stderr
        after = db.state()
        assert after["articles_article"] == before["articles_article"] + ARTICLES
        assert after["articles_photo"] == before["articles_photo"] + WITH_PICTURES
        files = stored_files(tmp_path)
        assert files["staged"] == set()  # the dead run's files were swept
        # Every file is one the database uses, and every original it names is there.
        assert files["placed"] == db.referenced_files()
        assert len([f for f in files["placed"] if f.startswith("private/")]) == WITH_PICTURES
    finally:
        db.drop()
