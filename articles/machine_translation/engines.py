"""Which engine the settings name (MT_ENGINE, MT_URL, MT_API_KEY, MT_TIMEOUT)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from articles.machine_translation.base import Engine
from articles.machine_translation.deepl import DeepL
from articles.machine_translation.libretranslate import LibreTranslate
from articles.machine_translation.none import NoEngine

ENGINES = ("none", "libretranslate", "deepl")


def engine_from_settings() -> Engine:
    """The configured engine; ImproperlyConfigured names the setting that is wrong."""
    name = settings.MT_ENGINE
    if name == "none":
        return NoEngine()
    if name not in ENGINES:
        raise ImproperlyConfigured(f"MT_ENGINE is {name!r}: use one of {', '.join(ENGINES)}.")
    if not settings.MT_URL:
        raise ImproperlyConfigured(f"MT_ENGINE is {name}: set MT_URL to the engine's address.")
    if name == "deepl":
        if not settings.MT_API_KEY:
            raise ImproperlyConfigured("MT_ENGINE is deepl: set MT_API_KEY.")
        return DeepL(url=settings.MT_URL, api_key=settings.MT_API_KEY, timeout=settings.MT_TIMEOUT)
    return LibreTranslate(
        url=settings.MT_URL, api_key=settings.MT_API_KEY, timeout=settings.MT_TIMEOUT
    )
