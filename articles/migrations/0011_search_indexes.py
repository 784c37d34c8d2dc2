"""Search indexes, PostgreSQL only (SQLite searches without them).

- One GIN index per language that separates words: the weighted tsvector of
  title, summary and body under that language's text search configuration.
- For Chinese and Japanese, a function giving the character bigrams of a
  text, and a GIN index on the bigrams of title, summary and body.

The expressions are frozen here as they were written; articles/search.py
builds the same ones for its queries, and a test checks that PostgreSQL's
planner uses every index, so a change to one side without the other fails.
"""

from functools import reduce
from operator import add

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Concat

CONFIGS = {
    "ru": "russian",
    "en": "english",
    "fr": "french",
    "ind": "indonesian",
    "de": "german",
    "pt": "portuguese",
    "el": "greek",
    "es": "spanish",
    "it": "italian",
    "fi": "finnish",
    "la": "simple",
    "sa": "simple",
}
BIGRAM_SUFFIXES = ("zh_hans", "ja")
WEIGHTS = (("title", "A"), ("summary", "B"), ("body", "C"))

# Lower-cased words (runs of letters and digits, tags removed), and every pair of
# neighbouring characters in each. A one-character word has no pair.
CREATE_BIGRAMS = r"""
CREATE OR REPLACE FUNCTION newsroom_bigrams(doc text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(word, i, 2)), '{}')
  FROM regexp_split_to_table(
         lower(regexp_replace(doc, '<[^>]*>', ' ', 'g')), '[^[:alnum:]]+'
       ) AS word,
       generate_series(1, char_length(word) - 1) AS i
$$
"""
DROP_BIGRAMS = "DROP FUNCTION IF EXISTS newsroom_bigrams(text)"


def indexes():
    for suffix, config in CONFIGS.items():
        vector = reduce(
            add,
            (SearchVector(f"{f}_{suffix}", config=config, weight=w) for f, w in WEIGHTS),
        )
        yield GinIndex(vector, name=f"article_search_{suffix}")
    for suffix in BIGRAM_SUFFIXES:
        title, summary, body = (F(f"{f}_{suffix}") for f, _ in WEIGHTS)
        text = Concat(title, Value(" "), summary, Value(" "), body, output_field=TextField())
        bigrams = Func(text, function="newsroom_bigrams", output_field=ArrayField(TextField()))
        yield GinIndex(bigrams, name=f"article_bigrams_{suffix}")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_BIGRAMS)
    Article = apps.get_model("articles", "Article")
    for index in indexes():
        schema_editor.add_index(Article, index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("articles", "Article")
    for index in indexes():
        schema_editor.remove_index(Article, index)
    schema_editor.execute(DROP_BIGRAMS)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_tags_author_slugs_retired_slugs"),
    ]

    operations = [migrations.RunPython(create, drop)]
