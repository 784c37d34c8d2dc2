"""Template tags of the admin's Django templates: `newsroom` (revision lists).

The public pages are Jinja2 templates; their filters and globals are in
articles/web/jinja2.py."""
