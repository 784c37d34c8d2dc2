"""The site in a real server process, for tests of what happens around requests.

Run as `python -m tests.support.site_server` with the environment of the site to serve
(DATABASE_URL…): it prints the port it listens on, then serves one request at
a time through Django's WSGI handler, so that connections are opened, checked
and closed between requests exactly as under gunicorn. Tests start it with
`serve_site()`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

ROOT = Path(__file__).resolve().parents[2]


def copy_test_database(path: Path) -> None:
    """Write the in-memory SQLite test database to `path`: migrating a new one takes longer.

    `serialize()` rather than the backup API: the test's own transaction is
    BEGIN IMMEDIATE (settings), and a backup would wait for it forever.
    """
    from django.db import connection

    connection.ensure_connection()
    path.write_bytes(connection.connection.serialize())


@contextmanager
def serve_site(env: dict[str, str], log: Path):
    """Yield the base URL of the site served with `env`; stop the server after."""
    with log.open("wb") as errors:
        server = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "tests.support.site_server"],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        try:
            line = server.stdout.readline().decode()
            if not line.strip().isdigit():
                raise RuntimeError(f"the server did not start: {log.read_text()[-2000:]}")
            yield f"http://127.0.0.1:{line.strip()}"
        finally:
            server.terminate()
            server.wait(timeout=10)


class _Quiet(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature we override
        pass


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import newsroom.settings as project_settings

    # Nothing has been collected: plain static URLs, as in the test suite.
    project_settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    from django.core.wsgi import get_wsgi_application

    httpd = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=_Quiet)
    print(httpd.server_port, flush=True)
    httpd.serve_forever()


if __name__ == "__main__":
    main()
