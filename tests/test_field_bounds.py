"""What the admin saves, every database stores and a bundle carries: numbers within PostgreSQL's columns, years
of four digits, a region tree without a loop (qa.bounds). Each was saved on SQLite and then refused by
import_content, or was a 500 (a time in year 1)."""

import pytest
from django.urls import reverse

from qa.models import Page, Question, Region, Series
from tests.admin_forms import chinese, edit, form_data
from tests.factories import PageFactory, QuestionFactory, RegionFactory, StaffFactory

pytestmark = pytest.mark.django_db
YEARS = {"en": "Enter a date from the year 1000 to the year 9999.", "zh-hans": "请输入1000年至9999年之间的日期。"}
AT_MOST = {"en": "Ensure this value is less than or equal to 32767.", "zh-hans": "确保该值小于或等于32767。"}
AT_LEAST = {"en": "Ensure this value is greater than or equal to 1.", "zh-hans": "确保该值大于或等于1。"}
WITHIN_ITSELF = {
    "en": "A region cannot lie within itself: choose one that is not this region or within it.",
    "zh-hans": "地区不能隶属于自身：请选择不是本地区、也不隶属于本地区的地区。",
}


@pytest.fixture(params=["en", "zh-hans"])
def root(request, client):
    client.force_login(StaffFactory(superuser=True))
    client.language = request.param
    return chinese(client) if request.param == "zh-hans" else client


def refused(response, message):
    html = response.content.decode()
    return response.status_code == 200 and message in html and "errorlist" in html


@pytest.mark.parametrize("field", ["publish_at", "published"])
def test_a_date_in_year_one_is_refused_with_a_message_not_a_500(root, field):
    question = QuestionFactory(number=3)
    changes = {"publish_at_0": "0001-01-01", "publish_at_1": "00:00"} if field == "publish_at" else {}
    if field == "published":
        changes = {"published": "0001-01-01"}
    response = edit(root, question, **changes)
    assert refused(response, YEARS[root.language])
    stored = Question.objects.get()
    assert stored.publish_at is None and stored.published == question.published


def test_a_review_link_expiring_in_year_one_is_refused(root):
    question = QuestionFactory(number=3)
    add = reverse("admin:qa_reviewlink_add") + f"?question={question.pk}"
    data = form_data(root.get(add)) | {"language": "en", "expires_0": "0001-01-01", "expires_1": "00:00"}
    assert refused(root.post(add, data), YEARS[root.language])
    assert not question.review_links.exists()


def test_numbers_beyond_what_postgresql_holds_are_refused_on_sqlite_too(root):
    question, page = QuestionFactory(number=3), PageFactory()
    assert refused(edit(root, question.series, position="99999"), AT_MOST[root.language])
    assert refused(edit(root, page, position="40000"), AT_MOST[root.language])
    assert refused(edit(root, question, number="0"), AT_LEAST[root.language])
    assert Series.objects.get().position == 0 and Page.objects.get().position == page.position
    assert Question.objects.get().number == 3
    assert edit(root, question.series, position="32767").status_code == 302


def test_a_region_cannot_be_its_own_ancestor(root):
    hubei = RegionFactory(code="hubei")
    enshi = RegionFactory(code="enshi", kind="autonomous-prefecture", parent=hubei)
    assert refused(edit(root, hubei, parent=str(hubei.pk)), WITHIN_ITSELF[root.language])
    assert refused(edit(root, hubei, parent=str(enshi.pk)), WITHIN_ITSELF[root.language])
    assert Region.objects.get(code="hubei").parent is None
    assert edit(root, enshi, parent="").status_code == 302
