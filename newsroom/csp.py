"""Content Security Policy helpers for settings."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def error_page_style_hashes(template: Path) -> list[str]:
    """CSP source expressions ('sha256-…') for each <style> element in `template`.

    The 500 page is rendered without a request, hence without a nonce, and without
    {% static %}; hashing its fixed style lets it keep that style under a CSP that
    allows no inline styles. Reading the template keeps the hash from going stale.
    """
    return [
        "'sha256-{}'".format(
            base64.b64encode(hashlib.sha256(css.encode()).digest()).decode("ascii")
        )
        for css in _STYLE.findall(template.read_text(encoding="utf-8"))
    ]
