"""The one upload validator. Every way a photo enters the newsroom goes through it.

    image = validate_image_upload(uploaded_file)   # ValidatedImage, or ValidationError
    photo = photo_create(image=image, credit="IC")  # articles/photos/services.py

The admin's photo form and every importer call this, so one set of rules decides
what is a photo. A file is judged by its bytes, never by its name or declared
type: it must be a JPEG, PNG, WebP or AVIF image, its name's extension must
agree, it must not exceed PHOTO_MAX_UPLOAD_BYTES (checked before decoding) or
PHOTO_MAX_PIXELS (width × height × frames, checked from the header before
decoding), it must decode completely, and nothing may follow the image data
(a PNG with HTML appended is a polyglot, not a photo). Validation writes
nothing, so a refused file leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_FILENAME_LENGTH = 200
PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"


@dataclass(frozen=True)
class ImageFormat:
    name: str  # as Pillow names it
    mime_type: str
    extensions: tuple[str, ...]  # the first is the one stored files get


FORMATS: dict[str, ImageFormat] = {
    "JPEG": ImageFormat("JPEG", "image/jpeg", (".jpg", ".jpeg")),
    "PNG": ImageFormat("PNG", "image/png", (".png",)),
    "WEBP": ImageFormat("WEBP", "image/webp", (".webp",)),
    "AVIF": ImageFormat("AVIF", "image/avif", (".avif",)),
}
# Pillow reads a JPEG that carries extra pictures (the MPF trailer many phones
# and cameras add) as "MPO"; the main picture is an ordinary JPEG.
PILLOW_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "AVIF": "AVIF"}
ACCEPTED = "JPEG, PNG, WebP, AVIF"


@dataclass(frozen=True)
class ValidatedImage:
    """An upload that passed every check, and what decoding it taught us."""

    content: bytes
    format: ImageFormat
    width: int  # upright: EXIF orientation applied
    height: int
    frames: int
    sha256: str
    original_filename: str  # sanitized; metadata only, never a storage name
    average_colour: str  # "#rrggbb", the placeholder shown while a rendition loads

    @property
    def storage_name(self) -> str:
        """Derived from the content: the same bytes always get the same name."""
        return f"originals/{self.sha256[:2]}/{self.sha256}{self.format.extensions[0]}"


def sanitize_filename(name: str | None) -> str:
    """The uploaded name made harmless to display: no path, no control characters.

    Kept as metadata only; stored files are named by content hash.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    # Category C: control and format characters (including right-to-left
    # overrides that disguise an extension), surrogates, unassigned.
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    name = name.strip().lstrip(".").strip()
    if len(name) > MAX_FILENAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if dot and len(extension) <= 10:
            name = stem[: MAX_FILENAME_LENGTH - len(extension) - 1] + "." + extension
        else:
            name = name[:MAX_FILENAME_LENGTH]
    return name


def validate_image_upload(file, *, name: str | None = None) -> ValidatedImage:
    """Check an uploaded or imported file; return what was learned, or raise ValidationError.

    `file` is any Django File (an upload, a ContentFile) or binary file object;
    `name` overrides its name (an importer that knows the file's name from
    elsewhere). Nothing is written anywhere.
    """
    filename = sanitize_filename(name if name is not None else getattr(file, "name", ""))
    data = _read_within_limit(file)
    image_format = _sniff(data)
    _check_extension(filename, image_format)
    width, height, frames, colour = _decode(data, image_format)
    _check_nothing_after_image(data, image_format)
    return ValidatedImage(
        content=data,
        format=image_format,
        width=width,
        height=height,
        frames=frames,
        sha256=hashlib.sha256(data).hexdigest(),
        original_filename=filename,
        average_colour=colour,
    )


def validate_image_bytes(data: bytes) -> ValidatedImage:
    """The same checks for bytes whose name nobody chose (a wire picture's URL):
    the content decides the format, and so the extension it is stored under."""
    image_format = _sniff(data)
    return validate_image_upload(ContentFile(data), name=f"picture{image_format.extensions[0]}")


def _read_within_limit(file) -> bytes:
    limit = settings.PHOTO_MAX_UPLOAD_BYTES
    too_large = ValidationError(
        _("The file is larger than %(limit)s MB, the most a photo may be."),
        code="too_large",
        params={"limit": f"{limit / (1024 * 1024):g}"},
    )
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise too_large
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(limit + 1)  # never more than the limit, whatever size claimed
    if len(data) > limit:
        raise too_large
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    return data


def _sniff(data: bytes) -> ImageFormat:
    if data.startswith(b"\xff\xd8\xff"):
        return FORMATS["JPEG"]
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return FORMATS["PNG"]
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return FORMATS["WEBP"]
    if data[4:8] == b"ftyp" and _is_avif_brand(data):
        return FORMATS["AVIF"]
    if data.lstrip()[:1] == b"<" or data.startswith(b"\xef\xbb\xbf<"):
        raise ValidationError(
            _("This is a text document (SVG, HTML or XML), not a photo. Accepted: %(accepted)s."),
            code="markup",
            params={"accepted": ACCEPTED},
        )
    raise ValidationError(
        _("This file is not a JPEG, PNG, WebP or AVIF image."), code="unsupported_format"
    )


