"""What a template needs to show a photo: a <picture> with srcset per format.

Built from the prefetched renditions, so it makes no query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from articles.models import Photo, Rendition
from articles.photos.specs import ENCODINGS, FORMATS, SPECS

# The <img> fallback: the JPEG nearest this width.
FALLBACK_WIDTH = {"lead": 1200, "square": 400}
# How wide each family is drawn (static/css/site.css): the lead spans the
# 46rem column less its padding; thumbnails are 8rem.
SIZES = {"lead": "(min-width: 46rem) 44rem, calc(100vw - 2rem)", "square": "8rem"}


@dataclass(frozen=True)
class Source:
    mime_type: str
    srcset: str


@dataclass(frozen=True)
class Picture:
    sources: list[Source]  # the better formats, in order of preference
    src: str
    srcset: str
    sizes: str
    width: int
    height: int
    placeholder: str


def picture_for(
    photo: Photo | None,
    family: str,
    now: datetime | None = None,
    *,
    renditions: Iterable[Rendition] | None = None,
) -> Picture | None:
    """The photo's `family` renditions as a Picture; None if there is nothing to show.

    `renditions`: the photo's renditions when the caller already has them (the
    article page's query brings them along); otherwise they are asked of the photo.

    Nothing is shown once the photo's rights have expired, nor before its JPEG
    renditions exist (every browser needs that fallback): never a broken image.
    """
    by_format = _renditions_by_format(photo, family, now, renditions)
    jpegs = by_format.get("jpeg")
    if not jpegs:
        return None
    fallback = _fallback(jpegs, family)
    return Picture(
        sources=[
            Source(ENCODINGS[f].mime_type, _srcset(by_format[f]))
            for f in FORMATS
            if f != "jpeg" and by_format.get(f)
        ],
        src=rendition_url(fallback),
        srcset=_srcset(jpegs),
        sizes=SIZES[family],
        width=fallback.width,
        height=fallback.height,
        placeholder=photo.placeholder_colour,
    )


def _srcset(renditions: list[Rendition]) -> str:
    by_width = {r.width: r for r in renditions}  # a width once, whatever the spec
    return ", ".join(f"{rendition_url(by_width[w])} {w}w" for w in sorted(by_width))


def rendition_url(rendition: Rendition) -> str:
    """The rendition file's URL, asked of its storage once per process.

    A rendition is named by its content and never changes, and its storage
    builds URLs without signing them (newsroom/storages.py), so the answer
    stays right; a lead photo lists 15 of them, and building each (URL
    quoting and joining) costs an uncached page more than it should.
    """
    file = rendition.file
    return _storage_url(file.storage, file.name)


@lru_cache(maxsize=8192)
def _storage_url(storage, name: str) -> str:
    return storage.url(name)


def fallback_rendition(
    photo: Photo | None,
    family: str,
    now: datetime | None = None,
    *,
    renditions: Iterable[Rendition] | None = None,
):
    """The one JPEG that stands for the photo where a single image is wanted
    (feeds, JSON-LD, OpenGraph); None under the same rules as `picture_for`."""
    jpegs = _renditions_by_format(photo, family, now, renditions).get("jpeg")
    return _fallback(jpegs, family) if jpegs else None


def _renditions_by_format(
    photo, family: str, now, renditions: Iterable[Rendition] | None
) -> dict[str, list[Rendition]]:
    by_format: dict[str, list[Rendition]] = defaultdict(list)
    if photo is None or not photo.rights_current(now):
        return by_format
    # Lists prefetch the renditions, so asking the photo costs no query there.
    for rendition in photo.renditions.all() if renditions is None else renditions:
        spec = SPECS.get(rendition.spec)
        if rendition.file and spec is not None and spec.family == family:
            by_format[rendition.format].append(rendition)
    return by_format


def _fallback(jpegs: list[Rendition], family: str) -> Rendition:
    return min(jpegs, key=lambda r: (abs(r.width - FALLBACK_WIDTH[family]), -r.width))
