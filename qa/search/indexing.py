"""Writing the index: a question's entry is replaced whenever it, its byline or an author changes.

Only published questions are indexed, so no draft is ever found. Scheduled
ones (``Question.publish_at`` still to come) are indexed too, and hidden by
the backends' ``search`` until their time: they are found from that moment,
with nothing to reindex. ``qa.search.signals`` calls ``reindex`` on every
write; ``deferred_indexing`` batches the writes of an import.
"""

import threading
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Prefetch

from qa.content.statistics import refresh_statistics
from qa.models import Authorship, Question, SearchEntry
from qa.search.backends import backend
from qa.search.text import document
from qa.web.cache import content_changed


@transaction.atomic
def index_questions(questions):
    """Replace the index entries of these questions (with series and authorships prefetched)."""
    questions = list(questions)
    SearchEntry.objects.filter(question__in=[question.pk for question in questions]).delete()
    documents = [
        (question.pk, document(question, [authorship.author for authorship in question.authorships.all()]))
        for question in questions
        if question.status == Question.PUBLISHED
    ]
    if not documents:
        return
    SearchEntry.objects.bulk_create([SearchEntry(question_id=pk) for pk, _texts in documents])
    backend().store(documents)


def for_index(questions):
    return questions.select_related("series").prefetch_related(
        Prefetch("authorships", queryset=Authorship.objects.select_related("author"))
    )


_deferred = threading.local()


@contextmanager
def deferred_indexing(batch_size=500):
    """Inside the block, each question written is indexed once, as the block ends, in its transaction.

    An import saves a question, then its byline row by row: indexed on each
    save, every question would be indexed two or three times.
    """
    if getattr(_deferred, "pks", None) is not None:
        yield
        return
    _deferred.pks = set()
    try:
        yield
        pks = sorted(_deferred.pks)
    finally:
        _deferred.pks = None
    for start in range(0, len(pks), batch_size):
        index_questions(for_index(Question.objects.filter(pk__in=pks[start : start + batch_size])))


def reindex(pks):
    """Bring the index entries of these questions up to date, now or as a deferred block ends."""
    pks = set(pks)
    if getattr(_deferred, "pks", None) is not None:
        _deferred.pks |= pks
    elif pks:
        index_questions(for_index(Question.objects.filter(pk__in=pks)))


@transaction.atomic
def rebuild_index(batch_size=500):
    """Rebuild the whole index; returns the number of questions indexed.

    What search finds may change, on the kept search pages too, so they are retired once this commits.
    """
    content_changed()
    SearchEntry.objects.all().delete()
    searchable = for_index(Question.objects.filter(status=Question.PUBLISHED).order_by("pk"))
    batch = []
    for question in searchable.iterator(chunk_size=batch_size):
        batch.append(question)
        if len(batch) == batch_size:
            index_questions(batch)
            batch = []
    index_questions(batch)
    backend().after_rebuild()
    refresh_statistics()
    return SearchEntry.objects.count()


def index_size():
    """Bytes the index takes in the database (for bench/search.py)."""
    return backend().size()
