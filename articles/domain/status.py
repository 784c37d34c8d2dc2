"""The workflow states of a language version."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Where a language version is in the desk's workflow.

    SCHEDULED is public from its publication time on, whether or not the
    scheduler has run yet: readers never wait for a job. The scheduler then
    records the go-live (SCHEDULED → PUBLISHED) and takes down expired versions.
    """

    DRAFT = "draft", _("draft")
    REVIEW = "review", _("in review")
    SCHEDULED = "scheduled", _("scheduled")
    PUBLISHED = "published", _("published")
    UNPUBLISHED = "unpublished", _("unpublished")


# The states in which a version is public once its time has come.
LIVE_STATES: tuple[str, ...] = (Status.SCHEDULED, Status.PUBLISHED)


class Origin(models.TextChoices):
    """How a language version was made: the desk's provenance of every text."""

    ORIGINAL = "original", _("original")
    HUMAN = "human", _("human translation")
    MACHINE = "machine", _("machine translation")
    MACHINE_REVIEWED = "machine_reviewed", _("machine translation, reviewed")
