"""Rendering side by side in threads makes the same renditions as one by one."""

from __future__ import annotations

import io

from articles.photos.render import encode, prepare, render, resize
from articles.photos.specs import ENCODINGS, FORMATS, specs_for
from tests.support.factories import jpeg_bytes


def test_renditions_made_side_by_side_equal_those_made_one_by_one():
    """Each rendition is encoded with its own format's settings, whichever runs beside it."""
    specs = specs_for(2000, 1500)
    picture = prepare(io.BytesIO(jpeg_bytes(2000, 1500)), specs=specs)
    focal = (0.3, 0.6)

    together = {
        (r.spec.name, r.encoding.format): (r.content, r.width, r.height)
        for r in render(picture, {spec: FORMATS for spec in specs}, focal=focal)
    }

    assert len(together) == len(specs) * len(FORMATS) == 18
    for spec in specs:
        sized = resize(picture, spec, focal)
        for name in FORMATS:
            assert together[spec.name, name] == (encode(sized, ENCODINGS[name]), *sized.size)


def test_renditions_come_in_the_order_asked():
    specs = specs_for(800, 500)
    picture = prepare(io.BytesIO(jpeg_bytes(800, 500)), specs=specs)
    targets = {spec: ("jpeg", "avif") for spec in reversed(specs)}

    made = [(r.spec, r.encoding.format) for r in render(picture, targets)]

    assert made == [(spec, name) for spec in reversed(specs) for name in ("jpeg", "avif")]
