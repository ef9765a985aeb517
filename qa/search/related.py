"""Related questions: those sharing the most topics first, then the newest."""

from django.db.models import Count

from qa.models import Question

RELATED_LIMIT = 5


def related_questions(question, limit=RELATED_LIMIT):
    """Up to ``limit`` other published questions, sharing topics with this one, best first."""
    topics = [topic.pk for topic in question.topics.all()]
    if not topics:
        return []
    return list(
        Question.objects.published()
        .exclude(pk=question.pk)
        .filter(topics__in=topics)
        .annotate(shared=Count("topics"))
        .select_related("series")
        .order_by("-shared", "-published", "-pk")[:limit]
    )
