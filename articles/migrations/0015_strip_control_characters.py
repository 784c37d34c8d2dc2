"""Remove control characters from text already stored (articles/plain_text.py).

Rows saved before the rule could hold a C0 control character, which XML cannot
carry: the feeds answered 500 and the news sitemap was invalid. The rule is
frozen here as it was written; rows are updated in place, so no text version,
update time or revision moves (the text a reader sees is the same).
"""

import re

from django.db import migrations, models

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
LINE_BREAK = re.compile("\r\n?")
MODELS = ("Article", "Photo", "Section", "Tag", "Author", "Correction")


def strip(text):
    return FORBIDDEN.sub("", LINE_BREAK.sub("\n", text))


def forward(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("articles", name)
        columns = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
        ]
        rows = model._base_manager.order_by("pk").values_list("pk", *columns)
        # Read first, then write: SQLite does not isolate a read from writes
        # to the same table on one connection.
        found = []
        for pk, *values in rows.iterator(chunk_size=500):
            changes = {
                column: strip(value)
                for column, value in zip(columns, values, strict=True)
                if isinstance(value, str) and strip(value) != value
            }
            if changes:
                found.append((pk, changes))
        for pk, changes in found:
            model._base_manager.filter(pk=pk).update(**changes)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_cheaper_index_upkeep"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
