"""Tests of articles' management commands not covered by their package's tests."""
