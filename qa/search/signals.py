"""Keep the search index in step with every write, from any writer, in the same transaction."""

from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from qa.models import Author, Authorship, Question
from qa.search.indexing import reindex


@receiver(post_save, sender=Question)
def question_saved(sender, instance, **kwargs):
    reindex([instance.pk])


@receiver(post_save, sender=Authorship)
def authorship_saved(sender, instance, **kwargs):
    reindex([instance.question_id])


def _part_of_question_delete(origin):
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return model is Question


@receiver(post_delete, sender=Authorship)
def authorship_deleted(sender, instance, origin=None, **kwargs):
    # When a question is deleted its bylines go first; its entries go with it.
    if not _part_of_question_delete(origin):
        reindex([instance.question_id])


@receiver(post_save, sender=Author)
def author_saved(sender, instance, created, **kwargs):
    if not created:
        reindex(Question.objects.filter(status=Question.PUBLISHED, authors=instance).values_list("pk", flat=True))


@receiver(m2m_changed, sender=Question.authors.through)
def byline_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:
        instance._search_question_ids = list(instance.questions.values_list("pk", flat=True))
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        reindex([instance.pk])
        return
    ids = pk_set if action != "post_clear" else getattr(instance, "_search_question_ids", [])
    reindex(ids)
