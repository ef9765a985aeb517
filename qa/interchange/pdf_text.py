"""The text of working-paper PDFs, in the form the parser reads (qa.interchange.working_papers).

Extraction runs in a process of its own with limits (qa.interchange.pdf_worker),
several files in one process, so that no PDF, however made, holds a worker
longer than a few seconds per file or takes its memory. What comes back is
cleaned page by page: a page number alone on the first or last line of a
page and the running header on later pages are dropped, runs of spaces the
layout left between words become one space, a word hyphenated at a line end
is joined again, and each page break becomes the letterhead line the parser
knows, so a paragraph a page break split is rejoined there. Nothing else of
the text is changed.
"""

import base64
import json
import re
import subprocess
import sys
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from qa.interchange import pdf_worker
from qa.interchange.paper_layouts import is_letterhead, layout_of
from qa.interchange.working_papers import WorkingPaperError

PDF_MAX_BYTES = 5 * 1024 * 1024
# The worker's start (Python and pypdf) on a busy machine, on top of each file's own seconds.
START_SECONDS = 10
PAGE_BREAK = "CENTER FOR INTERNATIONAL KNOWLEDGE ON DEVELOPMENT"
PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:page\s+)?\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?(?:\s*[-–—])?$|^第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?$",
    re.IGNORECASE,
)
HYPHENATED = re.compile(r"[A-Za-z]-$")
SPACES = re.compile(r"[ \t]{2,}")
BLANK_RUNS = re.compile(r"\n{3,}")
REFUSALS = {
    "encrypted": _("the PDF is encrypted or password-protected; ask CIKD for an unprotected copy"),
    "no-text": _(
        "the PDF has no text layer (a scan or an image of the pages); ask CIKD for the PDF made "
        "from the document, or upload the text as a .txt file"
    ),
    "broken": _("the file is not a readable PDF (broken or cut short); download it again"),
    "too-large": _("the PDF unpacks to more than the import reads; it is not a working paper"),
    "time": _("reading the PDF took too long; it is not a working paper as CIKD makes them"),
    "pages": _("the PDF has %(pages)d pages, more than the %(limit)d a working paper has"),
}


def is_pdf(name, data):
    return name.lower().endswith(".pdf") or data[:1024].lstrip().startswith(b"%PDF-")


def too_large(name):
    return WorkingPaperError(
        name,
        1,
        _("the file is larger than %(limit)d MB, more than a working paper is"),
        limit=PDF_MAX_BYTES // (1024 * 1024),
    )


def extract_texts(files):
    """[(name, bytes)] of PDFs -> [(name, text or WorkingPaperError)], in the same order."""
    results = [None] * len(files)
    todo = []
    for index, (name, data) in enumerate(files):
        if len(data) > PDF_MAX_BYTES:
            results[index] = too_large(name)
        elif not data.lstrip()[:5] == b"%PDF-":
            results[index] = WorkingPaperError(name, 1, REFUSALS["broken"])
        else:
            todo.append(index)
    if todo:
        for index, outcome in zip(todo, _run_worker([files[index][1] for index in todo]), strict=True):
            name = files[index][0]
            if "pages" in outcome and isinstance(outcome["pages"], list):
                results[index] = clean(outcome["pages"])
            else:
                code = outcome.get("error", "broken")
                params = {"pages": outcome.get("pages", 0), "limit": pdf_worker.MAX_PAGES} if code == "pages" else {}
                results[index] = WorkingPaperError(name, 1, REFUSALS.get(code, REFUSALS["broken"]), **params)
    return [(name, result) for (name, _data), result in zip(files, results, strict=True)]


def _run_worker(datas):
    payload = json.dumps([{"data": base64.b64encode(data).decode("ascii")} for data in datas])
    timeout = START_SECONDS + pdf_worker.SECONDS_PER_FILE * len(datas)
    timed_out = False
    try:
        done = subprocess.run(
            [sys.executable, "-I", str(Path(pdf_worker.__file__))],
            input=payload.encode("ascii"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        outcomes = json.loads(done.stdout) if done.returncode == 0 else None
    except subprocess.TimeoutExpired:
        outcomes, timed_out = None, True
    except ValueError:
        outcomes = None
    if not isinstance(outcomes, list) or len(outcomes) != len(datas):
        # The worker was killed (time, CPU, memory) or failed: read the files one by one to tell which.
        if len(datas) == 1:
            return [{"error": "time" if timed_out else "too-large"}]
        return [outcome for data in datas for outcome in _run_worker([data])]
    return outcomes


def clean(pages):
    """The pages' text as the parser reads it (see the module's docstring)."""
    lines = []
    for number, page in enumerate(pages):
        page_lines = [SPACES.sub(" ", line.strip()) for line in page.replace("\f", "\n").split("\n")]
        _drop_page_numbers(page_lines)
        if number:
            lines += ["", PAGE_BREAK, ""]
            page_lines = [line for line in page_lines if layout_of(line)[0] is None]
        lines += page_lines
    _join_hyphenated(lines)
    return BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n") + "\n"


def _drop_page_numbers(lines):
    filled = [index for index, line in enumerate(lines) if line]
    for index in {filled[0], filled[-1]} if filled else ():
        if PAGE_NUMBER.match(lines[index]):
            lines[index] = ""


def _join_hyphenated(lines):
    """ "govern-" + "ments" is "governments", on the next line or after a page break (not a paragraph's end)."""
    index = 0
    while index < len(lines):
        if HYPHENATED.search(lines[index]):
            following, page_break = index + 1, False
            while following < len(lines) and (not lines[following] or is_letterhead(lines[following])):
                page_break = page_break or is_letterhead(lines[following])
                following += 1
            paragraph_end = following > index + 1 and not page_break
            if (
                not paragraph_end
                and following < len(lines)
                and lines[following][:1].isascii()
                and lines[following][:1].islower()
            ):
                word, _space, rest = lines[following].partition(" ")
                lines[index] = lines[index][:-1] + word
                if rest:
                    lines[following] = rest
                else:
                    del lines[following]
        index += 1
