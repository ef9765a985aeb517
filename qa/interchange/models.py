from django.db import models
from django.utils.translation import gettext_lazy as _


class SeededRecord(models.Model):
    """A record the bundled content put into this database (see qa.interchange.seeding).

    Kept when editors change or delete the record, so that no later start or
    deploy ever creates it again.
    """

    kind = models.CharField(_("kind"), max_length=20)
    name = models.CharField(_("key"), max_length=400)
    seeded = models.DateTimeField(_("seeded"), auto_now_add=True)

    class Meta:
        verbose_name = _("seeded record")
        verbose_name_plural = _("seeded records")
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="seeded_record_unique")]

    def __str__(self):
        return f"{self.kind} {self.name}"
