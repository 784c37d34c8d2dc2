"""Rendition bytes from an original: Pillow only, no database, no storage.

Every rendition is made from one prepared picture: the first frame, turned
upright by its EXIF orientation, converted to sRGB (CMYK and wide-gamut phone
photos included), flattened onto white, and stripped of all metadata, so GPS
positions, camera serials and the like never reach a reader.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps

from articles.photos.specs import ENCODINGS, Encoding, Spec, output_size

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
# Threads to resize and encode with: as many as this process may run on at once.
_WORKERS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@dataclass(frozen=True)
class Rendered:
    spec: Spec
    encoding: Encoding
    content: bytes
    width: int
    height: int


def prepare(fh, *, specs: Iterable[Spec]) -> Image.Image:
    """The picture renditions are made from: upright, sRGB, opaque, metadata-free.

    A JPEG is decoded at the smallest scale (1/2, 1/4, 1/8) still large enough
    for the biggest of `specs`, which saves most of the time and memory a
    24-megapixel photo would otherwise take.
    """
    with Image.open(fh) as original:
        original.seek(0)
        _decode_no_larger_than_needed(original, list(specs))
        upright = ImageOps.exif_transpose(original)
        picture = _to_srgb(_flatten(upright))
    picture.info = {}  # EXIF, XMP, ICC, text chunks: none of it is passed on
    return picture


def render(
    picture: Image.Image, targets: Mapping[Spec, Iterable[str]], *, focal=(0.5, 0.5)
) -> Iterator[Rendered]:
    """Each spec of `targets` resized once, then encoded in each of its formats.

    The resizes, then the encodes, run side by side in threads: Pillow
    releases the GIL while it resamples and encodes, so on several cores the
    set takes little more than its largest pieces. Yielded in `targets`' order.
    """
    targets = {spec: list(formats) for spec, formats in targets.items()}
    with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
        try:
            resizing = {spec: pool.submit(resize, picture, spec, focal) for spec in targets}
            sized = {spec: job.result() for spec, job in resizing.items()}
            encoding = {
                (spec, name): pool.submit(_encode_copy, sized[spec], ENCODINGS[name])
                for spec in sorted(targets, key=lambda s: -s.width)  # the longest first
                for name in targets[spec]
            }
            for spec, formats in targets.items():
                for name in formats:
                    content = encoding[spec, name].result()
                    yield Rendered(spec, ENCODINGS[name], content, *sized[spec].size)
        finally:
            # A caller that stops early (a failed write) does not wait for the rest.
            pool.shutdown(cancel_futures=True)


def _encode_copy(picture: Image.Image, encoding: Encoding) -> bytes:
    # Image.save() keeps the encoder's options on the image object itself, so
    # two threads saving one image could swap options: each encode gets its own.
    return encode(picture.copy(), encoding)


def resize(picture: Image.Image, spec: Spec, focal=(0.5, 0.5)) -> Image.Image:
    size = output_size(spec, *picture.size)
    if spec.square:
        picture = picture.crop(_square_around(picture.size, focal))
    if picture.size == size:
        return picture
    return picture.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def encode(picture: Image.Image, encoding: Encoding) -> bytes:
    out = io.BytesIO()
    picture.save(out, encoding.pillow_format, **encoding.options)
    return out.getvalue()


def _square_around(size: tuple[int, int], focal: tuple[float, float]) -> tuple[int, int, int, int]:
    """The largest square that keeps the focal point (fractions of width and height) central."""
    width, height = size
    side = min(width, height)
    left = min(max(round(focal[0] * width - side / 2), 0), width - side)
    top = min(max(round(focal[1] * height - side / 2), 0), height - side)
    return left, top, left + side, top + side


def _decode_no_larger_than_needed(image: Image.Image, specs: list[Spec]) -> None:
    if image.format not in ("JPEG", "MPO") or not specs:
        return
    width, height = image.size
    if image.getexif().get(0x0112) in (5, 6, 7, 8):
        width, height = height, width
    needed = max((s.width / min(width, height) if s.square else s.width / width) for s in specs)
    if needed >= 1:
        return
    raw_width, raw_height = image.size
    image.draft(image.mode, (math.ceil(raw_width * needed), math.ceil(raw_height * needed)))


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        icc = image.info.get("icc_profile")
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        if icc:
            flat.info["icc_profile"] = icc
        return flat
    return image


def _to_srgb(image: Image.Image) -> Image.Image:
    icc = image.info.get("icc_profile")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            return ImageCms.profileToProfile(image, source, SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: fall back to Pillow's plain conversion
    return image if image.mode == "RGB" else image.convert("RGB")
