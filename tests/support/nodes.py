"""Real processes for cache tests: management commands and gunicorn servers on
127.0.0.1, each with its own environment (its own database URL, cache URL…)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def node_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """An environment like a deployment's; DEBUG on only so static files need no
    collectstatic (the page cache does not look at DEBUG)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("DJANGO_", "DATABASE_URL", "CACHE_URL", "PYTEST", "CDN_", "PAGE_CACHE")
        )
    }
    env.update(
        DJANGO_SECRET_KEY="tests-only-not-a-secret",
        DJANGO_DEBUG="true",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        MEDIA_ROOT=str(tmp_path / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
        DJANGO_LOG_LEVEL="ERROR",
    )
    env.update(overrides)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 180) -> str:
    done = subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def background(env: dict[str, str], *args: str, log: Path) -> subprocess.Popen:
    with log.open("w") as out:
        return subprocess.Popen(  # noqa: S603
            [sys.executable, *args], cwd=BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT
        )


def gunicorn(env: dict[str, str], port: int, log: Path, workers: int = 2) -> subprocess.Popen:
    server = background(
        env,
        "-m",
        "gunicorn",
        "newsroom.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        log=log,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"gunicorn exited:\n{log.read_text()}")
        try:
            fetch(port, "/robots.txt")
            return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise AssertionError(f"gunicorn did not answer within 60 s:\n{log.read_text()}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def fetch(port: int, path: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def ninjs_document(language: str, headline: str, version: int, slug: str) -> dict:
    return {
        "uri": "urn:newsroom-test:nodes:story",
        "type": "text",
        "version": str(version),
        "firstCreated": "2026-01-05T08:00:00Z",
        "versionCreated": f"2026-01-05T08:{version:02d}:00Z",
        "pubStatus": "usable",
        "language": language,
        "slugline": slug,
        "headlines": [{"role": "main", "value": headline}],
        "bodies": [{"role": "main", "contentType": "text/html", "value": f"<p>{headline}.</p>"}],
    }


def write_documents(path: Path, *documents: dict) -> Path:
    path.write_text("\n".join(json.dumps(document) for document in documents) + "\n")
    return path


def fresh_within(port: int, path: str, expected: str, seconds: float) -> float:
    """Poll `path` until it shows `expected`; return how long after the call that took.

    Polling stops at `seconds` plus a margin so that a failure reports how late
    the page was, instead of hanging."""
    start = time.monotonic()
    while True:
        elapsed = time.monotonic() - start
        if expected in fetch(port, path)[2]:
            return elapsed
        if elapsed > seconds + 5:
            return elapsed
        time.sleep(0.05)
