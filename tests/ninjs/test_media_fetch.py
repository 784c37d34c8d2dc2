"""`import_ninjs --fetch-media` reaches public agency hosts only, within one deadline
and a size limit per file.

A real HTTP server on 127.0.0.1 stands in for the agency. Loopback is refused like
any private address unless NINJS_MEDIA_PRIVATE_NETWORKS lists it, which the tests
that need the server do.
"""

from __future__ import annotations

import io
import socket
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Photo
from articles.ninjs import media as ninjs_media
from tests.support.ninjs_support import picture_bytes, run, text_doc, write_json

pytestmark = pytest.mark.django_db

PICTURE = picture_bytes((120, 80))
LIMIT = 50_000  # MAX_PICTURE_BYTES in these tests


class Agency(BaseHTTPRequestHandler):
    """Pictures, and the ways a hostile or broken server answers."""

    hosts: list[str]

    def do_GET(self):  # noqa: N802 - the name http.server calls
        self.hosts.append(self.headers.get("Host", ""))
        if self.path == "/picture.jpg":
            self.answer(200, PICTURE, {"Content-Length": str(len(PICTURE))})
        elif self.path == "/moved.jpg":
            self.answer(302, b"", {"Location": "/picture.jpg"})
        elif self.path.startswith("/to/"):
            self.answer(302, b"", {"Location": self.path.removeprefix("/to/")})
        elif self.path == "/loop.jpg":
            self.answer(302, b"", {"Location": "/loop.jpg"})
        elif self.path == "/slow.jpg":
            # A byte at a time, for ever: every read gets something before any
            # per-read timeout, so only an overall deadline ends it.
            self.send_response(200)
            self.end_headers()
            try:
                for _ in range(600):
                    self.wfile.write(PICTURE[:1])
                    self.wfile.flush()
                    time.sleep(0.05)
            except OSError:
                pass
        elif self.path == "/endless.jpg":
            # No Content-Length: only counting what arrives can stop it.
            self.send_response(200)
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(PICTURE + b"\0" * 10_000)
            except OSError:
                pass
        elif self.path == "/understated.jpg":
            # A Content-Length far below what follows: no more than it is read.
            self.answer(200, PICTURE + b"\0" * 3 * LIMIT, {"Content-Length": str(len(PICTURE))})
        else:
            self.send_error(404)

    def answer(self, status, body, headers):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@dataclass(frozen=True)
class Server:
    url: str
    port: int
    hosts: list[str]  # the Host header of every request, in order


@pytest.fixture
def agency():
    """The agency's server on 127.0.0.1."""
    hosts: list[str] = []
    handler = type("Handler", (Agency,), {"hosts": hosts})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()

    port = httpd.server_address[1]
    base = Server(url=f"http://127.0.0.1:{port}", port=port, hosts=hosts)
    yield base
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def loopback_allowed(settings, monkeypatch):
    settings.NINJS_MEDIA_PRIVATE_NETWORKS = ["127.0.0.1/32"]
    monkeypatch.setattr(ninjs_media, "MAX_PICTURE_BYTES", LIMIT)
    monkeypatch.setattr(ninjs_media, "FETCH_SECONDS", 2)


def feed(tmp_path, url: str, uri: str = "urn:test:story"):
    doc = text_doc(
        uri=uri,
        associations=[
            {
                "uri": "urn:test:picture",
                "type": "picture",
                "by": "Agency Photographer",
                "renditions": [{"name": "big", "href": url}],
            }
        ],
    )
    return str(write_json(tmp_path / "feed.json", doc))


