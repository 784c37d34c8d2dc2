"""Renditions: the resized copies readers get. Originals are never served.

A deliberately small module: two specs, JPEG only. Pillow does the work;
one row per (photo, spec) under a unique constraint so a rendition exists once.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from PIL import Image, ImageOps

from .models import Photo, Rendition


@dataclass(frozen=True)
class Spec:
    name: str
    width: int


SPECS: dict[str, Spec] = {
    "lead": Spec("lead", 1200),
    "thumb": Spec("thumb", 480),
}
JPEG_QUALITY = 82


def render_jpeg(photo: Photo, spec: Spec) -> tuple[bytes, int, int]:
    """The original, upright, at most `spec.width` wide, as a metadata-free JPEG."""
    with photo.image.open("rb") as fh, Image.open(fh) as original:
        image = ImageOps.exif_transpose(original)
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        if image.width > spec.width:
            height = round(image.height * spec.width / image.width)
            image = image.resize((spec.width, height), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        # No exif= argument: nothing of the original's metadata is copied.
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        return out.getvalue(), image.width, image.height


def ensure_renditions(photo: Photo) -> dict[str, Rendition]:
    """Create the renditions this photo lacks; return all of them by spec."""
    existing = {r.spec: r for r in photo.renditions.all()}
    for spec in SPECS.values():
        if spec.name in existing:
            continue
        data, width, height = render_jpeg(photo, spec)
        rendition = Rendition(photo=photo, spec=spec.name, width=width, height=height)
        rendition.file.save(f"{photo.pk}-{spec.name}.jpg", ContentFile(data), save=False)
        try:
            with transaction.atomic():
                rendition.save()
        except IntegrityError:
            # Someone else made it first: keep theirs, drop our file.
            rendition.file.delete(save=False)
            rendition = Rendition.objects.get(photo=photo, spec=spec.name)
        existing[spec.name] = rendition
    return existing
