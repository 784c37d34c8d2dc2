"""`manage.py backup` and `restore` (newsroom/backup/): a backup restored into an
empty database and empty media folders gives back the same site, and a damaged or
hostile archive is refused before anything is written."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from articles.domain.status import Status
from articles.models import Article, Correction, TranslatorLanguage
from articles.services.articles import article_save
from newsroom.operations.backup import BackupError, backup_restore, backup_write
from tests.support.backup_fingerprint import fingerprint
from tests.support.factories import (
    ArticleFactory,
    AuthorFactory,
    PhotoFactory,
    TagFactory,
    jpeg_bytes,
)
from tests.support.roles_support import ensure_role_groups

ROOT = Path(__file__).resolve().parents[2]


def build_newsroom() -> None:
    """Two articles in several languages (published, scheduled, draft), photos with
    captions and credit, renditions, revisions, corrections, authors, tags, sections,
    users in groups."""
    editor = User.objects.create_user("editor", password="pw-editor-1", is_staff=True)
    ensure_role_groups()
    editor.groups.add(Group.objects.get(name="Editor"))
    translator = User.objects.create_user("translator", password="pw-translator-1")
    TranslatorLanguage.objects.create(user=translator, language="ja")
    photo = PhotoFactory(captions=("pt", "en", "zh-hans", "sa"), credit="Ana Lima / Agência")
    first = ArticleFactory(
        languages=("pt", "en", "zh-hans", "sa"), source_language="pt", photo=photo
    )
    second = ArticleFactory(
        languages=("en", "ru", "ja"),
        photo=PhotoFactory(
            image=ContentFile(jpeg_bytes(800, 500, color=(20, 90, 200)), name="second.jpg"),
            captions=("en", "ru"),
            credit="Иван Петров",
        ),
    )
    first.authors.add(AuthorFactory(), AuthorFactory())
    first.tags.add(TagFactory(languages=("pt", "en")))
    # A scheduled version (due tomorrow), a draft, and a second revision by a user.
    first.title_sa = "नवः सेतुः"
    first.status_en = Status.SCHEDULED
    first.published_at_en = timezone.now() + timedelta(days=1)
    article_save(article=first, user=editor)
    second.refresh_from_db()
    second.status_ja = Status.DRAFT
    article_save(article=second, user=translator)
    note = Correction.objects.create(article=first, language="pt", note="Corrigido o nome.")
    Correction.objects.create(article=first, language="zh-hans", note="更正", matches=note)


def run(*args: str, env: dict) -> str:
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def differences(part: str, before, after) -> str:
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for index, (old, new) in enumerate(zip(before, after, strict=True)):
            if isinstance(old, dict) and old != new:
                keys = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
                return f"{part}[{index}]: " + "; ".join(
                    f"{k}: {old.get(k)!r} → {new.get(k)!r}" for k in keys[:5]
                )
    if isinstance(before, dict) and isinstance(after, dict):
        keys = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        return f"{part}: differs at {keys[:5]}"
    return f"{part} differs"


def _postgres_admin():
    import psycopg

    params = {k.lower(): v for k, v in connection.get_connection_params().items()}
    return psycopg.connect(**{**params, "dbname": "postgres"}, autocommit=True)


@pytest.fixture
def empty_target(tmp_path):
    """Environment for a second process: a fresh database and empty media folders."""
    name = None
    if connection.vendor == "postgresql":
        name = f"{connection.settings_dict['NAME']}_restored"
        with _postgres_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        s = connection.settings_dict
        url = f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{name}"
    else:
        url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    yield {
        **os.environ,
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(tmp_path / "restored-media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "restored-private"),
        "MEDIA_STORAGE": "filesystem",
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        # The default cache on disk, which outlives the process, as it does a restore.
        "CACHE_URL": "",
        "PAGE_CACHE_DIR": str(tmp_path / "restored-cache"),
    }
    if name:
        with _postgres_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)  # pg_dump runs in another process: rows must be committed
def test_a_backup_restores_into_an_empty_database_as_the_same_site(tmp_path, empty_target):
    build_newsroom()
    before = json.loads(json.dumps(fingerprint()))
    assert len(before["files"]["originals"]) == 2 and before["files"]["default"]
    assert any("Ana Lima" in page for page in before["pages"].values())

    archive = tmp_path / "site.tar.gz"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "2 originals media files" in out.getvalue()
    assert archive.stat().st_mode & 0o777 == 0o600  # password hashes, private originals
    expected = "pg_dump" if connection.vendor == "postgresql" else "dumpdata"
    assert f"({expected})" in out.getvalue()

    env = empty_target
    # A page the target's cache held from before: rendered from another database.
    shell = ("manage.py", "shell", "--no-imports", "-c")
    cache = "from django.core.cache import cache; "
    run(*shell, cache + "cache.set('/en/old-page/', 1, None)", env=env)
    restored = run("manage.py", "restore", str(archive), env=env)
    assert "counts match" in restored
    assert "page cache: emptied" in restored
    kept = run(*shell, cache + "print(cache.get('/en/old-page/'))", env=env)
    assert kept.strip() == "None"
    after = json.loads(run("-m", "tests.support.backup_fingerprint", env=env))

    for part in before:  # one part at a time, so a failure names what differs
        assert after[part] == before[part], differences(part, before[part], after[part])


# --------------------------------------------------------------- refusals


@pytest.fixture
def good_archive(db, tmp_path):
    ArticleFactory(languages=("pt", "en"), photo=PhotoFactory(captions=("pt",)))
    path = tmp_path / "good.tar"
    backup_write(path=path, method="dumpdata")
    return path


def members_of(path: Path) -> list[tuple[tarfile.TarInfo, bytes]]:
    with tarfile.open(path) as tar:
        return [(info, tar.extractfile(info).read() if info.isreg() else b"") for info in tar]


def rewrite(path: Path, members, target: Path) -> Path:
    with tarfile.open(target, "w") as tar:
        for info, data in members:
            copy = tarfile.TarInfo(info.name)
            copy.type, copy.linkname, copy.size = info.type, info.linkname, len(data)
            tar.addfile(copy, io.BytesIO(data) if info.isreg() else None)
    return target


def refused(path: Path, match: str) -> None:
    """The archive is refused with `match` in the message, and nothing was written."""
    media = Path(settings.MEDIA_ROOT)
    files_before = sorted(media.rglob("*")) if media.exists() else []
    articles_before = Article.objects.count()
    with pytest.raises(BackupError, match=match):
        backup_restore(path=path, force=True)
    assert (sorted(media.rglob("*")) if media.exists() else []) == files_before
    assert Article.objects.count() == articles_before


def with_extra(path: Path, info: tarfile.TarInfo, data: bytes = b"x") -> Path:
    return rewrite(path, [*members_of(path), (info, data)], path.with_name("hostile.tar"))


def test_a_corrupted_file_is_refused_before_anything_is_written(good_archive):
    members = members_of(good_archive)
    for index, (info, data) in enumerate(members):
        if info.name.startswith("media/originals/"):
            members[index] = (info, data[:-1] + bytes([data[-1] ^ 1]))
    refused(rewrite(good_archive, members, good_archive.with_name("bad.tar")), "Checksum mismatch")


def test_a_truncated_archive_is_refused(good_archive):
    compressed = good_archive.with_name("good.tar.gz")
    backup_write(path=compressed, method="dumpdata")
    for path in (good_archive, compressed):
        cut = path.with_name("cut-" + path.name)
        cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
        refused(cut, "damaged or truncated|missing|no manifest")


@pytest.mark.parametrize(
    ("name", "kind", "match"),
    [
        ("../escape.txt", tarfile.REGTYPE, "unsafe member name"),
        ("media/default/../../escape.txt", tarfile.REGTYPE, "unsafe member name"),
        ("/etc/cron.d/evil", tarfile.REGTYPE, "unsafe member name"),
        ("media/default/renditions/link", tarfile.SYMTYPE, "not a regular file"),
        ("media/originals/hard", tarfile.LNKTYPE, "not a regular file"),
        ("settings.py", tarfile.REGTYPE, "unexpected member"),
        ("media/default/renditions/extra.jpg", tarfile.REGTYPE, "not in its manifest"),
    ],
)
def test_hostile_members_are_refused(good_archive, name, kind, match):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = "/etc/passwd" if kind != tarfile.REGTYPE else ""
    refused(with_extra(good_archive, info), match)


def test_a_wrong_manifest_is_refused(good_archive):
    members = members_of(good_archive)
    manifest_index = next(i for i, (info, _) in enumerate(members) if info.name == "manifest.json")
    info, data = members[manifest_index]
    manifest = json.loads(data)

    missing = {
        **manifest,
        "files": {**manifest["files"], "media/default/gone.jpg": {"size": 1, "sha256": "0" * 64}},
    }
    members[manifest_index] = (info, json.dumps(missing).encode())
    refused(
        rewrite(good_archive, members, good_archive.with_name("m1.tar")), "missing from the archive"
    )

    members[manifest_index] = (info, json.dumps({**manifest, "format": 99}).encode())
    refused(rewrite(good_archive, members, good_archive.with_name("m2.tar")), "format")

    miscounted = {**manifest, "row_counts": {**manifest["row_counts"], "articles_article": 7}}
    members[manifest_index] = (info, json.dumps(miscounted).encode())
    refused(rewrite(good_archive, members, good_archive.with_name("m4.tar")), "row counts")

    members[manifest_index] = (info, b"{not json")
    refused(rewrite(good_archive, members, good_archive.with_name("m3.tar")), "not valid JSON")


def test_a_dump_with_rows_of_other_tables_is_refused(good_archive):
    """A consistent but crafted archive cannot plant sessions or permissions."""
    import hashlib

    members = members_of(good_archive)
    planted = json.dumps([{"model": "sessions.session", "pk": "x", "fields": {}}]).encode()
    manifest = None
    for index, (info, data) in enumerate(members):
        if info.name == "database/data.json":
            members[index] = (info, planted)
        if info.name == "manifest.json":
            manifest = (index, info, json.loads(data))
    index, info, content = manifest
    content["files"]["database/data.json"] = {
        "size": len(planted), "sha256": hashlib.sha256(planted).hexdigest()
    }  # fmt: skip
    members[index] = (info, json.dumps(content).encode())
    refused(rewrite(good_archive, members, good_archive.with_name("p.tar")), "sessions.session")


def test_restore_refuses_a_database_with_content_and_check_writes_nothing(good_archive):
    with pytest.raises(CommandError, match="not empty.*--force"):
        call_command("restore", str(good_archive), stdout=io.StringIO())
    out = io.StringIO()
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", "--check", str(good_archive), stdout=out)
    assert "checksums match" in out.getvalue()


def test_backup_never_replaces_an_existing_file(good_archive):
    with pytest.raises(CommandError, match="exists"):
        call_command("backup", str(good_archive), stdout=io.StringIO())


def test_media_go_through_the_storage_api_not_the_filesystem(settings, db, tmp_path):
    """With storages that have no files on disk (as on S3), every file is backed up
    and written back under its own name."""
    from django.core.files.storage import storages

    from newsroom.operations.backup import archive, media

    def stored() -> dict:
        return {
            a: {n: storages[a].open(n).read() for n in media.walk(storages[a])}
            for a in media.STORAGES
        }

    memory = {"BACKEND": "django.core.files.storage.InMemoryStorage"}
    settings.STORAGES = {**settings.STORAGES, "default": memory, "originals": memory}
    PhotoFactory(captions=("pt",))
    originals = stored()
    assert originals["originals"] and originals["default"]

    path = tmp_path / "memory.tar"
    summary = backup_write(path=path, method="dumpdata")
    assert summary.media == {a: len(files) for a, files in originals.items()}

    settings.STORAGES = {**settings.STORAGES, "default": dict(memory), "originals": dict(memory)}
    for member, source in archive.members(path, "media/"):
        media.write(member, source, replace=False)
    assert stored() == originals
