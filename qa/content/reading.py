"""How long a text takes to read: Chinese by characters, other languages by words."""

import re

from qa.languages import CJK

# Typical silent-reading rates for expository text.
CHARACTERS_PER_MINUTE = 300
WORDS_PER_MINUTE = 200

_CHINESE_CHARACTER = re.compile(f"[{CJK}]")
_WORD = re.compile(f"[^\\W{CJK}]+")


def reading_minutes(text):
    """Whole minutes, at least one, for a text that may mix scripts: each counted at its own rate."""
    characters = len(_CHINESE_CHARACTER.findall(text or ""))
    words = len(_WORD.findall(text or ""))
    return max(1, round(characters / CHARACTERS_PER_MINUTE + words / WORDS_PER_MINUTE))
