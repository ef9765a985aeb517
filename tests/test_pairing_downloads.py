"""Downloads: each programme's CSV and JSON, and every programme's pairs together at the old addresses
(pairings.csv with a programme column first, pairings.json as {"programmes": [...]}); the sitemap."""

import csv
import io
import json

import pytest

from tests.pairing_data import (
    HUBEI_NAME,
    LANGS,
    PAGE,
    PROGRAMME_SLUG,
    SECOND_SLUG,
    csv_rows,
    get_page,
)
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db


def csv_of(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def test_programme_csv_download(client, programme):
    response = client.get(f"/en/partner-assistance/{PROGRAMME_SLUG}/pairings.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{PROGRAMME_SLUG}-pairings.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = csv_of(response)
    header, body = rows[0], rows[1:]
    assert header[:8] == list(csv_rows()[0].keys())
    assert header[8:] == ["medical_teams", "medical_staff"]
    assert len(body) == 21
    expected = sorted(tuple(row.values()) for row in csv_rows())
    assert sorted(tuple(row[:8]) for row in body) == expected
    assert all(row[8:] == ["", ""] for row in body)


def test_combined_csv_has_every_programme_with_a_programme_column_first(client, second):
    response = client.get("/en/partner-assistance/pairings.csv")
    assert response.status_code == 200 and response.content.startswith(b"\xef\xbb\xbf")
    assert response["Content-Disposition"] == 'attachment; filename="pairings.csv"'
    header, *body = csv_of(response)
    assert header == ["programme", *list(csv_rows()[0].keys()), "medical_teams", "medical_staff"]
    assert [row[0] for row in body] == [PROGRAMME_SLUG] * 21 + [SECOND_SLUG] * 3
    assert body[-1][1:5] == ["fujian", "Fujian", "福建省", "province"] and body[-1][5] == "pengzhou"
    own = csv_of(client.get(f"/en/partner-assistance/{PROGRAMME_SLUG}/pairings.csv"))[1:]
    assert [row[1:] for row in body[:21]] == own


@pytest.mark.parametrize("url", ["/{lang}/partner-assistance/pairings.csv", PAGE + "pairings.csv"])
def test_csv_is_the_same_in_both_languages(client, second, url):
    assert client.get(url.format(lang="en")).content == client.get(url.format(lang="zh-hans")).content


def test_programme_json_download(client, programme):
    response = client.get(f"/zh-hans/partner-assistance/{PROGRAMME_SLUG}/pairings.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["programme"] == {
        "slug": PROGRAMME_SLUG,
        "name": HUBEI_NAME,
        "organiser": {"en": "National Health Commission", "zh-hans": "国家卫生健康委员会"},
        "citation": {"en": programme.citation_en, "zh-hans": programme.citation_zh_hans},
        "announced": "2020-02-10",
        "totals": {"medical_teams": 63, "medical_staff": 7425},
    }
    assert data["counts"] == {"pairings": 21, "supporters": 19, "recipients": 16}
    assert len(data["pairings"]) == 21
    first = next(p for p in data["pairings"] if p["supported"]["code"] == "enshi")
    assert first == {
        "supporter": {"code": "tianjin", "name": {"en": "Tianjin", "zh-hans": "天津市"}, "kind": "municipality"},
        "supported": {
            "code": "enshi",
            "name": {"en": "Enshi Tujia and Miao Autonomous Prefecture", "zh-hans": "恩施土家族苗族自治州"},
            "kind": "autonomous-prefecture",
        },
        "medical_teams": None,
        "medical_staff": None,
        "note": {"en": "", "zh-hans": ""},
    }
    assert "恩施" in response.content.decode()  # not \u-escaped


def test_combined_json_lists_every_programme_as_its_own_file_does(client, second):
    response = client.get("/en/partner-assistance/pairings.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert list(data) == ["programmes"]
    assert [item["programme"]["slug"] for item in data["programmes"]] == [PROGRAMME_SLUG, SECOND_SLUG]
    for item, slug in zip(data["programmes"], [PROGRAMME_SLUG, SECOND_SLUG], strict=True):
        assert item == client.get(f"/en/partner-assistance/{slug}/pairings.json").json()
    assert "绵竹市" in response.content.decode()


def test_combined_downloads_without_programmes_are_empty_not_missing(client):
    assert client.get("/en/partner-assistance/pairings.json").json() == {"programmes": []}
    assert len(csv_of(client.get("/en/partner-assistance/pairings.csv"))) == 1


@pytest.mark.parametrize("lang", LANGS)
def test_page_links_its_own_downloads(client, programme, lang):
    html = get_page(client, PAGE.format(lang=lang))[1]
    assert f'href="/{lang}/partner-assistance/{PROGRAMME_SLUG}/pairings.csv"' in html
    assert f'href="/{lang}/partner-assistance/{PROGRAMME_SLUG}/pairings.json"' in html


def test_sitemap_lists_the_list_and_every_programme(client, second):
    xml = sitemap_text(client)
    for lang in LANGS:
        assert f"http://testserver/{lang}/partner-assistance/<" in xml
        for slug in (PROGRAMME_SLUG, SECOND_SLUG):
            assert f"http://testserver/{lang}/partner-assistance/{slug}/" in xml


@pytest.mark.parametrize("hostile", ["=HYPERLINK(\"http://evil.example\",\"Xiaogan\")", "+1+1", "-2+3", "@SUM(A1)",
                                     "\tTab", "\rReturn"])
def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised(client, programme, hostile):
    from qa.models import Region

    Region.objects.filter(code="xiaogan").update(name_en=hostile, name_zh_hans=f"{hostile}孝感")
    for url in [f"/en/partner-assistance/{PROGRAMME_SLUG}/pairings.csv", "/en/partner-assistance/pairings.csv"]:
        cells = [cell for row in csv_of(client.get(url)) for cell in row]
        assert f"'{hostile}" in cells and f"'{hostile}孝感" in cells, url
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells), url
    data = client.get(f"/en/partner-assistance/{PROGRAMME_SLUG}/pairings.json").content.decode()
    assert json.dumps(hostile)[1:-1] in data, "the JSON keeps the names as they are"
