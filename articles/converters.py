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
