"""Tests of articles/cache/."""
