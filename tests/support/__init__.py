"""Helpers for the tests: factories, servers, proxies, the browser."""
