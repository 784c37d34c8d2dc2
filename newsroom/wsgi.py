"""The WSGI application: page-cache hits answered in front of Django (articles/cache/front.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django_application = get_wsgi_application()

# Imported once Django is set up: the page cache reads the models and the settings.
from articles.cache.front import PageCacheFront  # noqa: E402

application = PageCacheFront(django_application)
