"""Loaded as a pytest plugin (`-p tests.support.environment`) before Django's settings.

Tests run with DEBUG off like production, so they need a secret key; this is
a throwaway one, set only where the environment has none.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
