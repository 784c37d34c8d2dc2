"""Operations on the whole site rather than on articles.

Backups (`backup/` and the `backup`/`restore` commands), the message catalogs
(`compile_catalogs`) and a newcomer's first superuser (`ensure_admin`).
"""
