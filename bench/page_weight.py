"""Weigh the question page: HTML + CSS + JS, each gzip-compressed, against the 30 KB budget.

    .venv/bin/python bench/page_weight.py                  # a question from the local database
    .venv/bin/python bench/page_weight.py --number 3 --lang zh-hans
    .venv/bin/python bench/page_weight.py --server http://127.0.0.1:8000 --number 3

Without --server the page is rendered through Django's test client and the
stylesheets and scripts it links are read from the static files.
"""

import argparse
import gzip
import os
import re
import sys
import urllib.request
from pathlib import Path

BUDGET = 30 * 1024
ASSET = re.compile(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)"')


def gzipped(data):
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def measure_parts(html, read_asset):
    """{"html", "css", "js", "total"}: compressed bytes; read_asset(url) returns an asset's bytes."""
    report = {"html": gzipped(html), "css": 0, "js": 0}
    for url in ASSET.findall(html.decode()):
        if "://" in url and not url.startswith(("http://testserver", "http://127.0.0.1", "http://localhost")):
            raise ValueError(f"{url} is loaded from another host")
        kind = "css" if url.split("?")[0].endswith(".css") else "js"
        report[kind] += gzipped(read_asset(url))
    report["total"] = report["html"] + report["css"] + report["js"]
    return report


def measure(client, path):
    """Weigh a page rendered by a Django test client, reading its assets from the static files."""
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.contrib.staticfiles.storage import staticfiles_storage

    response = client.get(path)
    if response.status_code != 200:
        raise ValueError(f"{path} answered {response.status_code}")

    def read_static(url):
        name = url.split("?")[0].removeprefix("/").removeprefix(settings.STATIC_URL.strip("/") + "/")
        if staticfiles_storage.exists(name):  # collected (and possibly hashed) files
            return staticfiles_storage.open(name).read()
        found = finders.find(name)
        if not found:
            raise ValueError(f"{url} is not a static file")
        return Path(found).read_bytes()

    return measure_parts(response.content, read_static)


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", help="base address of a running site, e.g. http://127.0.0.1:8000")
    parser.add_argument("--number", type=int, help="question number (default: the first published)")
    parser.add_argument("--lang", default="en", choices=["en", "zh-hans"])
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knowledgehub.settings")
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    from qa.models import Question

    questions = Question.objects.published()
    question = questions.filter(number=args.number).first() if args.number else questions.first()
    if question is None:
        sys.exit("No published question to weigh: import the content first (make setup).")
    path = question.url_for(args.lang)
    if args.server:
        base = args.server.rstrip("/")
        report = measure_parts(fetch(base + path), lambda url: fetch(url if "://" in url else base + url))
    else:
        setup_test_environment()
        report = measure(Client(), path)
    print(f"Question page {path} (gzip -9):")
    for part in ["html", "css", "js"]:
        print(f"  {part.upper():5} {report[part]:7,d} bytes")
    verdict = "within" if report["total"] <= BUDGET else "OVER"
    print(f"  total {report['total']:7,d} bytes  ({verdict} the {BUDGET:,d}-byte budget)")
    sys.exit(0 if report["total"] <= BUDGET else 1)


if __name__ == "__main__":
    main()
