class UnicodeSlugConverter:
    """Slugs in any script (Django's `slug` converter is ASCII only)."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
