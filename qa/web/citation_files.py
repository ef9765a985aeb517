"""A question's citation as a file for reference managers: RIS, BibTeX and CSL-JSON.

Each is made from a ``qa.web.citations.Citation``, so it says what the page's
citations say, in the same language. RIS follows the tags Zotero, EndNote and
Mendeley read for a report (TY RPRT: T2 the series, SN the report number, PB
the institution); CSL-JSON is an array of one item, as citeproc and Zotero
import it.
"""

import json

from qa.languages import language_tag


def one_line(text):
    return " ".join((text or "").split())


def ris_date(citation):
    """RIS dates are YYYY/MM/DD/other, an unknown part left empty: 2020/03// for March 2020."""
    day = f"{citation.date.day:02d}" if citation.day_precise else ""
    return f"{citation.date.year}/{citation.date.month:02d}/{day}/"


def ris(citation):
    tags = [("TY", "RPRT")]
    tags += [("AU", name.inverted) for name in citation.names]
    tags += [
        ("TI", citation.title),
        ("T2", citation.series),
        ("SN", str(citation.number)),
        ("PY", str(citation.date.year)),
        ("DA", ris_date(citation)),
        ("PB", citation.publisher),
        ("CY", citation.place),
        ("LA", language_tag(citation.language)),
        ("UR", citation.url),
        ("AB", one_line(citation.summary)),
        ("N1", citation.translation_note()),
    ]
    lines = [f"{tag}  - {one_line(value)}" for tag, value in tags if value]
    return "\r\n".join([*lines, "ER  - ", ""])


def bibtex(citation):
    return citation.bibtex() + "\n"


def csl_json(citation):
    date = [citation.date.year, citation.date.month] + ([citation.date.day] if citation.day_precise else [])
    item = {
        "id": citation.bibtex_key(),
        "type": "report",
        "title": citation.title,
        "author": [name.csl() for name in citation.names],
        "issued": {"date-parts": [date]},
        "collection-title": citation.series,
        "number": str(citation.number),
        "publisher": citation.publisher,
        "publisher-place": citation.place,
        "language": language_tag(citation.language),
        "URL": citation.url,
    }
    if citation.summary:
        item["abstract"] = citation.summary
    if citation.translated:
        item["note"] = citation.translation_note()
        item["original-title"] = citation.original_title
    if not item["author"]:
        del item["author"]
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


# extension: (content type, render)
FORMATS = {
    "ris": ("application/x-research-info-systems", ris),
    "bib": ("application/x-bibtex", bibtex),
    "json": ("application/vnd.citationstyles.csl+json", csl_json),
}


def filename(citation, extension):
    """cikd-qa-3-zh-hans.ris: the series' address, the number and the citation's language."""
    return f"cikd-{citation.question.series.path}-{citation.number}-{citation.language}.{extension}"
