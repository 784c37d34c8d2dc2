"""Full-text search tests a row against its stored document, never by parsing (PostgreSQL).

Migration 0017 indexed an expression that parses the title, summary and body.
For a word in nearly every article the planner sees the same rows through the
GIN index as through walking another index (a slug's, the primary key) and
testing each row, and it costs that test, a parse of three texts, at a
fraction of what it takes: it chose the walk, seconds per search.

Now each language that separates words has a column PostgreSQL generates from
the same expression, `search_document_<suffix>` (stored, so written with the
row by every path, restores and raw SQL included, and never stale), and the
GIN index is on that column, under 0017's names. Whichever way the planner
reads the rows, testing one reads its stored document.

Not model fields (SQLite has neither the type nor the configurations): search
names the column in its SQL (articles/selectors/search.py `stored_document`).
"""

from importlib import import_module

from django.db import migrations

FOLDS_ACCENTS = import_module("articles.migrations.0017_search_folds_accents")


def column(suffix: str) -> str:
    return f"search_document_{suffix}"


def document_sql(code: str, suffix: str, quote) -> str:
    config = FOLDS_ACCENTS.config_name(code)
    return " || ".join(
        f"setweight(to_tsvector('{config}'::regconfig, coalesce({quote(f'{field}_{suffix}')}, "
        f"'')), '{weight}')"
        for field, weight in FOLDS_ACCENTS.WEIGHTS
    )


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    Article = apps.get_model("articles", "Article")
    table = quote(Article._meta.db_table)
    languages = FOLDS_ACCENTS.LANGUAGES.items()
    for code, (suffix, _, _) in languages:
        schema_editor.remove_index(
            Article, FOLDS_ACCENTS.search_index(suffix, FOLDS_ACCENTS.config_name(code))
        )
    # One statement: the table is rewritten once, every document made on the way.
    schema_editor.execute(
        f"ALTER TABLE {table} "
        + ", ".join(
            f"ADD COLUMN {quote(column(suffix))} tsvector "
            f"GENERATED ALWAYS AS ({document_sql(code, suffix, quote)}) STORED"
            for code, (suffix, _, _) in languages
        )
    )
    for _, (suffix, _, _) in languages:
        schema_editor.execute(
            f"CREATE INDEX {quote(f'article_search_{suffix}')} ON {table} "
            f"USING gin ({quote(column(suffix))})"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    Article = apps.get_model("articles", "Article")
    languages = FOLDS_ACCENTS.LANGUAGES.items()
    # Dropping a column drops its index.
    schema_editor.execute(
        f"ALTER TABLE {quote(Article._meta.db_table)} "
        + ", ".join(f"DROP COLUMN {quote(column(suffix))}" for _, (suffix, _, _) in languages)
    )
    for code, (suffix, _, _) in languages:
        schema_editor.add_index(
            Article, FOLDS_ACCENTS.search_index(suffix, FOLDS_ACCENTS.config_name(code))
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0019_search_bigrams_stored"),
    ]

    operations = [migrations.RunPython(forward, backward)]
