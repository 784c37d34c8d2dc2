"""`manage.py check --deploy`: whether search on PostgreSQL folds accents.

Migration 0017 creates the `unaccent` extension where the database role may,
and otherwise leaves search working without folding accents (`ciencia` then
misses `ciência`). This check says which, and what to do about it. It asks the
database, so it runs with `--deploy` only; SQLite folds in Python and needs
nothing.
"""

from __future__ import annotations

from django.core import checks
from django.db import DatabaseError, OperationalError, connections

from articles.selectors.search import text_search_config

# The configuration whose mapping shows whether migration 0017 could fold.
_PROBE_LANGUAGE = "pt"
_STATE_SQL = """
SELECT
  EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'unaccent'),
  EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'),
  has_database_privilege(current_database(), 'CREATE'),
  EXISTS (
    SELECT 1 FROM pg_ts_config_map m
    JOIN pg_ts_config c ON c.oid = m.mapcfg
    JOIN pg_ts_dict d ON d.oid = m.mapdict
    WHERE c.cfgname = %s AND d.dictname = 'unaccent'
  ),
  EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = %s)
"""
HINT_REDO = (
    "Then run `manage.py migrate articles 0016` and `manage.py migrate` again: "
    "search's configurations and indexes are rebuilt with accent folding."
)


@checks.register("search", deploy=True)
def search_folds_accents(app_configs=None, databases=None, **kwargs) -> list[checks.CheckMessage]:
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return []
    config = text_search_config(_PROBE_LANGUAGE)
    try:
        with connection.cursor() as cursor:
            cursor.execute(_STATE_SQL, [config, config])
            installed, available, may_create, folding, migrated = cursor.fetchone()
    except OperationalError:
        # The database cannot be reached (not created yet, or down): that is not
        # this check's finding, and `migrate` or the site will say so.
        return []
    except DatabaseError as error:
        return [
            checks.Warning(
                f"Could not ask the database whether search folds accents: {error}",
                id="articles.W101",
            )
        ]
    return accent_folding_messages(
        installed=installed,
        available=available,
        may_create=may_create,
        folding=folding,
        migrated=migrated,
    )


def accent_folding_messages(
    *, installed: bool, available: bool, may_create: bool, folding: bool, migrated: bool
) -> list[checks.CheckMessage]:
    """What to say, given the database's state: `unaccent` installed, available to
    install, whether the role may create it, whether search's configurations use
    it, and whether migration 0017 has made them."""
    if not migrated or folding:
        return []  # not migrated yet (migrate says so), or all is well
    if installed:
        return [
            checks.Warning(
                "Search does not fold accents: the unaccent extension was installed "
                "after the search configurations were made.",
                hint=HINT_REDO,
                id="articles.W102",
            )
        ]
    if not available:
        why = "the database server has no unaccent extension (postgresql-contrib)."
    elif not may_create:
        why = "this database role may not create extensions (it lacks CREATE on the database)."
    else:
        why = "the unaccent extension is not installed in this database."
    return [
        checks.Warning(
            f"Search does not fold accents (`ciencia` misses `ciência`): {why}",
            hint="Have a role that may create it run `CREATE EXTENSION unaccent;` in this "
            "database (a trusted extension: the database owner may). " + HINT_REDO,
            id="articles.W103",
        )
    ]
