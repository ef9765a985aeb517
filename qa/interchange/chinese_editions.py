"""The Chinese edition of a working paper, as bundle records that name only Chinese fields.

It fills the question with the same number in the same series: its Chinese
title and body, and its author's Chinese name and position. English fields
are never named, so a Text keeps them (qa.interchange.importers does the
same the other way round). CIKD's papers are written in English first, so a
Chinese edition never creates a question, an author or a series: the
question must be on the Hub, or its English edition in the same upload
(imported first, whatever the order of the files).

- The series is the one whose Chinese title is the paper's, or the one the
  English title maps to (``importers.SERIES_SLUGS``, e.g. "抗击新冠肺炎疫情：100问").
- The author is the question's first author (from the English edition in
  the same upload, or the byline on the Hub), else the author with that
  Chinese name.
"""

from django.utils.translation import gettext_lazy as _

from qa.interchange.working_papers import WorkingPaperError
from qa.models import Author, Question, Series


def in_language(change, language):
    """Whether a field change belongs to the edition in ``language`` (fields without a language to the English)."""
    if change.language == "zh-hans":
        return language == "zh-hans"
    return language == "en"


def find_series(plan, paper):
    from qa.interchange.importers import SERIES_SLUGS

    slug = SERIES_SLUGS.get(paper.series_title.casefold())
    title = paper.series_title
    planned = [series for series in plan.series.values() if series.slug == slug or series.title_zh_hans == title]
    found = planned[0] if planned else Series.objects.filter(title_zh_hans=title).order_by("pk").first()
    if found is None and slug:
        found = Series.objects.filter(slug=slug).first()
    if found is None:
        raise WorkingPaperError(
            paper.file_name,
            paper.lines["header"],
            _(
                "no series on the Hub has the Chinese title “%(title)s”; give the series that Chinese title "
                "first, or import the English edition with this one"
            ),
            title=paper.series_title,
        )
    return found


def add(plan, paper):
    """The PaperImport of a Chinese edition, its records merged into those of the same question and author."""
    from qa.interchange.importers import PaperImport

    series = find_series(plan, paper)
    english = plan.question_items.get((series.slug, paper.number))
    if english is not None:
        record, question, author = english.record, english.question, english.author
        record["title"]["zh-hans"], record["body"]["zh-hans"] = paper.title, paper.body
    else:
        question = Question.objects.filter(series=series, number=paper.number).first() if series.pk else None
        if question is None:
            raise WorkingPaperError(
                paper.file_name,
                paper.lines["title"],
                _(
                    "Question %(number)d is not on the Hub yet; import its English edition first, "
                    "or both editions in one upload"
                ),
                number=paper.number,
            )
        byline = [row.author for row in question.authorships.select_related("author").order_by("pk")]
        author = byline[0] if byline else Author.objects.filter(name_zh_hans=paper.author_name).first()
        if author is None:
            raise WorkingPaperError(
                paper.file_name,
                paper.lines["author"],
                _(
                    "Question %(number)d has no author on the Hub, and no author is named “%(name)s”; "
                    "add the author to the question first"
                ),
                number=paper.number,
                name=paper.author_name,
            )
        record = plan.record(
            "questions",
            paper,
            {
                "series": series.slug,
                "number": paper.number,
                "title": {"zh-hans": paper.title},
                "body": {"zh-hans": paper.body},
                "authors": [row.slug for row in byline] or [author.slug],
                "published": question.partial_date_iso("published"),
                "original_language": question.original_language,
            },
        )
    if author.slug in plan.author_records:
        author_record = plan.author_records[author.slug]
        author_record["name"]["zh-hans"] = paper.author_name
        author_record.setdefault("position", {})["zh-hans"] = paper.position
    else:
        plan.author_records[author.slug] = plan.record(
            "authors",
            paper,
            {
                "slug": author.slug,
                "name": {"zh-hans": paper.author_name},
                "position": {"zh-hans": paper.position},
            },
        )
    return PaperImport(paper=paper, series=series, author=author, question=question, record=record)
