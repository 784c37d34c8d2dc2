"""Each language version's own change time (articles/versions.py `modified_at`).

Backfilled from the revisions: the last one that changed the language (or
changed what all languages share, which a revision listing no language
records), but never later than the article's `updated_at`, which the public
dates showed until now (the importer dates that by the wire's time, not by
the import's). An article without revisions keeps `updated_at`.
"""

from django.db import migrations, models

# Frozen as they were: language code, column suffix.
LANGUAGES = (
    *(("zh-hans", "zh_hans"), ("ru", "ru"), ("en", "en"), ("fr", "fr"), ("id", "ind")),
    *(("sa", "sa"), ("ja", "ja"), ("de", "de"), ("pt", "pt"), ("el", "el"), ("es", "es")),
    *(("it", "it"), ("fi", "fi"), ("la", "la")),
)


def backfill(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Revision = apps.get_model("articles", "Revision")
    every = [code for code, _suffix in LANGUAGES]
    latest = {}
    revisions = Revision.objects.order_by().values_list("article_id", "languages", "created_at")
    for article_id, languages, created_at in revisions.iterator(chunk_size=2000):
        dates = latest.setdefault(article_id, {})
        for code in languages or every:
            if code not in dates or dates[code] < created_at:
                dates[code] = created_at
    articles = list(Article.objects.order_by("pk").values_list("pk", "updated_at"))
    for pk, updated_at in articles:
        dates = latest.get(pk, {})
        Article.objects.filter(pk=pk).update(
            **{
                f"changed_at_{suffix}": min(updated_at, dates.get(code, updated_at))
                for code, suffix in LANGUAGES
            }
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0015_strip_control_characters"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="changed_at",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="version changed at"
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="changed_at_de",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="version changed at"
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="changed_at_el",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="version changed at"
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="changed_at_en",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="version changed at"
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="changed_at_es",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="version changed at"
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="changed_at_fi",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="version changed at"
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="changed_at_fr",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="version changed at"
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="changed_at_ind",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="version changed at"
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="changed_at_it",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="version changed at"
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="changed_at_ja",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="version changed at"
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="changed_at_la",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="version changed at"
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="changed_at_pt",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="version changed at"
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="changed_at_ru",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="version changed at"
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="changed_at_sa",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="version changed at"
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="changed_at_zh_hans",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="version changed at"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
