"""A request with a Host the site does not serve: a 400 and one log line, never a page-cache traceback."""

import logging
import sys

import pytest
from django.core.exceptions import DisallowedHost
from django.test import Client

from qa.web.log_format import OneLineFormatter

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/en/", "/zh-hant/qa/3/", "/healthz", "/sitemap.xml"])
def test_a_forged_host_is_refused_with_one_log_record(caplog, path):
    client = Client(HTTP_HOST="evil.example", raise_request_exception=False)
    with caplog.at_level(logging.INFO):
        response = client.get(path)
    assert response.status_code == 400
    records = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert [record.name for record in records] == ["django.security.DisallowedHost"], [
        (record.name, record.getMessage()) for record in records
    ]


def test_the_refusal_is_written_on_one_line():
    try:
        raise DisallowedHost("Invalid HTTP_HOST header: 'evil.example'.")
    except DisallowedHost:
        record = logging.LogRecord(
            "django.security.DisallowedHost", logging.ERROR, __file__, 1, "Invalid HTTP_HOST header: %r.",
            ("evil.example",), sys.exc_info(),
        )
    line = OneLineFormatter("%(levelname)s %(message)s").format(record)
    assert line == "ERROR Invalid HTTP_HOST header: 'evil.example'."
