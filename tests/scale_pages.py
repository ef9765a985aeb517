"""The pages tests/test_scale.py counts and weighs, and how: shared with bench/scale.py, which prints the figures.

Only Django, qa and tests/scale_data.py are imported (no pytest).
"""

import gzip
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from qa.models import Page
from tests.scale_data import Scale, build

LANGS = ["en", "zh-hans", "zh-hant"]
FEW = Scale(series=2, questions=10, authors=5, topics=4, programmes=2)
MANY = Scale()  # 10 series, 1,000 questions, 50 authors, 30 topics, 5 programmes
# In most questions' bodies, and programme names; the Traditional query finds the Simplified text.
SEARCHES = {"en": "partner assistance", "zh-hans": "对口支援", "zh-hant": "對口支援"}
PAGE_BUDGET = 30 * 1024
BUDGET_SCALE = Scale(series=1, questions=100, authors=50, topics=30, programmes=0)
SITE_CSS = settings.BASE_DIR / "static" / "css" / "site.css"


def with_query(path, **params):
    return f"{path}?{urlencode(params)}"


# Each page by a name that is the same in both databases, and its address from the objects ``the`` holds.
PAGES = {
    "home": lambda the, lang: reverse("qa:home"),
    "series index": lambda the, lang: the.series.url_for(lang),
    "series index ?topic=": lambda the, lang: with_query(the.series.url_for(lang), topic=the.topic.slug),
    "series index ?author=": lambda the, lang: with_query(the.series.url_for(lang), author=the.author.slug),
    "series index ?topic=&author=": lambda the, lang: with_query(
        the.series.url_for(lang), topic=the.topic.slug, author=the.author.slug
    ),
    "series index ?order=date": lambda the, lang: with_query(the.series.url_for(lang), order="date"),
    "series index ?page=2": lambda the, lang: with_query(the.series.url_for(lang), page=2),
    "question": lambda the, lang: the.question.url_for(lang),
    "side by side": lambda the, lang: the.question.side_by_side_url_for(lang),
    "topics": lambda the, lang: reverse("qa:topics"),
    "topic": lambda the, lang: the.topic.url_for(lang),
    "authors": lambda the, lang: reverse("qa:authors"),
    "author": lambda the, lang: the.author.get_absolute_url(),
    "search": lambda the, lang: with_query(reverse("qa:search"), q=SEARCHES[lang]),
    "search API": lambda the, lang: with_query(reverse("search-api"), q=SEARCHES[lang], lang=lang),
    "partner assistance": lambda the, lang: reverse("qa:partner-assistance"),
    "programme": lambda the, lang: the.programme.url_for(lang),
    "programme pairings.csv": lambda the, lang: reverse("qa:programme-csv", kwargs={"slug": the.programme.slug}),
    "programme pairings.json": lambda the, lang: reverse("qa:programme-json", kwargs={"slug": the.programme.slug}),
    "all pairings.csv": lambda the, lang: reverse("qa:pairings-csv"),
    "all pairings.json": lambda the, lang: reverse("qa:pairings-json"),
    "region": lambda the, lang: the.region.get_absolute_url(),
    "feed Atom": lambda the, lang: reverse("qa:feed-atom"),
    "feed RSS": lambda the, lang: reverse("qa:feed-rss"),
    "series feed Atom": lambda the, lang: reverse("qa:series-feed-atom", kwargs={"series": the.series.path}),
    "series feed RSS": lambda the, lang: reverse("qa:series-feed-rss", kwargs={"series": the.series.path}),
    "page": lambda the, lang: the.page.url_for(lang),
}
NAMES = ["sitemap", "sitemap questions", *(f"{lang} {name}" for lang in LANGS for name in PAGES)]


def addresses(built, page):
    the = SimpleNamespace(
        series=built.series[0], question=built.question(), topic=built.topics[0], author=built.authors[0],
        programme=built.programmes[0], region=built.regions["sichuan"], page=page,
    )
    urls = {
        "sitemap": reverse("sitemap"),
        "sitemap questions": reverse("sitemap-section", kwargs={"section": "questions"}),
    }
    for lang in LANGS:
        with translation.override(lang):
            urls |= {f"{lang} {name}": address(the, lang) for name, address in PAGES.items()}
    return urls


@dataclass
class Visit:
    url: str
    status: int = 0
    queries: list = field(default_factory=list)
    error: str = ""
    milliseconds: float = 0.0  # the counted read, in process (bench/scale.py prints it; no test asserts it)


def visit(client, url):
    """Read the page twice, counting the second time; a failure is kept, not raised, so other pages still run."""
    try:
        with transaction.atomic():
            client.get(url)
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(url)
                milliseconds = (time.perf_counter() - start) * 1000
    except Exception as error:  # a page still being written may fail: reported per page, the others run
        return Visit(url, error=f"{type(error).__name__}: {error}")
    return Visit(url, response.status_code, [query["sql"] for query in captured.captured_queries], "", milliseconds)


def measure(scale):
    with transaction.atomic():
        built = build(scale)
        page = Page.objects.create(
            slug="about", title_en="About", title_zh_hans="关于本站",
            body_en="The Hub publishes questions and answers.", body_zh_hans="本站发布问答。",
        )
        client = Client()
        visits = {name: visit(client, url) for name, url in addresses(built, page).items()}
        transaction.set_rollback(True)
    return visits


def listing(queries):
    return "\n".join(f"  {number}. {sql[:160]}" for number, sql in enumerate(queries, 1))


@contextmanager
def reading_settings():
    """No page cache (a cached page costs no query at all) and static files without collectstatic's manifest."""
    no_cache = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    plain_static = {
        **settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }
    with override_settings(CACHES=no_cache, STORAGES=plain_static):
        yield


def gzipped(data):
    return len(gzip.compress(data, compresslevel=6))


@dataclass
class Weight:
    html: bytes
    html_size: int
    css_size: int

    @property
    def total(self):
        return self.html_size + self.css_size


def weigh(client, url):
    """The page's HTML and static/css/site.css, each gzip-compressed at level 6."""
    response = client.get(url)
    if response.status_code != 200:
        raise ValueError(f"{url} answered {response.status_code}")
    return Weight(response.content, gzipped(response.content), gzipped(SITE_CSS.read_bytes()))


def series_index_weights():
    """{lang: Weight} of the index of a series of 100 questions (BUDGET_SCALE), rolled back once weighed."""
    with transaction.atomic():
        series = build(BUDGET_SCALE, index=False).series[0]
        weights = {lang: weigh(Client(), series.url_for(lang)) for lang in LANGS}
        transaction.set_rollback(True)
    return weights
