"""Text preparation: what the index holds of a question, with Chinese cut into bigrams.

Why Chinese is indexed as overlapping character bigrams
-------------------------------------------------------
Chinese is written without spaces, and none of the tokenizers at hand split it
into words:

* SQLite FTS5's default ``unicode61`` tokenizer treats a whole Chinese sentence
  as one token, so a search for 武汉 finds nothing unless 武汉 is the whole
  sentence;
* its ``trigram`` tokenizer cannot match words shorter than three characters,
  and most Chinese words (湖北, 口罩, 疫苗) have two;
* Debian ships no Chinese parser for PostgreSQL (no zhparser, no pg_jieba).

So before indexing, every run of CJK characters becomes its overlapping
bigrams, as Lucene's CJK analyzer does: 湖北省 → 湖北 北省, plus the run's last
character on its own (省) so that every character starts at least one token.
A query of two or more characters becomes the phrase of its bigrams
(武汉市 → "武汉 汉市"), which matches exactly the texts containing that
string; a one-character query is a prefix match on the tokens (湖*), which finds
every text containing the character (see ``qa.search.query``). Splitting runs at
about 18 MB/s in plain Python, with no dictionary to load and no word list to
keep up to date; jieba would give real words but loads its dictionary in about
0.5 s per process and can split a name differently in the text and in the query,
so a search would miss text that contains the query.

English and other Latin text goes to the database's stemming tokenizer: FTS5's
``porter unicode61`` on SQLite, the ``english`` configuration on PostgreSQL,
while the Chinese bigrams use the ``simple`` configuration there (no stemming,
no stop words). So search is case-insensitive and "province" finds "provinces".
"""

import html
import re
from functools import lru_cache

import snowballstemmer
from django.utils.html import strip_tags

from qa.content.memo import ContentMemo
from qa.content.rendering import render_markdown
from qa.languages import CJK, STORED_LANGUAGES, field_in, localized_name
from qa.search.scripts import to_index

_CJK_RUN = re.compile(f"[{CJK}]+")

# The indexed columns: each text field once per stored language, then author names.
LANGUAGE_FIELDS = ("title", "summary", "body")
COLUMNS = [localized_name(name, code) for name in LANGUAGE_FIELDS for code in STORED_LANGUAGES] + ["authors"]


def cjk_bigrams(run):
    """湖北省 → ["湖北", "北省", "省"]; a single character stays as it is."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def split_scripts(text):
    """(Latin text with CJK runs blanked out, the CJK runs as space-separated bigrams)."""
    latin = _CJK_RUN.sub(" ", text)
    cjk = " ".join(token for run in _CJK_RUN.findall(text) for token in cjk_bigrams(run))
    return latin, cjk


@lru_cache(maxsize=50_000)
def stem(algorithm, word):
    """A word's Snowball stem (``algorithm``: "porter", "english"), remembered.

    Stemming is pure Python, 60 to 120 µs a word, and searches stem the same
    words again and again (the query's, each excerpt's, each programme's
    name). A stemmer holds the word it is working on, so none is shared
    between threads: each miss makes its own (1 µs).
    """
    return snowballstemmer.stemmer(algorithm).stemWord(word)


# Each distinct Markdown text's plain text, as ``rendered`` keeps its HTML: without it a results page strips
# the tags of its ten excerpts' windows again for every new query, about 1 ms of a 9 ms page (bench/cold_pages.py).
plain_texts = ContentMemo(budget=2_000_000)


def _plain_text(markdown_text):
    return html.unescape(strip_tags(render_markdown(markdown_text))).strip()


def plain_text(markdown_text):
    return plain_texts.get(_plain_text, markdown_text or "")


def document(question, authors):
    """The searchable text of a question, column by column (see COLUMNS), in Simplified script."""
    texts = {}
    for code in STORED_LANGUAGES:
        texts[localized_name("title", code)] = to_index(field_in(question, "title", code))
        texts[localized_name("summary", code)] = to_index(field_in(question, "summary", code))
        texts[localized_name("body", code)] = to_index(plain_text(field_in(question, "body", code)))
    # Author names in every language, so a name finds its questions whatever language it is typed in.
    names = (to_index(field_in(author, "name", code)) for author in authors for code in STORED_LANGUAGES)
    texts["authors"] = " · ".join(dict.fromkeys(name for name in names if name))
    return texts
