"""Korean text analysis for search, with Kiwi (its model ships inside its wheel).

Korean writes compound nouns without spaces and glues particles to words, so plain
whitespace splitting finds neither `심혈관` in `심혈관질환` nor `병원` in `병원과`. Kiwi
splits text into morphemes; search keeps the content ones.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

# Nouns, roots, foreign words, numbers and Chinese characters carry meaning; particles,
# endings and punctuation do not.
CONTENT_TAGS = ("NNG", "NNP", "XR", "SL", "SN", "SH", "NR")
_LOCK = threading.Lock()
_WORD = re.compile(r"[0-9A-Za-z가-힣]+")


@lru_cache(maxsize=1)
def _kiwi():
    from kiwipiepy import Kiwi

    return Kiwi(num_workers=0)


def content_words(text: str) -> list[str]:
    """The meaningful words of a text, lower-cased, in order, without repeats."""
    if not text or not text.strip():
        return []
    with _LOCK:
        tokens = _kiwi().tokenize(text)
    words: list[str] = []
    seen: set[str] = set()
    for token in tokens:
        if not token.tag.startswith(CONTENT_TAGS):
            continue
        word = token.form.lower()
        if word and word not in seen:
            seen.add(word)
            words.append(word)
    return words


def plain_words(text: str) -> list[str]:
    """Words split on anything that is not a letter or a digit, lower-cased."""
    return [word.lower() for word in _WORD.findall(text or "")]


def compact(text: str) -> str:
    """A text without spaces or punctuation, so `김해의생명산업 진흥원` equals the name."""
    return "".join(plain_words(text))
