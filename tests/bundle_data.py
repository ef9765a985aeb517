"""Content bundles for the bundle tests: the shipped one, one with every field of the format (``small_bundle``),
writing them to files, running import_content / export_content and counting the rows."""

import io
import json
from pathlib import Path

from django.core.management import call_command

from qa.models import Author, Authorship, Pairing, Programme, Question, Region, Series, Topic

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "content" / "knowledgehub.json"
MODELS = (Series, Topic, Author, Question, Authorship, Region, Programme, Pairing)


def bundle(**records):
    return {"format": "knowledgehub-bundle", "version": 1, **records}


def shipped():
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def write(tmp_path, content, name="bundle.json"):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path


def import_content(path, *options):
    out = io.StringIO()
    call_command("import_content", str(path), *options, stdout=out)
    return out.getvalue()


def export_content():
    out = io.StringIO()
    call_command("export_content", stdout=out)
    return out.getvalue()


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def small_bundle():
    """Every field of the format, in both languages or one, with forward references."""
    return bundle(
        programmes=[
            {
                "slug": "programme",
                "name": {"en": "Programme", "zh-hans": "项目"},
                "organiser": {"zh-hans": "组织者"},
                "announced": "2020-02",
                "source": {"series": "series-a", "number": 1},
                "totals": {"medical_staff": 12},
                "pairings": [
                    {"supporter": "other", "supported": "child", "medical_teams": 2, "medical_staff": 40,
                     "note": {"en": "Note"}},
                    {"supporter": "other", "supported": "parent"},
                ],
            }
        ],
        regions=[
            {"code": "child", "name": {"en": "Child", "zh-hans": "子"}, "kind": "prefecture-level-city",
             "parent": "parent"},
            {"code": "parent", "name": {"en": "Parent"}, "kind": "province"},
            {"code": "other", "name": {"zh-hans": "别处"}, "kind": "municipality"},
        ],
        questions=[
            {
                "series": "series-a",
                "number": 1,
                "slug": "first",
                "title": {"zh-hans": "第一问"},
                "body": {"zh-hans": "第一段。\n\n第二段。"},
                "authors": ["author-b", "author-a"],
                "published": "2021-05-04",
                "original_language": "zh-hans",
                "status": "draft",
                "topics": ["topic-b", "topic-a"],
                "source_url": "https://example.org/q1",
            },
            {
                "series": "series-a",
                "number": 2,
                "title": {"en": "Second question?"},
                "summary": {"en": "Summary"},
                "body": {"en": "Body."},
                "authors": [],
                "published": "2021-06",
                "original_language": "en",
            },
        ],
        authors=[
            {
                "slug": "author-a", "name": {"en": "A", "zh-hans": "甲"}, "position": {"en": "Head"},
                "bio": {"en": "Bio"},
            },
            {"slug": "author-b", "name": {"zh-hans": "乙"}},
        ],
        topics=[
            {"slug": "topic-a", "name": {"en": "Topic A"}},
            {"slug": "topic-b", "name": {"en": "Topic B", "zh-hans": "乙"}},
        ],
        series=[{"slug": "series-a", "title": {"en": "Series"}, "description": {"en": "About", "zh-hans": "关于"}}],
    )
