"""What the site publishes, and from when: the one rule (``published_q``) behind
``Question.objects.published()`` and ``Question.is_published``, and scheduled publishing.

A published question with a publication time (``Question.publish_at``) still
to come is *scheduled*: hidden from readers until then. The rule is read at
query time, so it goes public when its time comes with nothing to run; the
page cache keeps no page past that moment (``qa.web.cache.next_publication``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

DRAFT = "draft"
PUBLISHED = "published"


def published_q(prefix=""):
    """The condition for a question readers can see, on ``prefix`` (``"questions__"`` from a series):
    status published, and its publication time, if it has one, passed."""
    now = timezone.now()
    return models.Q(**{f"{prefix}status": PUBLISHED}) & (
        models.Q(**{f"{prefix}publish_at__isnull": True}) | models.Q(**{f"{prefix}publish_at__lte": now})
    )


# Indexes that let the database list and count published questions without reading their rows: a question's
# row holds its bodies before its status and publication time, and on SQLite reading those
# means reading every body (at 20,000 questions the home page took 348 ms, 125 ms with these;
# bench/scale.py). Each leads with what the queries hold equal, so SQLite picks it without statistics:
# what is published and when (the counts, ``next_publication``), the newest (the home page and the feeds),
# a series' own (its index and the series' counts), and a series' newest (its index by date: 49 ms to 0).
PUBLICATION_INDEXES = [
    models.Index(fields=["status", "publish_at"], name="question_publication"),
    models.Index(fields=["status", "published"], name="question_newest"),
    models.Index(fields=["series", "status", "publish_at"], name="question_series_publication"),
    models.Index(fields=["series", "published"], name="question_series_newest"),
]


class PublicationQuerySet(models.QuerySet):
    def published(self):
        """What the site publishes: every published question of every series whose time has come."""
        return self.filter(published_q())

    def scheduled(self):
        """Published questions whose publication time is still to come: readers cannot see them yet."""
        return self.time_to_come().filter(status=PUBLISHED)

    def time_to_come(self):
        """Those with a publication time still to come, whatever their status, unordered. Among published
        questions (the search index) these are the scheduled ones; the condition on ``publish_at`` alone
        lets the database read only them through its index (bench/search.py)."""
        return self.filter(publish_at__gt=timezone.now()).order_by()

    def next_publication(self):
        """The earliest publication time still to come, or None."""
        return self.scheduled().order_by("publish_at").values_list("publish_at", flat=True).first()


class ScheduledPublication:
    """Question mixin: whether readers can see it now, whether it is scheduled, and the rules of a schedule."""

    @property
    def is_published(self):
        """Whether readers can see it now (``published_q`` for one question)."""
        return self.status == PUBLISHED and not self.is_scheduled

    @property
    def is_scheduled(self):
        return self.status == PUBLISHED and self.publish_at is not None and self.publish_at > timezone.now()

    @property
    def scheduled_display(self):
        """ "Scheduled for 5 March 2026, 09:00 (Beijing time)", in the active language; "" when not scheduled."""
        if not self.is_scheduled:
            return ""
        moment = date_format(timezone.localtime(self.publish_at), "DATETIME_FORMAT")
        return _("Scheduled for %(time)s (Beijing time)") % {"time": moment}

    def clean(self):
        super().clean()
        if self.status == DRAFT and self.publish_at is not None and self.publish_at > timezone.now():
            raise ValidationError(
                {
                    "status": _(
                        "To schedule this question, set its status to “published” too: it stays hidden "
                        "until its publication time, then goes public by itself."
                    )
                }
            )

    def save(self, *args, **kwargs):
        if self.publish_at is not None:
            # Kept to the second, all the admin's form can show, so a save from it never moves the time.
            self.publish_at = self.publish_at.replace(microsecond=0)
            # The date shown and cited is the day it goes public, in the site's time zone.
            self.published = timezone.localdate(self.publish_at)
            self.published_precision = self.DAY
        super().save(*args, **kwargs)
