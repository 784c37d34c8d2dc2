"""Tests of articles/selectors/."""
