"""Print the translation status board: articles × languages, for staff."""

from django.core.management.base import BaseCommand, CommandError

from articles.domain.languages import ENDONYMS, LANGUAGE_CODES
from articles.models import Article
from articles.selectors.translation_status import (
    LETTERS,
    matches,
    status_flags,
    status_rows,
)


class Command(BaseCommand):
    help = (
        "Show each article's language versions: P published, s scheduled, d draft, r review, "
        "u unpublished, · missing; ! outdated translation, m machine translation."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--outdated", action="store_true", help="Only articles with an outdated translation."
        )
        parser.add_argument("--language", metavar="L", help="Only this language's column.")

    def handle(self, *args, outdated=False, language=None, **options):
        if language is not None and language not in ENDONYMS:
            raise CommandError(
                f"Unknown language {language!r}; use one of: {', '.join(LANGUAGE_CODES)}."
            )
        languages = [language] if language else list(LANGUAGE_CODES)
        rows = [
            row
            for row in status_rows(status_flags(Article.objects.order_by("-id")), languages)
            if not outdated or matches(row, state="outdated")
        ]
        width = max(len(code) for code in languages) + 1
        self.stdout.write(
            "article  " + "".join(code.ljust(width + 2) for code in languages) + "headline"
        )
        for row in rows:
            cells = "".join(c.letters.ljust(width + 2) for c in row.cells)
            self.stdout.write(f"{row.article.pk:<7}  {cells}{row.headline}")
        counts = {state: 0 for state in LETTERS}
        for row in rows:
            for c in row.cells:
                counts[c.state] += 1
        outdated_count = sum(c.outdated for row in rows for c in row.cells)
        summary = ", ".join(f"{n} {state}" for state, n in counts.items() if n)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(rows)} article(s); {summary or 'nothing'}; {outdated_count} outdated."
            )
        )
