"""What the Hub's commands and a fresh worker cost at scale: 1,000 and 20,000 questions side by side.

    .venv/bin/python bench/operations.py                    # SIZES=1000,20000
    SIZES=1000 .venv/bin/python bench/operations.py         # quicker

For each size, in a throwaway directory (its own DJANGO_VAR_DIR: a SQLite database and file cache there,
never the site's), each step a separate process, timed from outside as an operator would see it:
migrate, seed (bench/seed.py: the rows of tests/scale_data.py and their search index), rebuild_search_index,
export_content (the whole bundle to a file), import_content of that bundle into a second, freshly migrated
database; then a cold start, a new process reading the question page once (Django set up, first
response), and what one worker holds, the peak resident memory of a process that has read the home page,
a series index, the question page, a search, the sitemap's index and its first file of questions and the
feed once each (a gunicorn sync worker does the same work). Every figure includes starting Python and Django
(`startup` alone: `manage.py check`).
"""

import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SECRET_KEY = secrets.token_urlsafe(50)  # the throwaway databases' own; nothing they sign outlives the run
SIZES = [int(size) for size in os.environ.get("SIZES", "1000,20000").split(",")]

# Run in a fresh process against the database of DJANGO_VAR_DIR: the seconds to the first response, then the
# peak memory once every kind of reader page has been read.
WORKER = """
import resource, sys, time
start = time.perf_counter()
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
from qa.models import Question, Series
client = Client()
question = Question.objects.published().select_related("series").order_by("pk").first()
assert client.get(question.url_for("en")).status_code == 200
first = time.perf_counter() - start
series = Series.objects.order_by("pk").first()
for url in ["/en/", series.url_for("en"), "/en/search/?q=province", "/sitemap.xml", "/sitemap-questions.xml",
            "/en/feeds/questions.atom"]:
    assert client.get(url).status_code == 200, url
print(first, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def run(var_dir, *arguments):
    """Seconds the process took, and its standard output; the benchmark stops if it fails."""
    environment = {
        **os.environ,
        "DJANGO_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "knowledgehub.settings",
        "DJANGO_SECRET_KEY": SECRET_KEY,
    }
    environment.pop("DATABASE_URL", None)
    start = time.perf_counter()
    done = subprocess.run([PYTHON, *arguments], cwd=ROOT, env=environment, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(arguments)[:60]} failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - start, done.stdout


def measure(size, directory):
    source, copy = Path(directory) / "source", Path(directory) / "copy"
    bundle = Path(directory) / "bundle.json"
    figures = {"startup (manage.py check)": run(source, "manage.py", "check")[0]}
    figures["migrate"] = run(source, "manage.py", "migrate", "--no-input", "--verbosity", "0")[0]
    figures["seed (rows and search index)"] = run(source, "bench/seed.py", "--questions", str(size))[0]
    figures["rebuild_search_index"] = run(source, "manage.py", "rebuild_search_index", "--verbosity", "0")[0]
    figures["export_content"] = run(source, "manage.py", "export_content", "--output", str(bundle))[0]
    run(copy, "manage.py", "migrate", "--no-input", "--verbosity", "0")
    figures["import_content (fresh database)"] = run(copy, "manage.py", "import_content", str(bundle))[0]
    _seconds, output = run(source, "-c", WORKER)
    first, memory = (float(value) for value in output.split())
    figures["cold start to first question page"] = first
    return figures, memory, bundle.stat().st_size


def main():
    results = {}
    for size in SIZES:
        with tempfile.TemporaryDirectory() as directory:
            results[size] = measure(size, directory)
        print(f"{size:,} questions measured", file=sys.stderr)
    print(f"{'seconds':40}" + "".join(f"{f'{size:,} questions':>18}" for size in SIZES))
    for name in results[SIZES[0]][0]:
        print(f"{name:40}" + "".join(f"{results[size][0][name]:18.1f}" for size in SIZES))
    print(f"{'bundle size (MB)':40}" + "".join(f"{results[size][2] / 1e6:18.1f}" for size in SIZES))
    print(f"{'one worker, peak memory (MB)':40}" + "".join(f"{results[size][1]:18.0f}" for size in SIZES))


if __name__ == "__main__":
    main()
