"""backup, restore, compile_catalogs, ensure_admin: thin shells over `newsroom/operations/`."""
