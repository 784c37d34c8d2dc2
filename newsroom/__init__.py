"""The project: settings, URLs, WSGI, request hygiene, and the site-wide apps `accounts` and `operations`."""
