"""Load run: 50 readers for 60 s while imports run and editors save.

Run from the repository root; bounded in time, only against 127.0.0.1:

    .venv/bin/python bench/load.py                          # SQLite in a temporary folder
    .venv/bin/python bench/load.py --database-url postgres://postgres@127.0.0.1:5432/newsroom_load

1. Builds a site (bench/throughput.py's builder: `--articles` × 14 languages with
   `--photos` photos, imported with `import_ninjs --publish`) in a fresh database:
   a temporary SQLite file, or the PostgreSQL database named by `--database-url`
   (created if missing and dropped afterwards; an existing one must have no
   tables, or `--recreate` drops it first). Creates `--editors` staff accounts.
2. Starts gunicorn (`--workers` sync workers, 127.0.0.1, a free port, DEBUG off).
3. For `--duration` seconds, all at once:
   - `--readers` threads GET random public article pages (one connection a request);
   - `manage.py import_ninjs --publish` runs batch after batch of new articles
     (`--import-articles` × 14 languages each, with pictures) in a second process;
   - each editor logs in to the admin, opens one of their own articles, changes
     its English summary in the real change form (every field as the browser
     sends it, base version included) and saves, again and again. A save refused
     because someone else saved first is what an editor meets after a go-live:
     they reload and apply the change again; it is counted as a conflict, not an error.
4. Prints requests/s and p50/p95/p99 latency for readers and editors, the import
   batches, and every error. Exits 1 if there was any error: a response other
   than 2xx/3xx, an exception or timeout, a save the form refused, or an import
   that failed.
"""

from __future__ import annotations

import argparse
import http.client
import http.cookies
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import dataset  # noqa: E402 - bench/ is put on the path just above
from throughput import (  # noqa: E402
    HOST,
    build_site,
    start_gunicorn,
    stop_gunicorn,
)

REQUEST_TIMEOUT = 30.0  # seconds; a reader waiting longer counts as an error
CONFLICT = "changed since you opened it"


