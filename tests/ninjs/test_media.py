"""articles/ninjs/media.py: downloads within limits, and the picture check."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from articles.ninjs import media as ninjs_media
from articles.ninjs.media import MissingPicture, PictureError, check_picture, fetch
from tests.support.ninjs_support import picture_bytes

PICTURE = picture_bytes((120, 80))


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the name http.server calls
        if self.path == "/picture.jpg":
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(len(PICTURE)))
            self.end_headers()
            self.wfile.write(PICTURE)
        elif self.path == "/huge.jpg":
            self.send_response(200)
            self.send_header("Content-Length", str(10**9))
            self.end_headers()
        else:
            self.send_error(404)

    def log_message(self, *args):
        pass


@pytest.fixture
def server(settings):
    # Loopback is refused unless listed (tests/ninjs/test_media_fetch.py).
    settings.NINJS_MEDIA_PRIVATE_NETWORKS = ["127.0.0.1/32"]
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_downloads_a_picture(server):
    assert fetch(f"{server}/picture.jpg") == PICTURE


def test_fetch_refuses_what_is_declared_too_big(server):
    with pytest.raises(PictureError, match="at most 40 MB"):
        fetch(f"{server}/huge.jpg")


def test_fetch_failures_leave_the_picture_missing(server, monkeypatch):
    with pytest.raises(MissingPicture, match="could not download"):
        fetch(f"{server}/nothing.jpg")
    monkeypatch.setattr(ninjs_media, "MAX_PICTURE_BYTES", 100)
    with pytest.raises(PictureError):
        fetch(f"{server}/picture.jpg")


@pytest.mark.parametrize(
    "kind,extension", [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp"), ("AVIF", "avif")]
)
def test_accepted_formats_by_content(kind, extension):
    assert check_picture(picture_bytes(kind=kind)) == extension


def test_empty_and_oversized_files_are_refused(settings):
    with pytest.raises(PictureError, match="empty"):
        check_picture(b"")
    settings.PHOTO_MAX_UPLOAD_BYTES = 10
    with pytest.raises(PictureError, match="larger than"):
        check_picture(PICTURE)
