"""Search folds accents on PostgreSQL (SQLite folds in Python and needs nothing).

- The `unaccent` extension, created if the role may (it is a trusted extension
  from PostgreSQL 13: a role with CREATE on the database may create it).
- One text search configuration per language that separates words,
  `newsroom_<code>`: a copy of the language's own (stemming, stop words) whose
  words pass through `unaccent` before the stemmer, so `ciencia` and `ciência`,
  `arzte` and `Ärzte`, `γεφυρα` and `γέφυρα` make the same lexeme. Only the
  token types that may hold non-ASCII letters are re-mapped.
- Migration 0011's full-text indexes, rebuilt under the same names on those
  configurations.

Where the extension cannot be created, the configurations are plain copies:
search works without folding accents, and `manage.py check --deploy` says so
(articles/selectors/search_checks.py) with how to put it right.

Frozen here as written; articles/selectors/search.py builds the same
expressions, and a test checks that PostgreSQL's planner uses these indexes.
"""

from functools import reduce
from operator import add

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import DatabaseError, migrations, transaction

# Language code: (column suffix, PostgreSQL's configuration, its word dictionary).
LANGUAGES = {
    "ru": ("ru", "russian", "russian_stem"),
    "en": ("en", "english", "english_stem"),
    "fr": ("fr", "french", "french_stem"),
    "id": ("ind", "indonesian", "indonesian_stem"),
    "de": ("de", "german", "german_stem"),
    "pt": ("pt", "portuguese", "portuguese_stem"),
    "el": ("el", "greek", "greek_stem"),
    "es": ("es", "spanish", "spanish_stem"),
    "it": ("it", "italian", "italian_stem"),
    "fi": ("fi", "finnish", "finnish_stem"),
    "la": ("la", "simple", "simple"),
    "sa": ("sa", "simple", "simple"),
}
WEIGHTS = (("title", "A"), ("summary", "B"), ("body", "C"))
# The parser's token types that can hold letters beyond ASCII.
NON_ASCII_WORDS = "word, hword, hword_part"


def config_name(code: str) -> str:
    return f"newsroom_{code}"


def search_index(suffix: str, config: str) -> GinIndex:
    vector = reduce(
        add, (SearchVector(f"{f}_{suffix}", config=config, weight=w) for f, w in WEIGHTS)
    )
    return GinIndex(vector, name=f"article_search_{suffix}")


def _create_unaccent(schema_editor) -> bool:
    """Create the extension if missing and allowed; whether its dictionary exists."""
    connection = schema_editor.connection
    try:
        # A savepoint: a refusal must not abort the migration's transaction.
        with transaction.atomic(using=connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    except DatabaseError:
        pass  # not allowed, or not installed on the server: fold nothing
    with connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'unaccent')")
        return cursor.fetchone()[0]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    folding = _create_unaccent(schema_editor)
    Article = apps.get_model("articles", "Article")
    for code, (suffix, config, dictionary) in LANGUAGES.items():
        name = config_name(code)
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {config})")
        if folding:
            schema_editor.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {name} "
                f"ALTER MAPPING FOR {NON_ASCII_WORDS} WITH unaccent, {dictionary}"
            )
        schema_editor.remove_index(Article, search_index(suffix, config))
        schema_editor.add_index(Article, search_index(suffix, name))


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("articles", "Article")
    for code, (suffix, config, _) in LANGUAGES.items():
        schema_editor.remove_index(Article, search_index(suffix, config_name(code)))
        schema_editor.add_index(Article, search_index(suffix, config))
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {config_name(code)}")
    # The extension stays: dropping it needs its owner, and other code may use it.


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_version_changed_at"),
    ]

    operations = [migrations.RunPython(forward, backward)]