# ----------------------------------------------------------------- results


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    finished: float = 0.0  # when the last of its threads stopped (monotonic)

    def record(self, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if error:
                self.errors.append(error)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


# ------------------------------------------------------------------- http


class Browser:
    """One client with cookies, one connection a request (gunicorn's sync workers
    close them anyway); redirects are answers, not followed."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form=None) -> tuple[int, dict, str]:
        headers = {"Accept-Encoding": "identity", "Accept-Language": "en"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or ():
                for name, morsel in http.cookies.SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, dict(response.headers), text
        finally:
            connection.close()


def form_fields(page: str, form_id: str) -> list[tuple[str, str]]:
    """The fields a browser would submit from the form, in document order."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(page, "html.parser").find("form", id=form_id)
    if form is None:
        raise RuntimeError(f"no form #{form_id} on the page")
    fields = []
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name or element.has_attr("disabled"):
            continue
        if element.name == "textarea":
            # Browsers drop the newline right after <textarea>; Django writes one.
            text = element.string or ""
            fields.append((name, text[1:] if text.startswith("\n") else text))
        elif element.name == "select":
            chosen = [o for o in element.find_all("option") if o.has_attr("selected")]
            if not chosen and not element.has_attr("multiple"):
                chosen = element.find_all("option")[:1]
            fields.extend((name, o.get("value", o.get_text())) for o in chosen)
        else:
            kind = (element.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                continue
            if kind in ("checkbox", "radio") and not element.has_attr("checked"):
                continue
            fields.append((name, element.get("value", "on" if kind == "checkbox" else "")))
    return fields


def login(browser: Browser, username: str, password: str) -> None:
    status, _, page = browser.request("GET", "/admin/login/")
    token = dict(form_fields(page, "login-form"))["csrfmiddlewaretoken"]
    form = {"csrfmiddlewaretoken": token, "username": username, "password": password}
    form["next"] = "/admin/"
    status, headers, _ = browser.request("POST", "/admin/login/?next=/admin/", form)
    if status != 302 or "sessionid" not in browser.cookies:
        raise RuntimeError(f"editor {username} could not log in (HTTP {status})")


# ------------------------------------------------------------------ actors


def reader(port: int, urls: list[str], deadline: float, tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    browser = Browser(port)
    while time.monotonic() < deadline:
        path = rng.choice(urls)
        started = time.perf_counter()
        try:
            status, _, _ = browser.request("GET", path)
            error = None if 200 <= status < 400 else f"HTTP {status} GET {path}"
        except Exception as failure:  # noqa: BLE001 - every failure is counted
            error = f"{type(failure).__name__}: {failure} (GET {path})"
        tally.record(time.perf_counter() - started, error)
    with tally.lock:
        tally.finished = max(tally.finished, time.monotonic())


def editor(
    port: int, account: tuple[str, str], articles: list[int], deadline: float, tally: Tally,
    conflicts: list, pause: float,
) -> None:  # fmt: skip
    browser = Browser(port)
    try:
        login(browser, *account)
    except Exception as failure:  # noqa: BLE001
        tally.record(0.0, f"{account[0]}: {failure}")
        return
    saves = 0
    while time.monotonic() < deadline:
        article = articles[saves % len(articles)]
        path = f"/admin/articles/article/{article}/change/"
        started = time.perf_counter()
        error = None
        try:
            status, _, page = browser.request("GET", path)
            if status != 200:
                raise RuntimeError(f"HTTP {status} GET {path}")
            form = [(k, v) for k, v in form_fields(page, "article_form") if k != "summary_en"]
            form += [
                ("summary_en", f"Summary as {account[0]} saved it, save {saves}."),
                ("_save", "Save"),
            ]
            status, _, answer = browser.request("POST", path, form)
            if status == 200 and CONFLICT in answer:
                # Someone saved first: reload and apply the change again.
                with tally.lock:
                    conflicts.append(article)
                continue
            if status != 302:
                raise RuntimeError(f"HTTP {status} POST {path} (the form refused the save)")
            saves += 1
        except Exception as failure:  # noqa: BLE001
            error = f"{account[0]}: {type(failure).__name__}: {failure}"
        tally.record(time.perf_counter() - started, error)
        time.sleep(pause)
    with tally.lock:
        tally.finished = max(tally.finished, time.monotonic())


@dataclass
class Batch:
    seconds: float
    returncode: int
    output: str


def importer(
    files: list[Path], env: dict, deadline: float, batches: list[Batch], gap: float
) -> None:
    """Import batch after batch while the run lasts (each one transaction), `gap`
    seconds apart, as a wire feed arrives."""
    for number, path in enumerate(files):
        if number:
            time.sleep(gap)
        if time.monotonic() > deadline - 5:
            return
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "manage.py", "import_ninjs", str(path), "--publish"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        batches.append(
            Batch(time.perf_counter() - started, result.returncode, result.stdout + result.stderr)
        )


# -------------------------------------------------------------------- set-up


def prepare_postgres(url: str, *, recreate: bool) -> bool:
    """Create the database if missing (True: this run created it); refuse one with
    tables, unless `recreate` (then it is dropped first)."""
    import psycopg

    if recreate:
        drop_postgres(url)

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = dict(
        host=parts.hostname or HOST, port=parts.port or 5432, user=parts.username,
        password=parts.password, dbname="postgres", autocommit=True,
    )  # fmt: skip
    with psycopg.connect(**server) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
            return True
    with psycopg.connect(**{**server, "dbname": name}) as database:
        tables = database.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()[0]
    if tables:
        raise SystemExit(f"database {name} already has tables: give the load run an empty one")
    return False


def drop_postgres(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(
        host=parts.hostname or HOST, port=parts.port or 5432, user=parts.username,
        password=parts.password, dbname="postgres", autocommit=True,
    ) as admin:  # fmt: skip
        admin.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def import_batches(
    workdir: Path, count: int, articles: int, words: int, site_articles: int
) -> list[Path]:
    """`count` NDJSON files of new articles (numbered after the site's, so their own
    uris), with the site's pictures."""
    photos = sorted((workdir / "photos").glob("photo-*.jpg"))
    files = []
    for number in range(count):
        wire = workdir / f"batch-{number}.ndjson"
        first = site_articles + number * articles
        dataset.generate(wire, articles, words, seed=100 + number, photos=photos, first=first)
        files.append(wire)
    return files


def editor_accounts(count: int, articles_each: int) -> list[tuple[tuple[str, str], list[int]]]:
    """Staff superusers, each with their own articles (editors rarely share one)."""
    from django.contrib.auth.models import User
    from django.db import connections

    from articles.models import Article

    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    accounts = []
    for number in range(count):
        username, password = f"load-editor-{number}", secrets.token_urlsafe(16)
        User.objects.create_superuser(username, f"{username}@example.org", password)
        mine = ids[number * articles_each : (number + 1) * articles_each]
        accounts.append(((username, password), mine))
    connections.close_all()
    return accounts


# ---------------------------------------------------------------------- run


def summary(name: str, tally: Tally, started: float) -> str:
    wall = max(tally.finished - started, 1e-9)
    return (
        f"{name:8} {len(tally.latencies):6d} requests  {len(tally.latencies) / wall:6.1f} req/s  "
        f"p50 {tally.percentile(50):7.1f} ms  p95 {tally.percentile(95):7.1f} ms  "
        f"p99 {tally.percentile(99):7.1f} ms  errors {len(tally.errors)}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL URL (default: SQLite in a temp folder)")
    parser.add_argument(
        "--recreate",
        action="store_true",
        help="drop the PostgreSQL database first if it exists (it is dropped afterwards too)",
    )
    parser.add_argument("--articles", type=int, default=100, help="articles on the site (× 14)")
    parser.add_argument("--photos", type=int, default=4)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--editors", type=int, default=2)
    parser.add_argument("--editor-pause", type=float, default=0.5, help="seconds between saves")
    parser.add_argument("--import-articles", type=int, default=20, help="per batch (× 14)")
    parser.add_argument("--import-gap", type=float, default=3, help="seconds between batches")
    parser.add_argument("--import-batches", type=int, default=8, help="at most")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="load-run-"))
    url = args.database_url or f"sqlite:///{workdir / 'load.sqlite3'}"
    created = url.startswith("postgres") and prepare_postgres(url, recreate=args.recreate)
    env = {
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(workdir / "media"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private_media"),
        "STATIC_ROOT": str(workdir / "static"),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_HTTPS": "false",
        "CACHE_URL": "locmemcache://",
        "TASKS_BACKEND": "immediate",
        "MEDIA_STORAGE": "filesystem",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    os.environ.update(env)
    server = None
    try:
        urls = build_site(workdir, args.articles, args.photos, args.words)
        accounts = editor_accounts(args.editors, articles_each=3)
        files = import_batches(
            workdir, args.import_batches, args.import_articles, args.words, args.articles
        )
        server, port = start_gunicorn(
            "newsroom.wsgi", {**os.environ, **env}, args.workers, workdir / "gunicorn.log"
        )
        print(
            f"load: {args.readers} readers, {args.editors} editors (admin form over HTTP), "
            f"import_ninjs batches of {args.import_articles} × 14 versions, for "
            f"{args.duration:.0f} s; gunicorn {args.workers} sync workers; "
            f"{os.cpu_count()} CPUs; {url.split(':', 1)[0]}",
            flush=True,
        )
        readers, editors = Tally(), Tally()
        conflicts: list[int] = []
        batches: list[Batch] = []
        started = time.monotonic()
        deadline = started + args.duration
        threads = [
            threading.Thread(target=reader, args=(port, urls, deadline, readers, args.seed + n))
            for n in range(args.readers)
        ]
        threads += [
            threading.Thread(
                target=editor,
                args=(port, account, mine, deadline, editors, conflicts, args.editor_pause),
            )
            for account, mine in accounts
        ]
        threads.append(
            threading.Thread(
                target=importer,
                args=(files, {**os.environ, **env}, deadline, batches, args.import_gap),
            )
        )
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()) + 330)
        stuck = sum(thread.is_alive() for thread in threads)
    finally:
        stop_gunicorn(server)
        if created and not args.keep:
            drop_postgres(url)
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    failed_batches = [b for b in batches if b.returncode]
    imported = len(batches) - len(failed_batches)
    print(summary("readers", readers, started))
    print(summary("editors", editors, started) + f"  conflicts {len(conflicts)} (reloaded)")
    print(
        f"imports  {imported} batches of {args.import_articles * 14} versions, "
        + ", ".join(f"{b.seconds:.1f}" for b in batches)
        + f" s each; failed {len(failed_batches)}"
    )
    errors = readers.errors + editors.errors
    errors += [f"import failed: {b.output.strip()[-500:]}" for b in failed_batches]
    if not batches:
        errors.append("no import ran during the load")
    if stuck:
        errors.append(f"{stuck} threads still running after the run")
    for error in errors[:10]:
        print(f"  error: {error}")
    print(f"load run: {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
