"""Searching as the search tests do: the numbers of the questions search() finds, and the API's answer.

The ``make_question`` fixture they share is conftest.py's.
"""

import json

from qa.search.results import search


def numbers(query, language="en", page=1):
    return [result.question.number for result in search(query, language, page).results]


def api(client, **params):
    response = client.get("/api/search", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)
