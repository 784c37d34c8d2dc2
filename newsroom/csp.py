"""Content Security Policy helpers for settings."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def error_page_style_hashes(*templates: Path) -> list[str]:
    """CSP source expressions ('sha256-…') for each <style> element in `templates`.

    The 500 and 503 pages are rendered without a request, hence without a nonce,
    and without {% static %}; hashing their fixed style lets them keep that style
    under a CSP that allows no inline styles. Reading the templates keeps the
    hashes from going stale.
    """
    hashes = [
        "'sha256-{}'".format(
            base64.b64encode(hashlib.sha256(css.encode()).digest()).decode("ascii")
        )
        for template in templates
        for css in _STYLE.findall(template.read_text(encoding="utf-8"))
    ]
    return list(dict.fromkeys(hashes))
