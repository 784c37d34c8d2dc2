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
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from .invalidation import LISTS, SITE, article_tag, invalidate
from .models import Article, Author, Correction, Photo, Rendition, Revision, Section, Tag


def _articles(pks) -> None:
    invalidate([LISTS, *(article_tag(pk) for pk in pks)])


@receiver([post_save, post_delete], sender=Article, dispatch_uid="page_cache.article")
def _article_changed(instance: Article, **kwargs) -> None:
    _articles([instance.pk])


@receiver([post_save, post_delete], sender=Revision, dispatch_uid="page_cache.revision")
@receiver([post_save, post_delete], sender=Correction, dispatch_uid="page_cache.correction")
def _article_part_changed(instance, **kwargs) -> None:
    _articles([instance.article_id])


@receiver(m2m_changed, sender=Article.tags.through, dispatch_uid="page_cache.article_tags")
@receiver(m2m_changed, sender=Article.authors.through, dispatch_uid="page_cache.article_authors")
def _article_links_changed(instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
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
    _articles(instance.articles.values_list("pk", flat=True))


@receiver([post_save, post_delete], sender=Section, dispatch_uid="page_cache.section")
def _section_changed(**kwargs) -> None:
    # Section names are in the navigation of every page.
    invalidate([SITE, LISTS])
