"""Pictures that come with agency copy: finding the file, checking it, storing it.

The seam: `check_picture` and `store_picture` are the only places where the
importer decides whether bytes are an acceptable image and writes a Photo.
`check_picture` asks the project's one upload validator
(articles/photos/upload.py), so there is one set of rules for every upload path.

Files written during an import are recorded in a `WrittenFiles`, so that the
importer can delete them when its transaction rolls back: a failed run leaves
no orphan files in media.
"""

from __future__ import annotations

import hashlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.db import DatabaseError
from django.utils.translation import gettext as _

from articles.models import Photo, Rendition
from articles.photos.services import PhotoStorageError, photo_save
from articles.photos.staging import discard
from articles.photos.upload import ValidatedImage, validate_image_bytes

# What --fetch-media downloads at most; the validator then applies the
# photo limits (PHOTO_MAX_UPLOAD_MB, PHOTO_MAX_MEGAPIXELS).
MAX_PICTURE_BYTES = 40 * 1024 * 1024
# One deadline for the whole download of a file, redirects included: a
# per-read timeout would let a server that sends a byte now and then hold
# the import for ever.
FETCH_SECONDS = 15
MAX_REDIRECTS = 5
USER_AGENT = "newsroom-ninjs-import"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
CHUNK_BYTES = 64 * 1024


class PictureError(ValueError):
    """A picture the importer refuses (the whole document is refused with it)."""


class MissingPicture(Exception):  # noqa: N818 - an outcome, not a failure: the text is imported
    """No file could be had for a picture; the text is imported without it."""


@dataclass(frozen=True)
class PictureFile:
    """A checked picture: where it is and what it holds (read again when stored)."""

    source: str  # a local path or an http(s) URL
    sha256: str
    extension: str
    data: bytes | None = None  # kept only for downloads, which are not fetched twice

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        data = read_local(Path(self.source))
        if hashlib.sha256(data).hexdigest() != self.sha256:
            raise PictureError(
                _("%(path)s changed while the import was running") % {"path": self.source}
            )
        return data


def check_picture(data: bytes) -> str:
    """The file name extension for `data`, or PictureError saying why it is refused.

    The project's one upload validator decides (articles/photos/upload.py):
    content, never a name or a declared type; size, pixel and structure limits.
    """
    return _validated(data).format.extensions[0].lstrip(".")


def _validated(data: bytes) -> ValidatedImage:
    if not data:
        raise PictureError(_("the picture file is empty"))
    try:
        return validate_image_bytes(data)
    except ValidationError as error:
        raise PictureError(" ".join(error.messages)) from None


def locate(href: str, base_dir: Path | None) -> Path | str:
    """Where a rendition's file is: a local path inside `base_dir`, or an http(s) URL.

    Relative paths and file:// URLs are resolved against `base_dir` (the folder
    of the JSON file they came in, or --media-root for standard input) and must
    stay inside it, symbolic links included, so that a feed cannot make the
    importer read /etc/passwd, private_media/ or a user's files. A document
    with no folder (standard input without --media-root) may name none.
    """
    parsed = urllib.parse.urlsplit(href)
    scheme = parsed.scheme.lower()
    if scheme in ("http", "https"):
        return href
    if scheme == "file":
        if parsed.netloc not in ("", "localhost"):
            raise PictureError(
                _("rendition href “%(href)s”: file:// URLs on another host are not read")
                % {"href": href[:200]}
            )
        relative = Path(urllib.request.url2pathname(parsed.path))
    elif scheme and len(scheme) > 1:  # one letter is a Windows drive, not a scheme
        raise PictureError(
            _("rendition href “%(href)s”: only relative paths, file:// and http(s) are read")
            % {"href": href[:200]}
        )
    else:
        relative = Path(urllib.parse.unquote(href))
    if base_dir is None:
        raise PictureError(
            _(
                "rendition href “%(href)s” is a local file, but a document read from "
                "standard input has no folder to read it from: give one with --media-root DIR"
            )
            % {"href": href[:200]}
        )
    folder = base_dir.resolve()
    try:
        path = (folder / relative).resolve()
    except (OSError, RuntimeError, ValueError):  # a NUL byte, a loop of links
        path = None
    if path is None or not path.is_relative_to(folder):
        raise PictureError(
            _("rendition href “%(href)s” points outside the folder of its JSON file (%(folder)s)")
            % {"href": href[:200], "folder": folder}
        )
    return path


def read_local(path: Path) -> bytes:
    """The bytes of a local picture file, refused past the size limit before it is read."""
    with path.open("rb") as stream:
        data = stream.read(MAX_PICTURE_BYTES + 1)
    if len(data) > MAX_PICTURE_BYTES:
        raise PictureError(_too_big(str(path)))
    return data


