"""What each kind of write makes stale (connected in ArticlesConfig.ready).

Model signals rather than calls in each service, so the admin, the importer,
the scheduler, the photo tasks and `photo_rights` are all covered, including
writes that bypass `save()`: the scheduler's conditional UPDATEs and the
importer's steps each record a `Revision`, which is watched here too.

An article's page shows only that article (its languages, photo, byline, tags,
corrections) plus the section navigation, so a change to one article never
touches another article's page. Lists (front, section, tag, author and archive
pages, feeds, sitemaps, the API list) are invalidated together: any public
change can move any of them, and they are few.

The CDN purge names pages from the tags after the commit; what a write takes
away (a deleted row's pages, the old address of a changed slug or a removed
tag's listing) is worked out here, before the write (`urls_of`).
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from articles.cache.invalidation import invalidate
from articles.cache.purge import purge_enabled, urls_of, urls_of_stored
from articles.cache.tags import LISTS, SITE, article_tag
from articles.models import Article, Author, Correction, Photo, Rendition, Revision, Section, Tag


def _articles(pks, *, urls=()) -> None:
    invalidate([LISTS, *(article_tag(pk) for pk in pks)], urls=urls)


@receiver(post_save, sender=Article, dispatch_uid="page_cache.article")
def _article_changed(instance: Article, **kwargs) -> None:
    _articles([instance.pk])


@receiver(pre_delete, sender=Article, dispatch_uid="page_cache.article_delete")
def _article_deleted(instance: Article, **kwargs) -> None:
    _articles([instance.pk], urls=urls_of(instance))


@receiver(pre_save, sender=Section, dispatch_uid="cdn_purge.section_address")
@receiver(pre_save, sender=Tag, dispatch_uid="cdn_purge.tag_address")
@receiver(pre_save, sender=Author, dispatch_uid="cdn_purge.author_address")
def _address_may_change(instance, **kwargs) -> None:
    # The addresses the row has now: a slug it gives up keeps its page (then
    # its 301) at the CDN unless named, and after the save it is not there to read.
    if urls := urls_of_stored(instance):
        invalidate([], urls=urls)


@receiver([post_save, post_delete], sender=Revision, dispatch_uid="page_cache.revision")
@receiver([post_save, post_delete], sender=Correction, dispatch_uid="page_cache.correction")
def _article_part_changed(instance, **kwargs) -> None:
    _articles([instance.article_id])


@receiver(m2m_changed, sender=Article.tags.through, dispatch_uid="page_cache.article_tags")
@receiver(m2m_changed, sender=Article.authors.through, dispatch_uid="page_cache.article_authors")
def _article_links_changed(instance, action: str, reverse: bool, model, pk_set, **kwargs) -> None:
    if action in ("pre_remove", "pre_clear") and not reverse and purge_enabled():
        # The tag or author page that listed the article stops listing it.
        removed = model.objects.filter(articles=instance)
        if action == "pre_remove":
            removed = removed.filter(pk__in=pk_set)
        invalidate([], urls=[url for obj in removed for url in urls_of(obj)])
    if not action.startswith("post_"):
        if action == "pre_clear" and reverse:
            # After a clear from the tag's or author's side the links are gone.
            _articles(instance.articles.values_list("pk", flat=True))
        return
    if reverse:  # tag.articles.add(...): pk_set holds articles
        _articles(pk_set or [])
    else:
        _articles([instance.pk])


@receiver(post_save, sender=Photo, dispatch_uid="page_cache.photo")
@receiver(pre_delete, sender=Photo, dispatch_uid="page_cache.photo_delete")
def _photo_changed(instance: Photo, **kwargs) -> None:
    _articles(Article.objects.filter(photo_id=instance.pk).values_list("pk", flat=True))


@receiver([post_save, post_delete], sender=Rendition, dispatch_uid="page_cache.rendition")
def _rendition_changed(instance: Rendition, **kwargs) -> None:
    _articles(Article.objects.filter(photo_id=instance.photo_id).values_list("pk", flat=True))


@receiver(post_save, sender=Tag, dispatch_uid="page_cache.tag")
@receiver(pre_delete, sender=Tag, dispatch_uid="page_cache.tag_delete")
@receiver(post_save, sender=Author, dispatch_uid="page_cache.author")
@receiver(pre_delete, sender=Author, dispatch_uid="page_cache.author_delete")
def _byline_or_tag_changed(instance, **kwargs) -> None:
    _articles(instance.articles.values_list("pk", flat=True), urls=urls_of(instance))


@receiver(post_save, sender=Section, dispatch_uid="page_cache.section")
@receiver(pre_delete, sender=Section, dispatch_uid="page_cache.section_delete")
def _section_changed(instance: Section, **kwargs) -> None:
    # Section names are in the navigation of every page.
    invalidate([SITE, LISTS], urls=urls_of(instance))
