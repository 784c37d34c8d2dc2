from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        # Connects the signal that keeps the cached section navigation fresh.
        from . import navigation  # noqa: F401
