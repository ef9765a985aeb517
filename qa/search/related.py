"""Related questions: those sharing the most topics first, then the nearest by search.

"Nearest by search" is the index's own ranking (bm25 on SQLite, ts_rank on
PostgreSQL) of the questions matching *any* significant term of the
question's titles, in every language it has: its English words but the stop
words (``qa.search.stopwords``), and the bigrams of its Chinese, as the index
holds them, but the question words and pairs with a particle. The titles go
through ``qa.search.query.parse_query`` as a reader's query would, so nothing
in them becomes query syntax.
"""

from django.db.models import Count, Q

from qa.languages import STORED_LANGUAGES, field_in
from qa.models import Question
from qa.search.backends import backend
from qa.search.query import Term, parse_query
from qa.search.stopwords import is_stop_bigram, is_stop_word

RELATED_LIMIT = 5
MAX_TITLE_TERMS = 64


def title_terms(question):
    """The significant terms of the question's titles: English words and Chinese bigrams, each once."""
    terms = []
    for code in STORED_LANGUAGES:
        for term in parse_query(field_in(question, "title", code)).terms:
            if term.kind == Term.LATIN:
                words = (word for word in term.text.split() if len(word) > 1 and not is_stop_word(word))
                terms += [Term(Term.LATIN, word) for word in words]
            elif term.kind == Term.CJK:
                bigrams = (term.text[i : i + 2] for i in range(len(term.text) - 1))
                terms += [Term(Term.CJK, bigram) for bigram in bigrams if not is_stop_bigram(bigram)]
    return list(dict.fromkeys(terms))[:MAX_TITLE_TERMS]


def related_questions(question, limit=RELATED_LIMIT):
    """Up to ``limit`` other published questions, best first, with ``series`` loaded.

    One query when those sharing topics fill the list, three at most otherwise
    (and the search, and the questions it found), however many questions there
    are; one more if the question's topics were not prefetched. The questions
    sharing topics are ranked by their keys alone, and only the chosen ones read
    whole: ranking whole rows sorted every body that shares a topic (58 ms at
    20,000 questions, 7 ms by key; bench/scale.py).
    """
    published = Question.objects.published().select_related("series")
    chosen = []
    topics = [topic.pk for topic in question.topics.all()]
    if topics:
        best_first = ("-shared", "-published", "-pk")
        ranked = (
            published.exclude(pk=question.pk)
            .filter(topics__in=topics)
            .values("pk")
            .annotate(shared=Count("topics"))
            .order_by(*best_first)
            .values("pk")[:limit]
        )
        shared = Count("topics", filter=Q(topics__in=topics))
        chosen = list(published.filter(pk__in=ranked).annotate(shared=shared).order_by(*best_first))
    if len(chosen) < limit:
        exclude = [question.pk, *(other.pk for other in chosen)]
        pks = backend().search_any(title_terms(question), limit - len(chosen), exclude=exclude)
        if pks:
            found = published.in_bulk(pks)
            chosen += [found[pk] for pk in pks if pk in found]
    return chosen
