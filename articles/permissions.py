"""Who may change what in an article, checked on the server for every save.

Roles are Django groups (created by migration 0006_roles):
- reporter: creates and edits drafts and versions in review; cannot publish;
- translator: edits only the language versions of their assigned languages,
  cannot publish, cannot touch shared fields;
- editor: everything above, plus publishing, scheduling, taking down, corrections;
- chief editor: everything, including deleting articles and assigning roles.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .languages import LANGUAGE_CODES, column_suffix
from .status import Status

PUBLISH = "articles.publish_article"
ALL_LANGUAGES = "articles.edit_all_languages"
# States anyone who can edit may put a version in; the others are publishing.
EDITING_STATES = (Status.DRAFT, Status.REVIEW)
# Fields that decide when readers see something: publishing, by another name.
PUBLISHING_FIELDS = ("status", "published_at", "expires_at")
SHARED_PUBLISHING_FIELDS = ("embargo_until",)

_LANGUAGE_OF: dict[str, str] = {}
for _code in LANGUAGE_CODES:
    for _field in (
        "title",
        "slug",
        "summary",
        "body",
        "origin",
        "translated_from",
        *PUBLISHING_FIELDS,
        "photo_caption",
        "photo_alt_text",
    ):
        _LANGUAGE_OF[f"{_field}_{column_suffix(_code)}"] = _code


def language_of(form_field: str) -> str | None:
    """The language a form field belongs to; None for shared fields."""
    return _LANGUAGE_OF.get(form_field)


def editable_languages(user) -> set[str]:
    if user.has_perm(ALL_LANGUAGES):
        return set(LANGUAGE_CODES)
    return set(user.translator_languages.values_list("language", flat=True))


def article_change_errors(*, user, before, changed: list[str], cleaned: dict) -> list[str]:
    """Why `user` may not make these changes to `before` (empty if they may)."""
    errors = []
    can_publish = user.has_perm(PUBLISH)
    languages = editable_languages(user)
    ignored = {"base_version"}
    for name in changed:
        if name in ignored:
            continue
        code = language_of(name)
        if code is None:
            if name in SHARED_PUBLISHING_FIELDS and not can_publish:
                errors.append(_("Only editors may set the embargo."))
            elif not user.has_perm(ALL_LANGUAGES):
                errors.append(
                    _("You may change only your languages' texts, not %(field)s.") % {"field": name}
                )
            continue
        if code not in languages:
            errors.append(_("You may not edit the %(language)s version.") % {"language": code})
            continue
        if can_publish:
            continue
        suffix = column_suffix(code)
        current = getattr(before, f"status_{suffix}", None) or Status.DRAFT
        if current not in EDITING_STATES:
            errors.append(
                _("The %(language)s version is %(status)s: only editors may change it.")
                % {"language": code, "status": Status(current).label}
            )
        elif name == f"status_{suffix}" and cleaned.get(name) not in EDITING_STATES:
            errors.append(_("Only editors may publish, schedule or take down."))
        elif name.startswith(("published_at_", "expires_at_")):
            errors.append(_("Only editors may set publication times."))
    return sorted(set(errors))
