"""A cheap English detector: the share of very frequent English function words.

English news prose has roughly a third of its words in a short function-word list; French,
German, Spanish or Russian text shares almost none of them, so one ratio separates them without a
language-identification model. Texts too short to judge count as English (they are analysed, not
skipped), and the check only reads the first few thousand characters.
"""

from __future__ import annotations

import re

from newstrace import lexicon

_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
_SAMPLE_CHARS = 5000
MIN_WORDS = 8
MIN_RATIO = 0.12


def english_ratio(text: str) -> tuple[float, int]:
    """(share of English function words among the words of a sample, number of words)."""
    words = _WORD_RE.findall(text[:_SAMPLE_CHARS])
    if not words:
        return 0.0, 0
    stop = lexicon.load_set("lang_en_stopwords")
    hits = sum(1 for w in words if w.lower() in stop)
    return hits / len(words), len(words)


def is_english(text: str) -> bool:
    """True unless the text clearly is not English (enough words, too few English ones)."""
    ratio, n_words = english_ratio(text)
    if n_words < MIN_WORDS:
        return True
    return ratio >= MIN_RATIO
