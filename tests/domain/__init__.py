"""Tests of articles/domain/."""
