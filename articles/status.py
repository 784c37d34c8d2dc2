"""The workflow states of a language version."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Where a language version is in the desk's workflow.

    "Scheduled" is not a state of its own: it is PUBLISHED with a publication
    time still ahead, so a version goes live on time without a job having to run.
    """

    DRAFT = "draft", _("draft")
    REVIEW = "review", _("in review")
    PUBLISHED = "published", _("published")
    UNPUBLISHED = "unpublished", _("unpublished")


class Origin(models.TextChoices):
    """How a language version was made: the desk's provenance of every text."""

    ORIGINAL = "original", _("original")
    HUMAN = "human", _("human translation")
    MACHINE = "machine", _("machine translation")
    MACHINE_REVIEWED = "machine_reviewed", _("machine translation, reviewed")
