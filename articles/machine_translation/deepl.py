"""DeepL API: `POST /v2/translate` with `Authorization: DeepL-Auth-Key <key>`.

Request: JSON with `text` (a list), `source_lang`, `target_lang` and, for
HTML, `tag_handling: "html"` (the markup is kept). Answer:
`{"translations": [{"detected_source_language": "PT", "text": "..."}]}`.
Errors: 403 (key refused), 429 (too many requests), 456 (quota exceeded),
5xx (unavailable). `MT_URL` is the API's base (the free and paid plans have
different hosts).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _

from articles.machine_translation.base import Engine, MachineTranslationError
from articles.machine_translation.http import garbage, post_json

# DeepL's source languages among the site's; no Sanskrit or Latin.
SOURCE_CODES = {
    "zh-hans": "ZH",
    "ru": "RU",
    "en": "EN",
    "fr": "FR",
    "id": "ID",
    "ja": "JA",
    "de": "DE",
    "pt": "PT",
    "el": "EL",
    "es": "ES",
    "it": "IT",
    "fi": "FI",
}
# As targets, DeepL asks for a variant of English and Portuguese (the bare
# codes are kept only for old clients): the desk writes European Portuguese
# and British English.
TARGET_CODES = {**SOURCE_CODES, "zh-hans": "ZH-HANS", "en": "EN-GB", "pt": "PT-PT"}


class DeepL(Engine):
    name = "deepl"
    label = "DeepL"
    codes = SOURCE_CODES
    target_codes = TARGET_CODES

    def __init__(self, *, url: str, api_key: str, timeout: float = 20.0):
        self.url = url.rstrip("/") + "/v2/translate"
        self.api_key = api_key
        self.timeout = timeout

    def translate(self, texts: Sequence[str], *, source: str, target: str, html: bool) -> list[str]:
        payload = {
            "text": list(texts),
            "source_lang": self.codes[source],
            "target_lang": self.target_codes[target],
        }
        if html:
            payload["tag_handling"] = "html"
        answer = post_json(
            self.url,
            payload,
            engine=self.label,
            timeout=self.timeout,
            headers={"Authorization": f"DeepL-Auth-Key {self.api_key}"},
            refusals={
                403: (_("the API key was refused"), True),
                429: (_("too many requests; try again in a minute"), True),
                456: (_("the account's translation quota is used up"), True),
            },
        )
        translations = answer.get("translations") if isinstance(answer, dict) else None
        if not (isinstance(translations, list) and len(translations) == len(texts)):
            raise MachineTranslationError(garbage(self.label))
        texts_out = [t.get("text") if isinstance(t, dict) else None for t in translations]
        if not all(isinstance(t, str) for t in texts_out):
            raise MachineTranslationError(garbage(self.label))
        return texts_out
