"""The database half of a backup: which rows, dumped how, restored how.

Two methods:

- ``dumpdata`` (every database, and the fallback on PostgreSQL): Django's JSON
  serialization of the content apps, with natural keys for users, groups,
  permissions and content types, so that rows created by `migrate` on the target
  (content types, permissions, the role groups of migration 0007) are matched by
  name rather than duplicated or clashing on ids. Restore first migrates the
  empty database to the migrations the backup was taken at, loads the rows in
  one transaction, then applies any newer migrations.
- ``pg_dump`` custom format, when pg_dump is installed and its major version is
  the server's: a consistent snapshot with schema, indexes, search's text
  configurations and generated columns, restored by pg_restore in one
  transaction. An older pg_dump cannot dump a newer server at all, and a newer
  one writes an archive the server's own pg_restore may not read, so anything
  but the same major version falls back to dumpdata (the manifest says which
  was used).

Either holds the Chinese and Japanese search bigrams as saved with their
texts; a backup from before migration 0019 gets them from that migration,
applied after loading.

Left out on purpose: sessions (short-lived login secrets: editors log in again),
django-axes' login-attempt records and the password-spraying counts (`accounts`:
keyed HMACs of recently failed passwords), and content types and permissions themselves
(recreated by `migrate`, referenced by natural key).
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.management.sql import emit_post_migrate_signal, sql_flush
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader

from newsroom.operations.backup.archive import BackupError

EXCLUDED = ("contenttypes", "auth.permission", "sessions", "axes", "accounts")
# Content in any of these means "not an empty database". Groups are not among
# them: migration 0007 creates the role groups in every fresh database.
CONTENT_MODELS = ("articles", "auth.user", "admin.logentry")


def dumped_models() -> list:
    """Concrete models whose rows a backup holds (m2m tables come with their owners)."""
    chosen = []
    for model in apps.get_models():
        label, app = model._meta.label_lower, model._meta.app_label
        if app in EXCLUDED or label in EXCLUDED or model._meta.proxy:
            continue
        if not model._meta.managed:
            continue
        chosen.append(model)
    return chosen


def _tables() -> dict[str, object]:
    """Every table holding backed-up rows, m2m tables included: name → manager."""
    tables = {}
    for model in dumped_models():
        tables[model._meta.db_table] = model._base_manager
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                tables[through._meta.db_table] = through._base_manager
    return tables


def row_counts() -> dict[str, int]:
    return {table: manager.count() for table, manager in sorted(_tables().items())}


def content_rows() -> int:
    """Rows that make a database non-empty for a restore."""
    total = 0
    for model in dumped_models():
        label, app = model._meta.label_lower, model._meta.app_label
        if app in CONTENT_MODELS or label in CONTENT_MODELS:
            total += model._base_manager.count()
    return total


def applied_migrations() -> dict[str, list[str]]:
    """The migrations applied to this database, per app (the schema the rows fit)."""
    loader = MigrationLoader(connection)
    applied: dict[str, list[str]] = {}
    for app, name in sorted(loader.applied_migrations):
        applied.setdefault(app, []).append(name)
    return applied


def has_tables() -> bool:
    return "django_migrations" in connection.introspection.table_names()


# ------------------------------------------------------------------ choose


def pg_dump_usable() -> tuple[bool, str]:
    """(usable, why): pg_dump exists and its major version is the server's."""
    if connection.vendor != "postgresql":
        return False, f"the database is {connection.vendor}"
    binary = shutil.which("pg_dump")
    if not binary:
        return False, "pg_dump is not installed"
    output = subprocess.run(  # noqa: S603 - an argument list, no shell
        [binary, "--version"], capture_output=True, text=True, check=False
    ).stdout
    found = re.search(r"(\d+)(?:\.\d+)?", output)
    client = int(found.group(1)) if found else None
    server = connection.cursor().connection.info.server_version // 10000
    if client != server:
        return False, f"pg_dump is version {client}, the server {server}"
    return True, f"pg_dump {client} matches the server"


# -------------------------------------------------------------------- dump


class _FullPrecisionEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a restore must give back the
    microseconds (publication and update times are compared, e.g. by imports)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def dump_json(target: Path) -> None:
    """What `dumpdata --natural-foreign --natural-primary` writes, at full time precision."""
    by_app: dict = {}
    for model in dumped_models():
        by_app.setdefault(apps.get_app_config(model._meta.app_label), []).append(model)
    ordered = serializers.sort_dependencies(by_app.items(), allow_cycles=True)

    def rows():
        for model in ordered:
            yield from model._base_manager.order_by(model._meta.pk.name).iterator()

    with transaction.atomic(), target.open("w", encoding="utf-8") as stream:
        serializers.serialize(
            "json",
            rows(),
            stream=stream,
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
            cls=_FullPrecisionEncoder,
        )