def _is_avif_brand(data: bytes) -> bool:
    box_size = int.from_bytes(data[:4], "big")
    brands = data[8:12] + data[16 : min(box_size, 64)]  # major brand, then compatible ones
    return any(brands[i : i + 4] in (b"avif", b"avis") for i in range(0, len(brands), 4))


def _check_extension(filename: str, image_format: ImageFormat) -> None:
    extension = "." + filename.rpartition(".")[2].lower() if "." in filename else ""
    if extension in image_format.extensions:
        return
    params = {
        "name": filename or "?",
        "extension": extension,
        "kind": image_format.name,
        "expected": image_format.extensions[0],
    }
    if not extension:
        message = _("“%(name)s” has no extension; a %(kind)s image should end in %(expected)s.")
    else:
        message = _(
            "“%(name)s” ends in %(extension)s but the file is a %(kind)s image. "
            "Rename it to end in %(expected)s, or upload the intended file."
        )
    raise ValidationError(message, code="extension_mismatch", params=params)


def _decode(data: bytes, image_format: ImageFormat) -> tuple[int, int, int, str]:
    """Upright width and height, frame count and average colour, after a full decode."""
    corrupt = ValidationError(
        _("The image could not be read: the file is damaged or incomplete (truncated)."),
        code="corrupt",
    )
    try:
        with warnings.catch_warnings():
            # Pillow warns about a "decompression bomb" and goes on; we stop.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if PILLOW_FORMATS.get(image.format) != image_format.name:
                    raise corrupt
                # The extra pictures of an MPO are never used; only the first counts.
                frames = 1 if image.format == "MPO" else getattr(image, "n_frames", 1)
                _check_pixels(image.width, image.height, frames)
                for index in range(frames):
                    image.seek(index)
                    image.load()
                image.seek(0)
                width, height = image.size
                if image.getexif().get(0x0112) in (5, 6, 7, 8):  # turned a quarter
                    width, height = height, width
                colour = _average_colour(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, EOFError):
        raise corrupt from None
    except Exception:
        # Malformed headers reach Pillow's parsers in many ways (struct.error,
        # ValueError, IndexError…); each is a file we cannot read, never a 500.
        raise corrupt from None
    return width, height, frames, colour


def _check_pixels(width: int, height: int, frames: int) -> None:
    if width * height * frames > settings.PHOTO_MAX_PIXELS:
        raise _too_many_pixels(width, height, frames)


def _too_many_pixels(width=None, height=None, frames=None) -> ValidationError:
    limit = settings.PHOTO_MAX_PIXELS / 1_000_000
    if width is None:
        return ValidationError(
            _("The image declares more pixels than %(limit)s megapixels, the most allowed."),
            code="too_many_pixels",
            params={"limit": f"{limit:g}"},
        )
    return ValidationError(
        _(
            "The image is %(width)s × %(height)s pixels × %(frames)s frame(s), more than "
            "%(limit)s megapixels in all, the most allowed."
        ),
        code="too_many_pixels",
        params={"width": width, "height": height, "frames": frames, "limit": f"{limit:g}"},
    )


def _average_colour(image: Image.Image) -> str:
    # reduce() first: converting a 50-megapixel frame whole would double its memory.
    # It refuses a few modes (palette, 1-bit, 16-bit); those are converted first.
    factor = max(1, min(image.size) // 64)
    try:
        small = image.reduce(factor)
    except ValueError:
        small = image.convert("RGBA").reduce(factor)
    red, green, blue = small.convert("RGB").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    return f"#{red:02x}{green:02x}{blue:02x}"


def _check_nothing_after_image(data: bytes, image_format: ImageFormat) -> None:
    if image_format.name == "PNG":
        complete = data.endswith(PNG_END)
    elif image_format.name == "WEBP":
        complete = int.from_bytes(data[4:8], "little") + 8 == len(data)
    elif image_format.name == "AVIF":
        complete = _boxes_fill_file(data)
    else:
        # The last picture (there may be several: MPF) ends the file; some
        # cameras pad with zero bytes.
        complete = data.rstrip(b"\x00").endswith(b"\xff\xd9")
    if not complete:
        raise ValidationError(
            _(
                "The file has data after the end of the image. Photos must contain "
                "only the image; export it again from your photo editor."
            ),
            code="trailing_data",
        )


def _boxes_fill_file(data: bytes) -> bool:
    """An AVIF is a sequence of boxes (size, type, body) that ends exactly at the end."""
    position = 0
    while position < len(data):
        size = int.from_bytes(data[position : position + 4], "big")
        if size == 1:
            size = int.from_bytes(data[position + 8 : position + 16], "big")
        elif size == 0:
            return True  # "to the end of the file"
        if size < 8:
            return False
        position += size
    return position == len(data)
