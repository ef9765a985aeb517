"""Translation status of every translated model: tracked from the source-language setting (refused if not a
stored language), each admin list's outdated filter, the author and series forms, no status field in a form."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from qa.editorial import staleness
from qa.models import Author, Question, Region, Series, Topic
from tests.admin_forms import chinese, edit, url
from tests.factories import AuthorFactory, ProgrammeFactory, QuestionFactory, RegionFactory, SeriesFactory, TopicFactory
from tests.field_status import status

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "factory, field",
    [
        (AuthorFactory, "name"),
        (SeriesFactory, "title"),
        (TopicFactory, "name"),
        (RegionFactory, "name"),
        (ProgrammeFactory, "name"),
    ],
)
def test_every_translated_model_is_tracked_from_its_setting_language(factory, field):
    obj = factory()
    setattr(obj, f"{field}_en", "A new English text")
    obj.save()
    assert status(obj, field) == "outdated"
    assert type(obj).objects.filter(staleness.outdated_filter("zh-hans")).get() == obj


def test_the_source_language_setting_decides_for_models_without_an_original_language(settings):
    settings.HUB_TRANSLATION_SOURCE_LANGUAGE = "zh-hans"
    author = AuthorFactory()
    author.name_zh_hans = "新名字"
    author.save()
    assert status(author, "name", "en") == "outdated"
    assert staleness.field_status(author, "name", "zh-hans") == "current"


def test_a_source_language_setting_that_is_not_stored_is_refused(settings):
    settings.HUB_TRANSLATION_SOURCE_LANGUAGE = "fr"
    with pytest.raises(ImproperlyConfigured, match="HUB_TRANSLATION_SOURCE_LANGUAGE"):
        staleness.source_language(Topic(slug="t", name_en="T"))


@pytest.mark.parametrize("model_name", ["question", "author", "series", "topic", "region", "programme"])
def test_every_list_filters_outdated_translations_per_language(logged_in, model_name):
    factories = {
        "question": (QuestionFactory, "title"),
        "author": (AuthorFactory, "name"),
        "series": (SeriesFactory, "title"),
        "topic": (TopicFactory, "name"),
        "region": (RegionFactory, "name"),
        "programme": (ProgrammeFactory, "name"),
    }
    factory, field = factories[model_name]
    outdated = factory()
    setattr(outdated, f"{field}_en", "Revised in English")
    outdated.save()
    changelist = url(f"{model_name}_changelist")
    page = logged_in.get(changelist).content.decode()
    assert "translation outdated" in page.lower()
    response = logged_in.get(changelist, {"outdated": "zh-hans"})
    assert [obj.pk for obj in response.context["cl"].result_list] == [outdated.pk]
    assert list(logged_in.get(changelist, {"outdated": "en"}).context["cl"].result_list) == []
    assert "中文译文已过时" in chinese(logged_in).get(changelist).content.decode()


def test_author_and_series_change_forms_show_status(logged_in):
    author = AuthorFactory()
    edit(logged_in, author, bio_en="Economist.")
    assert status(author, "bio") == "missing"
    page = logged_in.get(url("author_change", author.pk)).content.decode()
    assert "Translation missing" in page
    series = SeriesFactory()
    edit(logged_in, series, title_en="A new series title")
    assert status(series, "title") == "outdated"
    assert "Translation outdated" in logged_in.get(url("series_change", series.pk)).content.decode()


def test_models_keep_their_status_fields_out_of_forms():
    for model in (Question, Author, Series, Topic, Region):
        assert not model._meta.get_field("translation_status").editable
