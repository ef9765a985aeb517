from django.db import models
from django.utils.translation import gettext_lazy as _

from qa.content.models import Question


class SearchEntry(models.Model):
    """A question as the search index holds it: one per published question of the site's series.

    The indexed text lives beside it, in whatever the database searches fast
    (qa.search.backends and migration 0005_search say how); deleting the entry removes it there.
    """

    question = models.OneToOneField(Question, models.CASCADE, primary_key=True, related_name="search_entry")

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")

    def __str__(self):
        return str(self.question_id)
