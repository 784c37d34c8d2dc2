"""The project: settings, URLs, WSGI, request hygiene, and the site-wide apps
`accounts` (login throttling) and `operations` (backups, catalogs, first admin)."""
