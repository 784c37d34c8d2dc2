"""The fixed set of renditions: named sizes in two families, each in three formats.

``lead``   full-width article photos, 400–1600 px wide, the photo's own shape.
``square`` list thumbnails, 200 and 400 px, cropped around the focal point.

Every spec is made in AVIF, WebP and JPEG: browsers pick the first format they
support from ``<picture>``; JPEG is the fallback every browser reads. Nothing is
ever enlarged: specs wider than the photo are dropped, except the next size up,
which is made at the photo's own size so the sharpest version is on offer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Spec:
    name: str
    family: str
    width: int  # for squares, the side

    @property
    def square(self) -> bool:
        return self.family == "square"


@dataclass(frozen=True)
class Encoding:
    format: str  # stored in Rendition.format
    pillow_format: str
    mime_type: str
    extension: str
    options: dict


LEAD_WIDTHS = (400, 800, 1200, 1600)
SQUARE_SIDES = (200, 400)
SPECS: dict[str, Spec] = {
    spec.name: spec
    for spec in (
        *(Spec(f"lead-{w}", "lead", w) for w in LEAD_WIDTHS),
        *(Spec(f"square-{w}", "square", w) for w in SQUARE_SIDES),
    )
}
FAMILIES: dict[str, tuple[Spec, ...]] = {
    family: tuple(s for s in SPECS.values() if s.family == family) for family in ("lead", "square")
}

# Settings chosen with bench/renditions.py: AVIF speed 8 is several times faster
# than the default 6 for a near-identical size; WebP method 4 likewise.
ENCODINGS: dict[str, Encoding] = {
    "avif": Encoding("avif", "AVIF", "image/avif", ".avif", {"quality": 55, "speed": 8}),
    "webp": Encoding("webp", "WEBP", "image/webp", ".webp", {"quality": 78, "method": 4}),
    "jpeg": Encoding(
        "jpeg", "JPEG", "image/jpeg", ".jpg", {"quality": 80, "optimize": True, "progressive": True}
    ),
}
FORMATS: tuple[str, ...] = tuple(ENCODINGS)  # preference order in <picture>


def specs_for(width: int, height: int, names: set[str] | None = None) -> list[Spec]:
    """The specs a `width` × `height` photo gets (optionally only those `names`)."""
    chosen = []
    for family in FAMILIES.values():
        available = min(width, height) if family[0].square else width
        for spec in family:
            chosen.append(spec)
            if spec.width >= available:
                break  # this one is made at the photo's own size; larger ones would be equal
    return [spec for spec in chosen if names is None or spec.name in names]


def output_size(spec: Spec, width: int, height: int) -> tuple[int, int]:
    """The rendition's pixel size for a `width` × `height` photo: never enlarged."""
    if spec.square:
        side = min(spec.width, width, height)
        return side, side
    if width <= spec.width:
        return width, height
    return spec.width, max(1, round(height * spec.width / width))
