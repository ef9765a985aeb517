"""Exporting: every record in the database as a bundle (docs/content-bundle.md), in a stable order."""

import json

from django.db.models import Prefetch
from django.utils import timezone

from qa.editorial.staleness import outdated_status
from qa.interchange.schema import FORMAT, VERSION
from qa.languages import STORED_LANGUAGES, field_in
from qa.models import Author, Page, Pairing, Programme, Question, Region, Series, Topic


def _text(obj, field):
    return {language: field_in(obj, field, language) for language in STORED_LANGUAGES if field_in(obj, field, language)}


def _without_empty(record, *optional):
    return {key: item for key, item in record.items() if key not in optional or item not in (None, "", {}, [])}


def _export_series(series):
    return _without_empty(
        {
            "slug": series.slug,
            "title": _text(series, "title"),
            "description": _text(series, "description"),
            "publisher": _text(series, "publisher"),
            "path": series.path,
            "position": series.position,
        },
        "description",
        "publisher",
    )


def _export_topic(topic):
    return _without_empty(
        {"slug": topic.slug, "name": _text(topic, "name"), "description": _text(topic, "description")},
        "description",
    )


def _export_author(author):
    return _without_empty(
        {
            "slug": author.slug,
            "name": _text(author, "name"),
            "position": _text(author, "position"),
            "bio": _text(author, "bio"),
        },
        "position",
        "bio",
    )


def _question_slug(question):
    """The English slug, as bundles have always had it; a Text with the others too when an editor chose one, not
    the slug a save makes of the title (which an import makes again)."""
    chosen = [
        code
        for code in STORED_LANGUAGES
        if code != "en" and field_in(question, "slug", code) not in ("", question.slug_from_title(code))
    ]
    return _text(question, "slug") if chosen else question.slug_en


def _export_question(question):
    return _without_empty(
        {
            "series": question.series.slug,
            "number": question.number,
            "slug": _question_slug(question),
            "title": _text(question, "title"),
            "summary": _text(question, "summary"),
            "body": _text(question, "body"),
            "authors": [row.author.slug for row in question.authorships.all()],
            "published": question.partial_date_iso("published"),
            "original_language": question.original_language,
            "status": question.status,
            "publish_at": timezone.localtime(question.publish_at).isoformat() if question.publish_at else None,
            "topics": sorted(topic.slug for topic in question.topics.all()),
            "source_url": question.source_url,
        },
        "slug",
        "summary",
        "publish_at",
        "topics",
        "source_url",
    )


def _export_region(region):
    return _without_empty(
        {
            "code": region.code,
            "name": _text(region, "name"),
            "kind": region.kind,
            "parent": region.parent.code if region.parent else None,
        },
        "parent",
    )


def _export_programme(programme):
    source = programme.source_question
    totals = {"medical_teams": programme.total_medical_teams, "medical_staff": programme.total_medical_staff}
    return _without_empty(
        {
            "slug": programme.slug,
            "name": _text(programme, "name"),
            "description": _text(programme, "description"),
            "organiser": _text(programme, "organiser"),
            "citation": _text(programme, "citation"),
            "announced": programme.partial_date_iso("announced"),
            "source": {"series": source.series.slug, "number": source.number} if source else None,
            "totals": _without_empty(totals, *totals),
            "pairings": [_export_pairing(pairing) for pairing in programme.pairings.all()],
        },
        "description",
        "organiser",
        "citation",
        "source",
        "totals",
    )


def _export_pairing(pairing):
    return _without_empty(
        {
            "supporter": pairing.supporter.code,
            "supported": pairing.supported.code,
            "medical_teams": pairing.medical_teams,
            "medical_staff": pairing.medical_staff,
            "note": _text(pairing, "note"),
        },
        "medical_teams",
        "medical_staff",
        "note",
    )


def _export_page(page):
    return {"slug": page.slug, "title": _text(page, "title"), "body": _text(page, "body"), "position": page.position}


def _with_status(record, obj):
    """The record with its outdated translations (qa.editorial.staleness), when it has any."""
    status = outdated_status(obj)
    return {**record, "translation_status": status} if status else record


def export_bundle():
    """Every record in the database as a bundle, in a stable order."""
    questions = (
        Question.objects.select_related("series")
        .with_bylines()
        .prefetch_related("topics")
        .order_by("series__slug", "number")
    )
    pairings = Pairing.objects.select_related("supporter", "supported").order_by("supporter__code", "supported__code")
    programmes = (
        Programme.objects.select_related("source_question__series")
        .prefetch_related(Prefetch("pairings", queryset=pairings))
        .order_by("slug")
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "series": [_with_status(_export_series(series), series) for series in Series.objects.order_by("slug")],
        "topics": [_with_status(_export_topic(topic), topic) for topic in Topic.objects.order_by("slug")],
        "authors": [_with_status(_export_author(author), author) for author in Author.objects.order_by("slug")],
        "questions": [_with_status(_export_question(question), question) for question in questions],
        "regions": [
            _with_status(_export_region(region), region)
            for region in Region.objects.select_related("parent").order_by("code")
        ],
        "programmes": [_with_status(_export_programme(programme), programme) for programme in programmes],
        "pages": [_export_page(page) for page in Page.objects.order_by("slug")],
    }


def dumps(bundle):
    return json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"
