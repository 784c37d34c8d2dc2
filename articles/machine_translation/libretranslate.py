"""LibreTranslate (self-hosted or hosted): `POST /translate`.

Request: JSON with `q` (a list of texts), `source`, `target`, `format`
("text" or "html", which keeps the markup) and `api_key` (when the server
asks for one). Answer: `{"translatedText": [...]}`, one text per `q`; errors
as `{"error": "..."}` with 400, 403 (key refused), 429 (slow down) or 500.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _

from articles.machine_translation.base import Engine, MachineTranslationError
from articles.machine_translation.http import garbage, post_json

# The site's languages in LibreTranslate's codes (its /languages list); the
# Argos models it runs have no Sanskrit or Latin.
CODES = {
    "zh-hans": "zh-Hans",
    "ru": "ru",
    "en": "en",
    "fr": "fr",
    "id": "id",
    "ja": "ja",
    "de": "de",
    "pt": "pt",
    "el": "el",
    "es": "es",
    "it": "it",
    "fi": "fi",
}


class LibreTranslate(Engine):
    name = "libretranslate"
    label = "LibreTranslate"
    codes = CODES

    def __init__(self, *, url: str, api_key: str = "", timeout: float = 20.0):
        self.url = url.rstrip("/") + "/translate"
        self.api_key = api_key
        self.timeout = timeout

    def translate(self, texts: Sequence[str], *, source: str, target: str, html: bool) -> list[str]:
        payload = {
            "q": list(texts),
            "source": self.codes[source],
            "target": self.codes[target],
            "format": "html" if html else "text",
        }
        if self.api_key:
            payload["api_key"] = self.api_key
        answer = post_json(
            self.url,
            payload,
            engine=self.label,
            timeout=self.timeout,
            refusals={
                403: (_("the API key was refused"), True),
                429: (_("too many requests; try again in a minute"), True),
            },
        )
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if not (
            isinstance(translated, list)
            and len(translated) == len(texts)
            and all(isinstance(t, str) for t in translated)
        ):
            raise MachineTranslationError(garbage(self.label))
        return translated
