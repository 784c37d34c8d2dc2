"""Cheaper writes of articles and revisions on PostgreSQL, search unchanged.

Every article INSERT or UPDATE evaluates the expressions of all 14 search
indexes of migration 0011. Two costs were avoidable:

- `newsroom_bigrams()` made and sorted every pair of characters of every word,
  comparing them under the database's locale. It now takes each distinct word
  once and sorts bytewise ("C"): the same set of bigrams for any text (byte
  equality is the locale's equality). Same name and signature, so the indexes
  and search stay as they are; an index holds the set of elements, not their
  order, so the indexes stay valid without a rebuild.
- Bodies (14 per article) and revision snapshots (every language's text) are
  stored compressed with lz4, cheaper than the default pglz to write and to
  read. Where the server was built without lz4 the columns keep the default.
"""

from django.db import migrations

CHEAPER_BIGRAMS = r"""
CREATE OR REPLACE FUNCTION newsroom_bigrams(doc text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(word, i, 2) COLLATE "C"), '{}')
  FROM (
         SELECT DISTINCT word COLLATE "C" AS word
         FROM regexp_split_to_table(
                lower(regexp_replace(doc, '<[^>]*>', ' ', 'g')), '[^[:alnum:]]+'
              ) AS word
       ) AS words,
       generate_series(1, char_length(word) - 1) AS i
$$
"""
# Migration 0011's, put back on the way down.
FORMER_BIGRAMS = r"""
CREATE OR REPLACE FUNCTION newsroom_bigrams(doc text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(word, i, 2)), '{}')
  FROM regexp_split_to_table(
         lower(regexp_replace(doc, '<[^>]*>', ' ', 'g')), '[^[:alnum:]]+'
       ) AS word,
       generate_series(1, char_length(word) - 1) AS i
$$
"""
# Frozen here, as the columns were when this was written.
SUFFIXES = ("zh_hans", "ru", "en", "fr", "ind", "sa", "ja", "de", "pt", "el", "es", "it", "fi", "la")
COMPRESSED = {
    "articles_article": [f"body_{suffix}" for suffix in SUFFIXES],
    "articles_revision": ["snapshot"],
}


def _set_compression(schema_editor, method: str) -> None:
    statements = "; ".join(
        f"ALTER TABLE {schema_editor.quote_name(table)} "
        + ", ".join(
            f"ALTER COLUMN {schema_editor.quote_name(column)} SET COMPRESSION {method}"
            for column in columns
        )
        for table, columns in COMPRESSED.items()
    )
    # A server built without lz4 refuses the method: keep its default then.
    schema_editor.execute(
        f"DO $$ BEGIN {statements}; EXCEPTION WHEN feature_not_supported THEN NULL; END $$"
    )


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CHEAPER_BIGRAMS)
    _set_compression(schema_editor, "lz4")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FORMER_BIGRAMS)
    _set_compression(schema_editor, "DEFAULT")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_bench_indexes"),
    ]

    operations = [migrations.RunPython(forward, backward)]
