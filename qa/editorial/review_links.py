"""Reviewer links: a question's current text, draft or not, for whoever holds the link, without an account.

The address carries only the link's id, signed with the site's secret key
(``django.core.signing``), so it cannot be guessed or altered; the row says
whether it still works (its expiry, chosen by the editor, and revocation).
Changing ``SECRET_KEY`` ends every link.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qa.bounds import validate_year

REVIEW_DAYS = 7
SALT = "qa.review-link"


def default_expiry():
    return timezone.now() + datetime.timedelta(days=REVIEW_DAYS)


class ReviewLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked=False, expires__gt=timezone.now())

    def from_token(self, token):
        """The link a token names, or None when it is not one the site signed (tampered, made up)."""
        try:
            pk = signing.loads(token, salt=SALT)
        except signing.BadSignature:
            return None
        if not isinstance(pk, int):
            return None
        return self.select_related("question").filter(pk=pk).first()


class ReviewLink(models.Model):
    ACTIVE, EXPIRED, REVOKED = "active", "expired", "revoked"
    STATES = {ACTIVE: _("active"), EXPIRED: _("expired"), REVOKED: _("revoked")}

    question = models.ForeignKey("qa.Question", models.CASCADE, related_name="review_links", verbose_name=_("question"))
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )
    expires = models.DateTimeField(
        _("expires"),
        default=default_expiry,
        validators=[validate_year],
        help_text=_("China Standard Time (Beijing, UTC+8). After this the link shows only that it has expired."),
    )
    revoked = models.BooleanField(
        _("revoked"), default=False, help_text=_("A revoked link stops working at once, for everyone who has it.")
    )

    # No public page shows a link: making or revoking one leaves the page cache alone.
    shown_on_pages = False

    objects = ReviewLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("reviewer link")
        verbose_name_plural = _("reviewer links")
        ordering = ["-created"]

    def __str__(self):
        # "50. Title (Traditional Chinese)", "50. Title（繁体中文）": the brackets are the language's own.
        return _("%(question)s (%(language)s)") % {"question": self.question, "language": self.get_language_display()}

    def clean(self):
        """A new link that has already expired could never be used; an existing one may be ended early."""
        if self._state.adding and self.expires is not None and self.expires <= timezone.now():
            raise ValidationError(
                {"expires": _("This time has already passed, so the link could never be used: choose a later one.")}
            )

    @property
    def token(self):
        return signing.dumps(self.pk, salt=SALT)

    def get_absolute_url(self):
        return reverse("review", kwargs={"token": self.token})

    @property
    def state(self):
        if self.revoked:
            return self.REVOKED
        if self.expires <= timezone.now():
            return self.EXPIRED
        return self.ACTIVE

    @property
    def is_active(self):
        return self.state == self.ACTIVE
