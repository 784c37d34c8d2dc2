"""Tests of articles/web/."""
