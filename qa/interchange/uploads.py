"""Reading the files of one import, PDFs and .txt alike, for the admin page and ``import_qa``.

Every file is read before any is written, and every refusal is told at once.
A PDF's text is extracted (qa.interchange.pdf_text) and parsed like a .txt
file; the PDF itself is kept to be stored with its question.
"""

from dataclasses import dataclass, field

from qa.interchange.pdf_text import extract_texts, is_pdf
from qa.interchange.working_papers import WorkingPaperError, parse

# PDFs go to the extraction worker this many at a time, so a progress bar moves.
BATCH = 10


class PapersRefused(Exception):
    """Some files are not working papers; ``messages`` says why, one line per file."""

    def __init__(self, messages):
        super().__init__(messages)
        self.messages = messages


@dataclass
class Reading:
    papers: list = field(default_factory=list)
    texts: list = field(default_factory=list)  # [(file name, text)] as parsed
    originals: dict = field(default_factory=dict)  # file name -> PDF bytes


def read_files(files, progress=None):
    """[(file name, bytes)] -> Reading, or raise PapersRefused. ``progress(n)`` is told of each n files read."""
    texts = {}
    pdfs = [(name, data) for name, data in files if is_pdf(name, data)]
    for start in range(0, len(pdfs), BATCH):
        for name, text in extract_texts(pdfs[start : start + BATCH]):
            texts[name] = text
        if progress:
            progress(len(pdfs[start : start + BATCH]))
    reading, errors = Reading(), []
    for name, data in files:
        text = texts.get(name, data)
        try:
            if isinstance(text, WorkingPaperError):
                raise text
            reading.papers.append(parse(name, text))
        except WorkingPaperError as error:
            errors.append(str(error))
            continue
        reading.texts.append((name, text if isinstance(text, str) else text.decode("utf-8-sig")))
        if name in texts:
            reading.originals[name] = data
        elif progress:
            progress(1)
    if errors:
        raise PapersRefused(errors)
    return reading
