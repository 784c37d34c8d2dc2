from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        # Signal handlers: the cached section navigation, and photo file clean-up.
        from . import navigation  # noqa: F401
        from .photos import cleanup  # noqa: F401
