"""Two app nodes share the buckets: an editor uploads through one, readers are served by the other.

Two gunicorn servers with the same settings (MEDIA_STORAGE=s3, one database),
each with local media folders of its own that must stay empty: node A takes
the upload through its admin form over HTTP and makes the renditions; node B,
which never saw the file, serves the article page whose images come straight
from the public bucket, under a Content Security Policy that allows them.
"""

from __future__ import annotations

import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.features.test_storage_faults import files_in, photo_form
from tests.support.factories import jpeg_bytes
from tests.support.nodes import fetch, free_port, gunicorn, manage, node_env, stop
from tests.support.s3_server import assert_served_as_printed

pytestmark = pytest.mark.s3

MAKE_EDITOR = (
    "from django.contrib.auth.models import User; "
    "User.objects.create_superuser('desk', 'desk@example.org', 'pw-desk-1')"
)
# The article is written by the desk's own service (through the factory), in
# a third process: only the photo matters here.
MAKE_ARTICLE = (
    "from articles.models import Photo; "
    "from tests.support.factories import ArticleFactory; "
    "article = ArticleFactory(languages=('pt', 'ja'), photo=Photo.objects.get()); "
    "print(article.get_absolute_url('pt'))"
)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is the answer (a saved form), not something to follow


class Editor:
    """An editor's browser on one node: cookies, CSRF tokens, multipart uploads."""

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirects
        )

    def request(self, path: str, body: bytes | None = None, content_type: str = ""):
        request = urllib.request.Request(self.base + path, data=body)  # noqa: S310 - 127.0.0.1
        if content_type:
            request.add_header("Content-Type", content_type)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def token(self, path: str) -> str:
        status, page = self.request(path)
        assert status == 200, (path, status)
        return BeautifulSoup(page, "html.parser").select_one("[name=csrfmiddlewaretoken]")["value"]

    def log_in(self, username: str, password: str) -> None:
        form = {"csrfmiddlewaretoken": self.token("/admin/login/"), "next": "/admin/"}
        form |= {"username": username, "password": password}
        body = urllib.parse.urlencode(form).encode()
        status, _ = self.request("/admin/login/", body, "application/x-www-form-urlencoded")
        assert status == 302, "the editor could not log in"

    def post_multipart(self, path: str, fields: dict[str, str], files: dict) -> tuple[int, str]:
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            for name, value in fields.items()
        ]
        body = "".join(parts).encode()
        for name, (filename, content, mime_type) in files.items():
            body += (
                (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: {mime_type}\r\n\r\n'
                ).encode()
                + content
                + b"\r\n"
            )
        body += f"--{boundary}--\r\n".encode()
        return self.request(path, body, f"multipart/form-data; boundary={boundary}")


def test_one_node_uploads_and_the_other_serves_from_the_shared_bucket(s3, tmp_path: Path):
    shared = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "CACHE_URL": "locmemcache://",
        **s3.environment(),
    }
    env_a = node_env(tmp_path / "a", **shared)
    env_b = node_env(tmp_path / "b", **shared)
    manage(env_a, "migrate", "--noinput")
    manage(env_a, "shell", "--no-imports", "-c", MAKE_EDITOR)
    port_a, port_b = free_port(), free_port()
    node_a = gunicorn(env_a, port_a, tmp_path / "a.log", workers=1)
    try:
        node_b = gunicorn(env_b, port_b, tmp_path / "b.log", workers=1)
        try:
            editor = Editor(port_a)
            editor.log_in("desk", "pw-desk-1")
            fields = {k: v for k, v in photo_form(None).items() if k != "upload"}
            fields["csrfmiddlewaretoken"] = editor.token("/admin/articles/photo/add/")
            content = jpeg_bytes(900, 600, color=(200, 120, 30))
            files = {"upload": ("market.jpg", content, "image/jpeg")}
            status, page = editor.post_multipart("/admin/articles/photo/add/", fields, files)
            assert status == 302, page[:2000]
            (original,) = s3.keys(s3.originals)
            assert s3.read(s3.originals, original) == content
            assert s3.keys(s3.media)  # made by node A once the upload committed

            path = manage(env_a, "shell", "--no-imports", "-c", MAKE_ARTICLE).strip()
            status, headers, page = fetch(port_b, path)
            assert status == 200
            served = assert_served_as_printed(s3, page.encode())
            assert served <= set(s3.keys(s3.media))
            img_src = next(
                d.split()[1:]
                for d in headers["Content-Security-Policy"].split("; ")
                if d.startswith("img-src")
            )
            assert s3.server.url in img_src  # the browser may load them
            assert original not in page
        finally:
            stop(node_b)
    finally:
        stop(node_a)
    # Neither node kept a file of its own: the buckets are the only media.
    assert files_in(tmp_path / "a", tmp_path / "b") == []
