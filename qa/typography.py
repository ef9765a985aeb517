"""How the site joins sentences and pieces of text: Chinese with nothing between them, English with a space.

Search excerpts (a summary and a body), the pager's notice and the admin's messages of several sentences.

A space after 。 or ， is a half-width gap in Chinese typesetting; between English
sentences it is the only separator there is.
"""

from qa.languages import is_chinese_language


def separator(language):
    """What goes between two sentences or pieces of text in ``language``: "" in Chinese, " " in English."""
    return "" if is_chinese_language(language) else " "


def join_text(parts, language):
    """The non-empty parts joined as ``language`` joins sentences: 摘要。正文 but "Summary. Body"."""
    return separator(language).join(part for part in parts if part)
