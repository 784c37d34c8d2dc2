"""Cross-cutting suites: end to end, roles across the site, XSS, HTML quality, faults."""
