"""Recently served page-cache entries, kept in this process in front of a shared cache.

A hit in Redis costs a network round trip and unpickling the page, a hit in the
default disk cache a read from SQLite and unpickling: several times a hit in
local memory, and a story read thousands of times a minute is asked of the same
worker again and again. A copy kept here is exactly as fresh as the shared entry, because every
entry, wherever it was found, is checked against the invalidation log before it
is served (articles/cache/middleware.py); this only saves the fetch.

Bounded by the bytes of the pages it holds (`PAGE_CACHE_LOCAL_MB`, least
recently used out first). Off when the cache is already local memory: the copy
would be the same object twice.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache


def _body_size(entry: tuple) -> int:
    return len(entry[-1])


class LocalCopies:
    def __init__(self) -> None:
        self._entries: OrderedDict[str, tuple] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()  # gthread workers share one process

    @staticmethod
    def limit() -> int:
        if isinstance(caches["default"], LocMemCache):
            return 0
        return int(settings.PAGE_CACHE_LOCAL_MB * 1024 * 1024)

    def get(self, key: str) -> tuple | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: tuple) -> None:
        limit = self.limit()
        if _body_size(entry) > limit:
            return
        with self._lock:
            self._remove(key)
            self._entries[key] = entry
            self._bytes += _body_size(entry)
            while self._bytes > limit:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= _body_size(dropped)

    def drop(self, key: str) -> None:
        with self._lock:
            self._remove(key)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _remove(self, key: str) -> None:
        old = self._entries.pop(key, None)
        if old is not None:
            self._bytes -= _body_size(old)


local_copies = LocalCopies()
