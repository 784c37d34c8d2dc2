"""Test images, made here with Pillow (and by hand where Pillow refuses to write them)."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def encoded(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def noisy(width: int, height: int, mode: str = "RGB") -> Image.Image:
    """Noise compresses badly, so a truncated file really misses image data."""
    return Image.effect_noise((width, height), 64).convert(mode)


def two_halves(width: int, height: int) -> Image.Image:
    """Left half red, right half blue: shows which way a picture was turned."""
    image = Image.new("RGB", (width, height), (220, 0, 0))
    image.paste((0, 0, 220), (width // 2, 0, width, height))
    return image


def phone_jpeg(width: int = 600, height: int = 400) -> bytes:
    """As a phone writes it: stored sideways with EXIF orientation 6, GPS, maker, XMP."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # shown turned 90° clockwise
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (51.0, 30.0, 12.5)
    return encoded(
        two_halves(width, height),
        "JPEG",
        exif=exif.tobytes(),
        xmp=b"<x:xmpmeta><secret>home address</secret></x:xmpmeta>",
    )


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_declaring(width: int, height: int) -> bytes:
    """A few hundred bytes whose header claims `width` × `height` (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    data = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def animated_png(width: int, height: int, frames: int) -> bytes:
    pictures = [Image.new("RGB", (width, height), (i * 40 % 256, 80, 120)) for i in range(frames)]
    return encoded(pictures[0], "PNG", save_all=True, append_images=pictures[1:])


SVG = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>
"""
HTML = b"<!doctype html><html><script>alert(document.cookie)</script></html>"
