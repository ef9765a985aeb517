"""The whole sitemap as a crawler reads it: the index at /sitemap.xml, then every file it lists."""

import re
from urllib.parse import urlsplit, urlunsplit


def sitemap_files(client):
    """The addresses /sitemap.xml lists (path and query), in its order."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200, index.status_code
    locations = re.findall(r"<loc>([^<]+)</loc>", index.content.decode())
    return [urlunsplit(("", "", *urlsplit(url)[2:])) for url in locations]


def sitemap_text(client):
    """Every file of the sitemap, one after another."""
    parts = []
    for address in sitemap_files(client):
        response = client.get(address)
        assert response.status_code == 200, f"{address}: {response.status_code}"
        parts.append(response.content.decode())
    return "\n".join(parts)
