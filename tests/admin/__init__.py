"""Tests of articles/admin/."""
