"""The editors' admin, split by what it manages; importing the package registers it all.

- `articles`: the article admin (tabbed languages, availability, corrections);
- `photos`: photos with translated captions and their rights;
- `taxonomy`: sections, tags, authors;
- `users`: desk accounts and roles;
- `filters`, `forms`, `user_forms`, `widgets`: the pieces those share;
- `views`: the article's extra pages (history, diff, restore, previews).
"""

from articles.admin import articles, photos, taxonomy, users  # noqa: F401
