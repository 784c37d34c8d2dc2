"""Article writes and the admin list at news scale.

- `updated_at` is set by Article.save() instead of `auto_now`, so the importer
  can give the wire's time in the same INSERT (no SQL change).
- An index on `updated_at`: the admin list's date hierarchy reads its first,
  last and distinct dates from it instead of every article's row.
"""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    # 0012 is another branch's (the page cache); the merge puts it before this one.
    dependencies = [
        ("articles", "0012_cache_generations"),
    ]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="updated_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, editable=False, verbose_name="updated at"
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["updated_at"], name="article_updated_at"),
        ),
    ]
