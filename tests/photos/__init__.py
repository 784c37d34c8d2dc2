"""Tests of articles/photos/."""
