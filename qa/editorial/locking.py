"""Optimistic locking: every write of an edited object raises its ``version``.

A form remembers the version it was loaded at; saving it is refused when the
stored version has moved on since (see ``qa.editorial.admin``). Every writer
goes through ``save()`` (or a raw save, for restores and fixtures), so the
version changes whoever writes.
"""

from django.db import models, router, transaction
from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    """The object was saved by someone else after the editor loaded it."""


class EditVersioned(models.Model):
    version = models.PositiveIntegerField(_("edit version"), default=0, editable=False)

    class Meta:
        abstract = True

    @classmethod
    def stored_version(cls, pk, *, lock=False):
        """The version in the database (None if there is no such row), locked for this transaction if asked."""
        rows = cls._base_manager.filter(pk=pk)
        if lock:
            rows = rows.select_for_update()
        return rows.values_list("version", flat=True).first()

    def save(self, *args, **kwargs):
        with transaction.atomic(using=kwargs.get("using") or router.db_for_write(type(self), instance=self)):
            if not self._state.adding and self.pk is not None:
                stored = self.stored_version(self.pk, lock=True)
                if stored is not None:
                    self.version = stored + 1
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
            super().save(*args, **kwargs)


def bump_version_on_raw_save(sender, instance, raw, **kwargs):
    """Restores (django-reversion) and fixtures save raw, past ``save()``: they move the version on too."""
    if raw and isinstance(instance, EditVersioned) and instance.pk is not None:
        stored = type(instance).stored_version(instance.pk)
        instance.version = 0 if stored is None else stored + 1

