"""Where PostgreSQL cannot fold accents (no `unaccent`, or a role that may not create it),
migration 0017 still gives search its configurations and indexes, search still works
without folding, and `manage.py check --deploy` says so and how to put it right."""

from __future__ import annotations

import importlib
import os

import pytest
from django.apps import apps
from django.core import checks
from django.db import connection

from articles.selectors.search_checks import accent_folding_messages, search_folds_accents
from tests.selectors.test_search import found_titles, with_texts
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL's unaccent extension: run with DATABASE_URL=postgres://…",
)
migration = importlib.import_module("articles.migrations.0017_search_folds_accents")
# Dropping the configurations takes the documents made with them along; `migrate` after
# 0017 makes them again.
documents = importlib.import_module("articles.migrations.0020_search_documents_stored")
HEALTHY = dict(installed=True, available=True, may_create=True, folding=True, migrated=True)


def ids(messages) -> list[str]:
    return [message.id for message in messages]


@pytest.mark.parametrize(
    "state,expected,words",
    [
        ({}, [], ""),
        ({"migrated": False, "folding": False}, [], ""),
        ({"folding": False}, ["articles.W102"], "installed after"),
        ({"folding": False, "installed": False}, ["articles.W103"], "not installed"),
        (
            {"folding": False, "installed": False, "may_create": False},
            ["articles.W103"],
            "may not create extensions",
        ),
        (
            {"folding": False, "installed": False, "available": False},
            ["articles.W103"],
            "has no unaccent",
        ),
    ],
)
def test_what_the_check_says_for_each_state(state, expected, words):
    messages = accent_folding_messages(**{**HEALTHY, **state})
    assert ids(messages) == expected
    for message in messages:
        assert message.level == checks.WARNING
        assert words in message.msg
        assert "migrate articles 0016" in message.hint


def test_the_check_runs_with_deploy_only():
    found = checks.run_checks(tags=["search"], include_deployment_checks=True)
    assert ids(found) == []  # SQLite needs nothing; this PostgreSQL folds
    assert search_folds_accents in checks.registry.registry.get_checks(
        include_deployment_checks=True
    )
    assert search_folds_accents not in checks.registry.registry.get_checks()


@on_postgresql
def test_postgresql_migrated_with_unaccent_needs_no_warning():
    assert search_folds_accents() == []


@on_postgresql
def test_postgresql_extension_added_after_migrating_is_reported(client):
    """A configuration made before the extension existed: search works, unfolded."""
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TEXT SEARCH CONFIGURATION newsroom_pt "
            "ALTER MAPPING FOR word, hword, hword_part WITH portuguese_stem"
        )
    with_texts(ArticleFactory(languages=("pt",)), {"pt": ("A ciência do porto", "x")})
    assert found_titles(client, "pt", "ciência") == ["A ciência do porto"]
    assert found_titles(client, "pt", "ciencia") == []
    assert ids(search_folds_accents()) == ["articles.W102"]


@on_postgresql
def test_postgresql_role_that_may_not_create_the_extension(client):
    """Migration 0017 run by a role refused CREATE EXTENSION (everything here is undone
    when the test's transaction rolls back): the migration completes, search answers
    without folding, and the check names the cause."""
    with_texts(ArticleFactory(languages=("pt",)), {"pt": ("A ciência do porto", "x")})
    role = f"newsroom_no_extensions_{os.getpid()}"
    with connection.cursor() as cursor:
        # Takes the configurations and the indexes on them along: a database
        # as migration 0016 left it, on a server without the extension installed.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks for ALTER TABLE
        cursor.execute("DROP EXTENSION unaccent CASCADE")
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")
        cursor.execute(f"ALTER TABLE articles_article OWNER TO {role}")
        cursor.execute(f"GRANT CREATE ON SCHEMA public TO {role}")
        cursor.execute(f"SET LOCAL ROLE {role}")
    with connection.schema_editor() as editor:
        migration.forward(apps, editor)
        documents.forward(apps, editor)
    messages = search_folds_accents()
    assert ids(messages) == ["articles.W103"]
    assert "may not create extensions" in messages[0].msg
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'article_search_%%'")
        assert cursor.fetchone()[0] == len(migration.LANGUAGES)
    assert found_titles(client, "pt", "ciência") == ["A ciência do porto"]
    assert found_titles(client, "pt", "ciencia") == []
