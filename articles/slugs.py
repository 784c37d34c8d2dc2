"""Kept for the migrations: 0001 and 0010 name `articles.slugs.AnyScriptSlugField`.

Migrations are frozen history and must keep importing what they named; the field
itself lives in `articles/domain/slugs.py`.
"""

from articles.domain.slugs import AnyScriptSlugField

__all__ = ["AnyScriptSlugField"]
