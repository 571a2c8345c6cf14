"""Small helpers shared by the stance, kind and time rules: text normalisation and phrase regexes.

Everything here is pure Python (no spaCy) so the rules can run on plain strings too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from newstrace import lexicon

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00a0": " "})
_CONTRACTIONS = (
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bcannot\b"), "can not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"n't\b"), " not"),
)
_NON_WORD = re.compile(r"[^a-z0-9']+")
_POSSESSIVE = re.compile(r"'s?\b")


def normalize(text: str | None) -> str:
    """Lower-case words separated by single spaces: curly apostrophes folded, "n't" -> " not"."""
    if not text:
        return ""
    out = text.translate(_APOSTROPHES).lower()
    if "'" in out:
        for pattern, repl in _CONTRACTIONS:
            out = pattern.sub(repl, out)
        out = _POSSESSIVE.sub("", out)
    return " ".join(_NON_WORD.sub(" ", out).split())


def phrase_regex(entries: Iterable[str]) -> re.Pattern[str]:
    """A regex matching any entry as whole words in normalised text, longest entries first."""
    words = sorted({normalize(e) for e in entries if normalize(e)}, key=lambda e: (-len(e), e))
    if not words:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![a-z0-9'])(?:" + "|".join(re.escape(w) for w in words) + r")(?![a-z0-9'])")


@lru_cache(maxsize=None)
def lex_regex(name: str) -> re.Pattern[str]:
    """``phrase_regex`` over the lexicon file ``name`` (compiled once)."""
    return phrase_regex(lexicon.load(name))


@lru_cache(maxsize=None)
def lex_set(name: str) -> frozenset[str]:
    """The normalised entries of the lexicon file ``name`` as a set."""
    return frozenset(normalize(e) for e in lexicon.load(name))
