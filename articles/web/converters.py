class AnySlugConverter:
    """A slug in any script, combining marks included.

    Django's `slug` converter is ASCII only, and a `\\w` pattern would cut
    Devanagari vowel signs. Anything up to the next slash is taken except
    control characters (PostgreSQL refuses NUL in a query: that would be a
    500); a slug that is not in the database is simply a 404.
    """

    regex = r"[^/\x00-\x1f\x7f]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class YearConverter:
    """Four digits, so each year has one address (`/2026/`, never `/02026/`)."""

    regex = r"[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        # Templates pass strings from the |date filter (in the site's time zone).
        return f"{int(value):04d}"


class TwoDigitConverter:
    """A month or day as two digits (`/2026/03/`); whether it exists is the view's check."""

    regex = r"[0-9]{2}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return f"{int(value):02d}"
