"""Which fields have one column per language. The only place that says so."""

from modeltranslation.translator import TranslationOptions, register

from articles.models import Article, Photo, Section, Tag


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    fields = ("name", "slug")


@register(Tag)
class TagTranslationOptions(TranslationOptions):
    fields = ("name", "slug")


@register(Photo)
class PhotoTranslationOptions(TranslationOptions):
    fields = ("caption", "alt_text")


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = (
        *("title", "slug", "summary", "body", "byline"),
        *("status", "published_at", "expires_at"),
        *("origin", "translated_from", "based_on", "text_version"),
        *("wire_version", "wire_version_created"),
        "changed_at",
    )
