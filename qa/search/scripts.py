"""Search in one script: Simplified and Traditional Chinese find each other.

The index and every query are kept in Simplified characters (``to_simplified``
in qa.languages): a question's text goes through ``to_index`` when it is
indexed, a reader's query before it is parsed, so 健康碼 finds 健康码 and 对口支援
finds 對口支援. Highlighting finds the query in a text's ``shadow``: the text
made Simplified character for character, so a match found in the shadow is
marked at the same place in the text the reader sees, in either script.
"""

from functools import lru_cache

from qa.languages import is_chinese, to_simplified


def to_index(text):
    """Text as the index holds it and queries are matched: Traditional forms made Simplified."""
    return to_simplified(text) if is_chinese(text) else text


@lru_cache(maxsize=16384)
def _simplified_character(character):
    simplified = to_simplified(character)
    return simplified if len(simplified) == 1 else character


def shadow(text):
    """``to_index(text)`` with each character where it was in ``text``, for finding matches to mark.

    OpenCC converts phrase by phrase, which nearly always keeps the length; where
    it does not, the text is converted one character at a time instead.
    """
    simplified = to_index(text)
    if len(simplified) == len(text):
        return simplified
    return "".join(_simplified_character(character) for character in text)
