"""How long reading working-paper PDFs takes, beside reading the same papers as .txt files.

Run by hand from the repository root: ``.venv/bin/python bench/pdf_import.py [PAPERS]``
(default 100). It makes PAPERS English papers of CIKD Q&A 3's length (nine
paragraphs, three pages, letterheads and page numbers) with the tests' maker
(tests/pdf_papers.py, needs fpdf2 from requirements-test.txt), then prints,
side by side: reading them as PDFs (qa.interchange.uploads.read_files, the
extraction worker included), the worker's start alone, and parsing their
extracted text as .txt files, the yardstick of what the import cost before.
"""

import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knowledgehub.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret-" + "x" * 40)

import django  # noqa: E402

django.setup()
logging.getLogger("fontTools").setLevel(logging.WARNING)

from qa.interchange.pdf_text import _run_worker  # noqa: E402
from qa.interchange.uploads import read_files  # noqa: E402
from tests.pdf_papers import english_paper  # noqa: E402
from tests.working_paper_data import PARAGRAPHS, POSITION, TITLE  # noqa: E402


def timed(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main(papers):
    files = [
        (f"q{number}.pdf", english_paper(PARAGRAPHS, TITLE, number=number, position=POSITION, latin=True))
        for number in range(1, papers + 1)
    ]
    size = sum(len(data) for _name, data in files)
    pdf_seconds, reading = timed(lambda: read_files(files))
    start_seconds, _none = timed(lambda: _run_worker([]))
    texts = [(f"q{number}.txt", text.encode()) for number, (_name, text) in enumerate(reading.texts, start=1)]
    txt_seconds, _reading = timed(lambda: read_files(texts))
    print(f"{papers} papers, {size / 1024:.0f} KB of PDF")
    print(f"{'read as PDFs':<28}{pdf_seconds:8.2f} s  {pdf_seconds / papers * 1000:7.0f} ms a paper")
    print(f"{'worker start (no file)':<28}{start_seconds:8.2f} s")
    print(f"{'read as .txt (yardstick)':<28}{txt_seconds:8.2f} s  {txt_seconds / papers * 1000:7.0f} ms a paper")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
