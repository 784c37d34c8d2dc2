"""The site-wide commands (`commands/`)."""
