"""Tests of the project's own modules in newsroom/ (settings, middleware, storages)."""
