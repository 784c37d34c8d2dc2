"""Latin date formats, which Django does not ship."""
