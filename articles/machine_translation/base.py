"""The interface every engine has, and what can go wrong when asking one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _

from articles.domain.languages import ENDONYMS


class MachineTranslationError(Exception):
    """The engine gave no usable translation; nothing was written.

    `stops_run`: later requests will fail the same way (down, over quota,
    refused key), so a bulk run stops instead of trying every language.
    """

    def __init__(self, message: str, *, stops_run: bool = False):
        self.stops_run = stops_run
        super().__init__(message)


class Engine:
    """Translates texts from one site language into another.

    `codes` maps each site language the engine handles to the engine's own
    code; a language missing there is refused before anything is sent.
    `target_codes` does the same where the engine spells targets differently.
    """

    name: str = ""
    label: str = ""
    codes: Mapping[str, str] = {}
    target_codes: Mapping[str, str] = {}

    def refusal(self, source: str, target: str) -> str | None:
        """Why this engine cannot translate `source` → `target`; None when it can."""
        if source == target:
            return _("The source and the target are the same language.")
        for code, codes in ((source, self.codes), (target, self.target_codes or self.codes)):
            if code not in codes:
                return _("%(engine)s does not translate %(language)s (%(code)s).") % {
                    "engine": self.label,
                    "language": ENDONYMS.get(code, code),
                    "code": code,
                }
        return None

    def translate(self, texts: Sequence[str], *, source: str, target: str, html: bool) -> list[str]:
        """`texts` translated, in order; `html`: they are HTML, whose markup is kept.

        Raises MachineTranslationError; callers have asked `refusal` first.
        """
        raise NotImplementedError