def refused(tmp_path, url: str) -> str:
    """What a run refused for `url` wrote to stderr; it imported nothing."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_ninjs", feed(tmp_path, url), "--fetch-media", stdout=out, stderr=err)
    assert not Article.objects.exists() and not Photo.objects.exists()
    return err.getvalue()


def test_a_picture_from_an_allowed_server_is_imported(tmp_path, agency, loopback_allowed):
    run("import_ninjs", feed(tmp_path, f"{agency.url}/moved.jpg"), "--fetch-media")
    photo = Article.objects.get().photo
    assert photo.width == 120 and photo.credit == "Agency Photographer"
    assert agency.hosts == [f"127.0.0.1:{agency.port}"] * 2


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/picture.jpg",  # loopback: refused unless listed
        "http://localhost:{port}/picture.jpg",
        "http://[::1]:{port}/picture.jpg",
        "http://[::ffff:127.0.0.1]:{port}/picture.jpg",  # IPv4-mapped IPv6
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata (link-local)
        "http://[fe80::1]/picture.jpg",
        "http://10.1.2.3/picture.jpg",
        "http://192.168.0.10/picture.jpg",
        "http://100.64.0.1/picture.jpg",  # carrier-grade NAT
        "http://0.0.0.0:{port}/picture.jpg",
        "http://224.0.0.1/picture.jpg",  # multicast
        "http://240.0.0.1/picture.jpg",  # reserved
        "http://[fc00::1]/picture.jpg",  # unique local
        "http://2130706433:{port}/picture.jpg",  # 127.0.0.1 written as a number
    ],
)
def test_private_loopback_link_local_and_reserved_addresses_are_refused(tmp_path, agency, url):
    err = refused(tmp_path, url.format(port=agency.port))
    assert "a private or reserved address" in err
    assert agency.hosts == []  # nothing was asked of the server


@pytest.mark.parametrize(
    "location",
    [
        "file:///etc/passwd",
        "ftp://127.0.0.1/picture.jpg",
        "gopher://127.0.0.1:70/",
    ],
)
def test_a_redirect_to_another_scheme_is_refused(tmp_path, agency, loopback_allowed, location):
    err = refused(tmp_path, f"{agency.url}/to/{location}")
    assert "only http and https are fetched" in err


def test_every_redirect_hop_is_checked_again(tmp_path, agency, loopback_allowed):
    err = refused(tmp_path, f"{agency.url}/to/http://169.254.169.254/latest/meta-data/")
    assert "169.254.169.254 is at 169.254.169.254, a private or reserved address" in err


def test_redirects_are_capped(tmp_path, agency, loopback_allowed):
    err = refused(tmp_path, f"{agency.url}/loop.jpg")
    assert f"redirects more than {ninjs_media.MAX_REDIRECTS} times" in err
    assert len(agency.hosts) == ninjs_media.MAX_REDIRECTS + 1


def test_a_slow_server_cannot_hold_the_import(tmp_path, agency, loopback_allowed):
    """One deadline for the whole file: the text comes in, without the picture."""
    out, _err = run("import_ninjs", feed(tmp_path, f"{agency.url}/slow.jpg"), "--fetch-media")
    assert "not done within 2 s" in out
    assert Article.objects.get().photo is None
    assert not Photo.objects.exists()


def test_reading_stops_past_the_size_limit(tmp_path, agency, loopback_allowed):
    err = refused(tmp_path, f"{agency.url}/endless.jpg")
    assert "endless.jpg is larger than" in err


def test_no_more_than_the_declared_length_is_read(tmp_path, agency, loopback_allowed):
    run("import_ninjs", feed(tmp_path, f"{agency.url}/understated.jpg"), "--fetch-media")
    assert Article.objects.get().photo.width == 120


def test_the_host_allowlist(tmp_path, agency, loopback_allowed, settings):
    settings.NINJS_MEDIA_HOSTS = ["pictures.example.org", ".agency.example"]
    err = refused(tmp_path, f"{agency.url}/picture.jpg")
    assert "host 127.0.0.1 is not in NINJS_MEDIA_HOSTS" in err
    assert agency.hosts == []
    settings.NINJS_MEDIA_HOSTS = ["127.0.0.1"]
    run("import_ninjs", feed(tmp_path, f"{agency.url}/picture.jpg"), "--fetch-media")
    assert Article.objects.get().photo is not None


def test_the_connection_goes_to_the_address_that_was_checked(
    tmp_path, agency, loopback_allowed, monkeypatch
):
    """DNS rebinding: a second lookup would answer with the metadata address; there is none."""
    real = socket.getaddrinfo
    answers = iter(["127.0.0.1", "169.254.169.254", "169.254.169.254"])
    looked_up = []

    def rebinding(host, port, *args, **kwargs):
        if host != "pictures.rebind.test":
            return real(host, port, *args, **kwargs)
        looked_up.append(host)
        address = next(answers)
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    url = f"http://pictures.rebind.test:{agency.port}/picture.jpg"
    run("import_ninjs", feed(tmp_path, url), "--fetch-media")
    assert Article.objects.get().photo.width == 120
    assert looked_up == ["pictures.rebind.test"]
    assert agency.hosts == [f"pictures.rebind.test:{agency.port}"]


def test_a_name_with_one_private_address_among_public_ones_is_refused(tmp_path, monkeypatch):
    def mixed(host, port, *args, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))
            for address in ("93.184.216.34", "10.0.0.7")
        ]

    monkeypatch.setattr(socket, "getaddrinfo", mixed)
    err = refused(tmp_path, "http://pictures.mixed.test/picture.jpg")
    assert "is at 10.0.0.7, a private or reserved address" in err
