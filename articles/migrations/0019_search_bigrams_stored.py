"""Chinese and Japanese search reads stored bigrams instead of computing them.

Migration 0011 indexed `newsroom_bigrams(title || summary || body)`. GIN
rechecks an array's `@>` on every row it finds, so a bigram most articles hold
made PostgreSQL compute the bigrams of every one of their texts again, per
search. Now:

- Each of the two languages has a column holding the distinct bigrams of its
  title, summary and body (articles/domain/search_text.py `BigramsField`: a
  tsvector on PostgreSQL, each pair a lexeme; text elsewhere), written by
  `Article.save()`; existing rows are filled here.
- PostgreSQL indexes each column with GIN, under the old indexes' names. A
  query without weights or phrases is answered by that index with no recheck,
  and a row read otherwise has its pairs read as stored, not made again.
- The expression indexes of 0011 and the `newsroom_bigrams()` function, no
  longer used, are dropped (and put back on the way down).

Frozen here as written; articles/selectors/search.py builds the same
expression, and a test checks that PostgreSQL's planner uses these indexes.
"""

from importlib import import_module

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import migrations
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Concat

from articles.domain.search_text import BigramsField, stored_bigrams

# Language column suffixes, as when this was written.
SUFFIXES = ("zh_hans", "ja")
SOURCES = ("title", "summary", "body")
BATCH = 200
# Migration 0014's function, put back on the way down.
BIGRAMS_FUNCTION = import_module("articles.migrations.0014_cheaper_index_upkeep").CHEAPER_BIGRAMS


def stored_index(suffix: str) -> GinIndex:
    return GinIndex(fields=[f"search_bigrams_{suffix}"], name=f"article_bigrams_{suffix}")


def former_index(suffix: str) -> GinIndex:
    title, summary, body = (F(f"{f}_{suffix}") for f in SOURCES)
    text = Concat(title, Value(" "), summary, Value(" "), body, output_field=TextField())
    bigrams = Func(text, function="newsroom_bigrams", output_field=ArrayField(TextField()))
    return GinIndex(bigrams, name=f"article_bigrams_{suffix}")


def fill(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    columns = [f"{f}_{suffix}" for suffix in SUFFIXES for f in SOURCES]
    rows = Article._base_manager.only("pk", *columns).order_by("pk")
    batch = []
    for article in rows.iterator(chunk_size=BATCH):
        for suffix in SUFFIXES:
            texts = (getattr(article, f"{f}_{suffix}") for f in SOURCES)
            setattr(article, f"search_bigrams_{suffix}", stored_bigrams(*texts))
        batch.append(article)
        if len(batch) == BATCH:
            Article._base_manager.bulk_update(batch, [f"search_bigrams_{s}" for s in SUFFIXES])
            batch = []
    if batch:
        Article._base_manager.bulk_update(batch, [f"search_bigrams_{s}" for s in SUFFIXES])


def index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("articles", "Article")
    for suffix in SUFFIXES:
        schema_editor.remove_index(Article, former_index(suffix))
        schema_editor.add_index(Article, stored_index(suffix))
    schema_editor.execute("DROP FUNCTION IF EXISTS newsroom_bigrams(text)")


def unindex(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("articles", "Article")
    schema_editor.execute(BIGRAMS_FUNCTION)
    for suffix in SUFFIXES:
        schema_editor.remove_index(Article, stored_index(suffix))
        schema_editor.add_index(Article, former_index(suffix))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0018_machine_provenance"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_bigrams_ja",
            field=BigramsField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="search_bigrams_zh_hans",
            field=BigramsField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(index, unindex),
    ]
