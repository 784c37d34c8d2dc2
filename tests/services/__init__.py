"""Tests of articles/services/."""
