"""Thin shells over the services: parse the arguments, call, report counts."""
