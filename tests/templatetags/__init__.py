"""Tests of the template tags and filters in articles/templatetags/."""
