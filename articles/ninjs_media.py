"""Pictures that come with agency copy: finding the file, checking it, storing it.

The seam: `check_picture` and `store_picture` are the only places where the
importer decides whether bytes are an acceptable image and writes a Photo.
The shared upload validator (issue #5, `validate_image_upload`) is meant to
replace the body of `check_picture` when both are merged, so there is one
set of rules for every upload path.

Files written during an import are recorded in a `WrittenFiles`, so that the
importer can delete them when its transaction rolls back: a failed run leaves
no orphan files in media.
"""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.db import DatabaseError
from django.utils.translation import gettext as _

from .models import Photo, Rendition
from .photos.services import PhotoStorageError, photo_save
from .photos.staging import discard
from .photos.upload import ValidatedImage, validate_image_bytes

# What --fetch-media downloads at most; the validator then applies the
# photo limits (PHOTO_MAX_UPLOAD_MB, PHOTO_MAX_MEGAPIXELS).
MAX_PICTURE_BYTES = 40 * 1024 * 1024
FETCH_TIMEOUT_SECONDS = 15
USER_AGENT = "newsroom-ninjs-import"


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
        data = Path(self.source).read_bytes()
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

    Relative paths and file:// URLs are resolved against the folder of the JSON
    file they came in and must stay inside it (symbolic links included), so
    that a feed cannot make the importer read /etc/passwd or a user's files.
    """
    parsed = urllib.parse.urlsplit(href)
    scheme = parsed.scheme.lower()
    if scheme in ("http", "https"):
        return href
    if scheme == "file":
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
            _("rendition href “%(href)s” has no folder to be read from") % {"href": href}
        )
    folder = base_dir.resolve()
    path = (folder / relative).resolve()
    if not path.is_relative_to(folder):
        raise PictureError(
            _("rendition href “%(href)s” points outside the folder of its JSON file (%(folder)s)")
            % {"href": href[:200], "folder": folder}
        )
    return path


def fetch(url: str) -> bytes:
    """Download `url` within a time and size limit; MissingPicture if it cannot be had."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310 - scheme checked in locate()
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:  # noqa: S310
            declared = int(response.headers.get("Content-Length") or 0)
            if declared > MAX_PICTURE_BYTES:
                raise PictureError(
                    _("%(url)s is %(size).1f MB; at most %(limit)d MB is accepted")
                    % {
                        "url": url,
                        "size": declared / 1024 / 1024,
                        "limit": MAX_PICTURE_BYTES // 1024 // 1024,
                    }
                )
            data = response.read(MAX_PICTURE_BYTES + 1)
    except PictureError:
        raise
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        raise MissingPicture(
            _("could not download %(url)s: %(reason)s") % {"url": url, "reason": reason}
        ) from None
    if len(data) > MAX_PICTURE_BYTES:
        raise PictureError(
            _("%(url)s is larger than %(limit)d MB")
            % {"url": url, "limit": MAX_PICTURE_BYTES // 1024 // 1024}
        )
    return data


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
