"""Loaded as a pytest plugin (`-p tests.support.environment`) before Django's settings.

Tests run with DEBUG off like production, so they need a secret key; this is
a throwaway one, set only where the environment has none.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")

# Each test process its own cache: the default cache on disk would be shared by
# the xdist workers, and one's entries served to the other's database.
# tests/cache/test_front.py and test_disk.py use the disk cache on a temporary folder.
os.environ.setdefault("CACHE_URL", "locmemcache://")
