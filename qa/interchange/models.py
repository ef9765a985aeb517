from django.db import models
from django.utils.translation import gettext_lazy as _

from qa.languages import STORED_LANGUAGE_CHOICES


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


class WorkingPaperFiles(models.Manager):
    def size_in(self, language):
        """The size of the PDF a reader of ``language`` is offered (zh-hant readers the Chinese one), as a
        subquery to annotate a question with, so the link costs the page no query of its own."""
        from qa.languages import source_language

        offered = self.filter(question=models.OuterRef("pk"), language=source_language(language))
        return models.Subquery(offered.values("size")[:1])


class WorkingPaperFile(models.Model):
    """The PDF a question's text in one language was imported from, offered to its readers.

    The bytes are in the database, so every host of a several-hosts setup
    serves the same file; a newer import replaces them, and the older stays in
    the revision history (the model is kept by django-reversion).
    """

    question = models.ForeignKey(
        "qa.Question", on_delete=models.CASCADE, related_name="working_papers", verbose_name=_("question")
    )
    language = models.CharField(_("language"), max_length=7, choices=STORED_LANGUAGE_CHOICES)
    file_name = models.CharField(_("file name"), max_length=200)
    data = models.BinaryField(_("PDF"))
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    imported = models.DateTimeField(_("imported"), auto_now=True)

    objects = WorkingPaperFiles()

    class Meta:
        verbose_name = _("working paper PDF")
        verbose_name_plural = _("working paper PDFs")
        constraints = [
            models.UniqueConstraint(fields=["question", "language"], name="working_paper_file_unique")
        ]

    def __str__(self):
        return self.file_name


class PendingPaper(models.Model):
    """A PDF uploaded for an import preview, kept until the editor confirms or the preview expires.

    The preview's signed form names it by its SHA-256; the confirm step takes
    the bytes from here, so a large upload does not travel back in the form.
    """

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    data = models.BinaryField(_("PDF"))
    uploaded = models.DateTimeField(_("uploaded"), auto_now=True)

    class Meta:
        verbose_name = _("uploaded working paper")
        verbose_name_plural = _("uploaded working papers")

    def __str__(self):
        return self.sha256