def _pg_env_and_args() -> tuple[dict, list[str]]:
    settings = connection.settings_dict
    env = {**os.environ}
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    args = ["--dbname", settings["NAME"], "--no-password"]
    if settings.get("HOST"):
        args += ["--host", str(settings["HOST"])]
    if settings.get("PORT"):
        args += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        args += ["--username", str(settings["USER"])]
    return env, args


def dump_postgres(target: Path) -> None:
    env, args = _pg_env_and_args()
    # --no-toast-compression: migration 0014 stores bodies with lz4; a dump that
    # said so could not be restored into a PostgreSQL built without it.
    command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
    command += ["--no-toast-compression", "--file", str(target)]
    result = subprocess.run(  # noqa: S603 - an argument list, no shell
        command + args, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")


# ------------------------------------------------------------------ restore


def check_migrations(recorded: dict[str, list[str]]) -> None:
    """The rows fit the schema of the recorded migrations: this code must have them all."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    missing = [
        f"{app}.{name}"
        for app, names in recorded.items()
        for name in names
        if (app, name) not in loader.disk_migrations and app in loader.migrated_apps
    ]
    if missing:
        raise BackupError(
            "The backup was taken by a newer release: this code lacks migrations "
            f"{', '.join(missing[:5])}{'…' if len(missing) > 5 else ''}. "
            "Restore with the release that made the backup."
        )


def restore_json(
    fixture: Path, recorded: dict[str, list[str]], *, force: bool, out, verify
) -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    if force and has_tables():
        out("  erasing the target database's content (--force)")
        flush()
    out("  migrating the empty database to the backup's schema")
    for app in sorted(recorded):
        if app in loader.migrated_apps:
            leaf = max(recorded[app], key=lambda n: _depth(loader, app, n))
            migrate(app, leaf)
    # Roles (and any other rows migrations create) are matched by natural key;
    # the rest must not exist yet, which the emptiness check made sure of.
    with transaction.atomic():
        load(fixture)
        verify()


def flush() -> None:
    """Empty every table, as `manage.py flush` does, and let the apps recreate their
    rows (content types, permissions: the dump refers to them by natural key)."""
    statements = sql_flush(no_style(), connection, reset_sequences=True, allow_cascade=False)
    connection.ops.execute_sql_flush(statements)
    if statements:
        emit_post_migrate_signal(0, False, connection.alias)


def migrate(app: str | None = None, name: str | None = None) -> None:
    """Apply (or unapply) migrations up to `app`'s `name`; every app's newest without them.

    The migrate command rather than MigrationExecutor: the command also sends
    pre_migrate and post_migrate with the migrated project state, which create
    content types and permissions (the dump refers to them by natural key) and
    rename the content types of renamed models; Django offers that only through
    the command, the executor alone skips it.
    """
    targets = (app, name) if app else ()
    call_command("migrate", *targets, verbosity=0, interactive=False)


def load(fixture: Path) -> None:
    """Load a dump's rows, as `manage.py loaddata` does: raw saves (no model's save()
    runs), forward references resolved at the end, foreign keys checked, sequences
    moved past the loaded ids. Call inside a transaction."""
    models = set()
    pending = []
    with fixture.open(encoding="utf-8") as stream, connection.constraint_checks_disabled():
        for row in serializers.deserialize("json", stream, handle_forward_references=True):
            row.save()
            models.add(type(row.object))
            if row.deferred_fields:
                pending.append(row)
        for row in pending:
            row.save_deferred_fields()
    connection.check_constraints(table_names=[model._meta.db_table for model in models])
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def _depth(loader, app: str, name: str) -> int:
    """How many migrations of `app` lead to `name`: picks the newest recorded one."""
    plan = loader.graph.forwards_plan((app, name))
    return sum(1 for node in plan if node[0] == app)


def restore_postgres(dump: Path, *, force: bool, out) -> None:
    if connection.vendor != "postgresql":
        raise BackupError(
            "This backup holds a pg_dump archive: restore it into PostgreSQL "
            f"(the configured database is {connection.vendor})."
        )
    if not shutil.which("pg_restore"):
        raise BackupError("This backup holds a pg_dump archive, and pg_restore is not installed.")
    env, args = _pg_env_and_args()
    command = ["pg_restore", "--no-owner", "--no-privileges", "--single-transaction"]
    command += ["--exit-on-error"]
    if has_tables():
        # Migrated but empty (or --force): the dump brings its own schema.
        command += ["--clean", "--if-exists"]
    connection.close()
    result = subprocess.run(  # noqa: S603 - an argument list, no shell
        command + args + [str(dump)], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise BackupError(f"pg_restore failed, nothing was restored: {result.stderr.strip()}")
