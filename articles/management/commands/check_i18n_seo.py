"""`manage.py check_i18n_seo [--all]`: report every surface that disagrees with the rule.

A thin shell over `articles.web.consistency.check`; see that module for what is
compared. Exits non-zero when anything disagrees, so CI can run it.
"""

from django.core.management.base import BaseCommand, CommandError

from articles.web.consistency import CrawlRefused, check


class Command(BaseCommand):
    help = (
        "Crawl pages, feeds, sitemaps and the news sitemap through the test client and "
        "report every disagreement with the availability rule."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            dest="everything",
            help="Check every article's pages and every section's feeds (default: the "
            "newest articles and the site-wide feeds).",
        )
        parser.add_argument(
            "--limit",
            type=int,
            default=100,
            help="Without --all, how many of the newest articles to open (default 100).",
        )

    def handle(self, *args, everything: bool, limit: int, **options):
        if limit < 0:
            raise CommandError("--limit must be 0 or more.")
        try:
            report = check(everything=everything, limit=limit)
        except CrawlRefused as error:
            raise CommandError(str(error)) from error
        for problem in report.problems:
            self.stdout.write(f"{problem.where}: {problem.message}")
        summary = (
            f"{report.versions} public language versions, {report.fetched} responses read, "
            f"surfaces: {', '.join(report.surfaces)}."
        )
        if report.problems:
            self.stdout.write(summary)
            raise CommandError(f"{len(report.problems)} disagreements with the availability rule.")
        self.stdout.write(self.style.SUCCESS(f"No disagreements. {summary}"))
