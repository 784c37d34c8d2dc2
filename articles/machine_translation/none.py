"""No engine (the default): every pair is refused, with the setting that would change it."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.machine_translation.base import Engine


class NoEngine(Engine):
    name = "none"
    label = gettext_lazy("No machine translation")

    def refusal(self, source: str, target: str) -> str | None:
        return _("Machine translation is off (set MT_ENGINE to libretranslate or deepl).")

    def translate(self, texts, *, source, target, html):
        raise AssertionError("refusal() refuses every pair")
