from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        # Signal handlers: page cache invalidation, the cached section navigation,
        # and photo file clean-up; search's deploy check.
        from articles.cache import signals  # noqa: F401
        from articles.photos import cleanup  # noqa: F401
        from articles.selectors import search_checks  # noqa: F401
        from articles.selectors.search import add_sqlite_functions
        from articles.web import navigation  # noqa: F401

        # SQLite has no case folding beyond ASCII; search brings its own.
        connection_created.connect(
            add_sqlite_functions, dispatch_uid="articles.selectors.search.sqlite"
        )
