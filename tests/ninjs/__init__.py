"""Tests of articles/ninjs/."""