def fetch(url: str) -> bytes:
    """Download `url` within one deadline and a size limit, from public addresses only.

    PictureError for what must not be fetched (another scheme, a host outside
    NINJS_MEDIA_HOSTS, a private address, too many redirects, too big): the
    document is refused. MissingPicture when the file cannot be had (DNS, HTTP
    errors, the deadline): the text is imported without it.
    """
    deadline = time.monotonic() + FETCH_SECONDS
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        target = _destination(current)
        status, location, data = _get(target, deadline, url)
        if status in REDIRECTS and location:
            current = urllib.parse.urljoin(current, location)
            continue
        if status != 200:
            raise MissingPicture(
                _("could not download %(url)s: HTTP %(status)d") % {"url": url, "status": status}
            )
        return data
    raise PictureError(
        _("%(url)s redirects more than %(count)d times") % {"url": url, "count": MAX_REDIRECTS}
    )


@dataclass(frozen=True)
class _Target:
    """One request's destination, checked: the address to connect to, and what to ask."""

    url: str
    https: bool
    host: str
    port: int
    address: str
    path: str


def _destination(url: str) -> _Target:
    """Where `url` may be fetched from, or PictureError saying why it may not."""
    try:
        parsed = urllib.parse.urlsplit(url)
        port = parsed.port
    except ValueError:
        raise PictureError(_("%(url)s is not a valid URL") % {"url": url[:200]}) from None
    scheme = parsed.scheme.lower()
    if scheme not in ("http", "https"):
        raise PictureError(_("%(url)s: only http and https are fetched") % {"url": url[:200]})
    host = (parsed.hostname or "").rstrip(".")
    if not host:
        raise PictureError(_("%(url)s has no host") % {"url": url[:200]})
    if not _host_allowed(host):
        raise PictureError(
            _("%(url)s: host %(host)s is not in NINJS_MEDIA_HOSTS")
            % {"url": url[:200], "host": host}
        )
    port = port or (443 if scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as error:
        raise MissingPicture(_failed(url[:200], error)) from None
    addresses = list(dict.fromkeys(info[4][0] for info in found))
    # Every address must be allowed, not just the first: which one a later
    # lookup would give is not ours to choose. The connection then goes to
    # the address checked here, never to a second lookup's answer.
    for address in addresses:
        if not _address_allowed(ipaddress.ip_address(address.partition("%")[0])):
            raise PictureError(
                _("%(url)s: %(host)s is at %(address)s, a private or reserved address")
                % {"url": url[:200], "host": host, "address": address}
            )
    path = urllib.parse.urlunsplit(("", "", parsed.path or "/", parsed.query, ""))
    return _Target(url, scheme == "https", host, port, addresses[0], path)


def _host_allowed(host: str) -> bool:
    allowed = [name.lower().rstrip(".") for name in settings.NINJS_MEDIA_HOSTS]
    if not allowed:
        return True
    host = host.lower()
    return any(
        host == name.lstrip(".") or (name.startswith(".") and host.endswith(name))
        for name in allowed
    )


def _address_allowed(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Public addresses only, unless NINJS_MEDIA_PRIVATE_NETWORKS lets this one through."""
    if any(address in network for network in _private_networks()):
        return True
    embedded = _embedded_ipv4(address)
    if embedded is not None and not _address_allowed(embedded):
        return False
    return address.is_global and not (
        address.is_multicast or address.is_reserved or address.is_unspecified
    )


def _embedded_ipv4(address: ipaddress.IPv4Address | ipaddress.IPv6Address):
    """The IPv4 address an IPv6 one stands for (mapped, 6to4, NAT64, Teredo), if any."""
    if address.version == 4:
        return None
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _private_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    # Each entry was checked when the settings loaded.
    return [
        ipaddress.ip_network(cidr, strict=False) for cidr in settings.NINJS_MEDIA_PRIVATE_NETWORKS
    ]


class _PinnedConnection(http.client.HTTPConnection):
    """HTTP over a socket already connected to the checked address.

    http.client names the host (Host header) but never looks it up: a DNS
    answer that changes after the check cannot send the request elsewhere.
    """

    def __init__(self, sock: socket.socket, target: _Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self.pinned = sock

    def connect(self) -> None:
        self.sock = self.pinned


def _get(target: _Target, deadline: float, url: str) -> tuple[int, str, bytes]:
    """(status, Location, body) of one GET; the body only for a 200."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise MissingPicture(_late(url))
    expired = threading.Event()
    try:
        sock = socket.create_connection((target.address, target.port), timeout=remaining)
    except OSError as error:
        raise MissingPicture(_failed(url, error)) from None
    # A second descriptor of the same connection: shutting it down ends reads
    # on the first, and it stays valid when TLS takes the first over.
    handle = sock.dup()
    watchdog = threading.Timer(remaining, _cut, (handle, expired))
    watchdog.daemon = True
    watchdog.start()
    try:
        if target.https:
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=target.host)
        result = _exchange(_PinnedConnection(sock, target, remaining), target, url)
    except PictureError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise MissingPicture(_late(url) if expired.is_set() else _failed(url, error)) from None
    finally:
        watchdog.cancel()
        sock.close()
        handle.close()
    if expired.is_set():  # the read ended because the socket was cut: what came is not whole
        raise MissingPicture(_late(url))
    return result


def _exchange(connection: http.client.HTTPConnection, target: _Target, url: str):
    default_port = 443 if target.https else 80
    host = f"[{target.host}]" if ":" in target.host else target.host
    connection.request(
        "GET",
        target.path,
        headers={
            "Host": host if target.port == default_port else f"{host}:{target.port}",
            "User-Agent": USER_AGENT,
            "Accept-Encoding": "identity",
        },
    )
    response = connection.getresponse()
    if response.status != 200:
        return response.status, response.getheader("Location") or "", b""
    return 200, "", _read_body(response, url)


def _read_body(response: http.client.HTTPResponse, url: str) -> bytes:
    declared = response.getheader("Content-Length") or ""
    if declared.isdigit() and int(declared) > MAX_PICTURE_BYTES:
        raise PictureError(
            _("%(url)s is %(size).1f MB; at most %(limit)d MB is accepted")
            % {
                "url": url,
                "size": int(declared) / 1024 / 1024,
                "limit": MAX_PICTURE_BYTES // 1024 // 1024,
            }
        )
    # Whatever Content-Length claims, reading stops past the limit.
    chunks, size = [], 0
    while chunk := response.read1(CHUNK_BYTES):
        size += len(chunk)
        if size > MAX_PICTURE_BYTES:
            raise PictureError(_too_big(url))
        chunks.append(chunk)
    return b"".join(chunks)


def _cut(sock: socket.socket, expired: threading.Event) -> None:
    """At the deadline: end every read on `sock`, wherever the download is."""
    expired.set()
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _failed(url: str, error: Exception) -> str:
    return _("could not download %(url)s: %(reason)s") % {"url": url, "reason": error}


def _late(url: str) -> str:
    return _("could not download %(url)s: not done within %(seconds)d s") % {
        "url": url,
        "seconds": FETCH_SECONDS,
    }


def _too_big(source: str) -> str:
    return _("%(source)s is larger than %(limit)d MB") % {
        "source": source,
        "limit": MAX_PICTURE_BYTES // 1024 // 1024,
    }


@dataclass
class WrittenFiles:
    """Files an import wrote, to delete again if its transaction rolls back."""

    files: list[tuple[Storage, str]] = field(default_factory=list)
    photo_ids: list[int] = field(default_factory=list)

    def mark(self) -> tuple[int, int]:
        return len(self.files), len(self.photo_ids)

    def remove(self, since: tuple[int, int] = (0, 0)) -> None:
        """Delete what was written after `since` (a `mark()`); call after the rollback."""
        files, photo_ids = self.files[since[0] :], self.photo_ids[since[1] :]
        # These names were new when written: no committed row can point at them.
        for storage, name in files:
            discard(storage, name)
        # ensure_renditions writes a file before its row; if the row failed, the
        # file is not in `files`. Its name starts with the new photo's pk.
        if photo_ids:
            _remove_stray_renditions(photo_ids)
        del self.files[since[0] :]
        del self.photo_ids[since[1] :]


def _remove_stray_renditions(photo_ids: list[int]) -> None:
    storage = Rendition._meta.get_field("file").storage
    try:
        _dirs, names = storage.listdir("renditions")
    except (FileNotFoundError, NotImplementedError):
        return
    prefixes = tuple(f"{pk}-" for pk in photo_ids)
    for name in names:
        if name.startswith(prefixes):
            path = f"renditions/{name}"
            try:
                in_use = Rendition.objects.filter(file=path).exists()
            except DatabaseError:
                return  # cannot tell whether a committed row uses it: keep it
            if not in_use:
                storage.delete(path)


def store_picture(
    *, picture: PictureFile, uri: str, credit: str, copyright_holder: str, written: WrittenFiles
) -> tuple[Photo, bool]:
    """The Photo for this picture, stored once: (photo, created).

    An existing photo with the same wire URI, or with the same bytes (the file
    is named by its SHA-256), is reused, so a picture sent with 14 language
    versions, or with later versions of the copy, is one photo.
    """
    existing = None
    if uri:
        existing = Photo.objects.filter(uri=uri).first()
    if existing is None:
        existing = Photo.objects.filter(sha256=picture.sha256).first()
    if existing is not None:
        return existing, False
    image = _validated(picture.read())
    try:
        photo = photo_save(
            photo=Photo(uri=uri, credit=credit, copyright_holder=copyright_holder),
            image=image,
            # The staged original is removed again if the import rolls back
            # (renditions are made only after it commits, so they need no clean-up).
            on_staged=lambda storage, name: written.files.append((storage, name)),
        )
    except PhotoStorageError as error:
        raise PhotoStorageError(
            _("picture %(source)s: %(reason)s") % {"source": picture.source, "reason": error}
        ) from error
    written.photo_ids.append(photo.pk)
    return photo, True
