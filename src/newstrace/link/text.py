"""Text helpers of the link stage: normalisation, tokens, stems, junk lines, stable hashes.

Everything here is a pure function of its input: no caches that change during a run (the lexicons
are loaded once and never mutated), so signatures computed on different workers agree.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from typing import Iterable

from newstrace import lexicon

# Typographic variants that copy desks change freely: fold them before comparing texts.
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})
WORD = re.compile(r"[^\W_]+(?:['.\-][^\W_]+)*", re.UNICODE)
SENTENCE_END = re.compile(r'(?:(?<=[.!?])|(?<=[.!?]["\')\]]))\s+(?=["\'(\[]?[A-Z0-9])')
QUOTE = re.compile(r'"([^"\n]{12,600}?)"')

# Lines that are outlet chrome rather than reporting: removed before fingerprinting so that two
# outlets' boilerplate never makes different articles look alike.
JUNK_LINE = re.compile(
    r"^\s*(?:copyright\b|\u00a9|all rights reserved|related\s*:|read more\s*:|click here\b|share this\b|"
    r"follow\b.{0,60}\bon (?:social media|twitter|facebook|x)\b|advertisement\s*$|sign up\b|subscribe\b|"
    r"(?:published|updated|posted|last updated)\s*:?\s.{0,40}\d{4}|"
    r"[\w.' -]{0,40}\bstaff(?: and agencies)?\s*$|staff and agencies\s*$)",
    re.I,
)
# A byline ("By Lorna Castellanos, The Associated Press"): case-sensitive, short, so that a
# sentence such as "By Friday, officials said ..." is not taken for one.
BYLINE = re.compile(r"^\s*By\s+[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|and))*\s*(?:,\s*[A-Z][^,]{0,40})?\s*$")
_MONTH_LINE = re.compile(
    r"^\s*(?:\w+day,?\s+)?(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}?,?\s*\d{4}"
    r"(?:\s+(?:at\s+)?\d{1,2}[:.]\s?\d{2}\s*(?:[ap]\.?\s?m\.?)?\s*[A-Z]{0,4})?\s*$",
    re.I,
)


def fold(text: str) -> str:
    """NFKC, typographic quotes and dashes folded, so copy-desk edits of punctuation do not count."""
    return unicodedata.normalize("NFKC", text).translate(_FOLD)


def is_junk_line(line: str) -> bool:
    """True for a line of outlet chrome (copyright, teasers, promos, time and byline lines)."""
    stripped = line.strip()
    if not stripped:
        return True
    if JUNK_LINE.match(stripped) or _MONTH_LINE.match(stripped) or BYLINE.match(stripped):
        return True
    letters = [c for c in stripped if c.isalpha()]
    # An ALL-CAPS line is a promo or a section label, not a sentence of the story.
    return len(letters) >= 12 and not any(c.islower() for c in letters)


def content_lines(body: str) -> list[str]:
    """The body's lines that carry reporting (junk lines dropped), folded."""
    return [ln for ln in (fold(x).strip() for x in body.split("\n")) if ln and not is_junk_line(ln)]


def words(text: str) -> list[str]:
    """Lower-cased word tokens (numbers included, "4.2" and "town-centre" kept whole)."""
    return [w.lower() for w in WORD.findall(text)]


def stable_hash(text: str) -> int:
    """A 32-bit hash that is the same in every process (``hash()`` is salted per process)."""
    return zlib.crc32(text.encode("utf-8"))


def stopwords() -> frozenset[str]:
    return lexicon.load_set("link_stopwords")


def stem(word: str) -> str:
    """A light suffix stripper: enough to match "arrested"/"arrest", "quakes"/"quake"."""
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                return word
            if suffix == "es" and not word.endswith(("ches", "shes", "sses", "xes", "zes")):
                return word[:-1]
            return word[: len(word) - len(suffix)] + keep
    return word


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph or body (a rule split: good enough for news prose)."""
    out: list[str] = []
    for para in text.split("\n"):
        para = para.strip()
        if para:
            out.extend(s.strip() for s in SENTENCE_END.split(para) if s.strip())
    return out


def direct_quotes(text: str) -> list[str]:
    """Direct quotes of at least a few words, folded, without the closing comma or period."""
    out = []
    for match in QUOTE.finditer(fold(text)):
        quote = match.group(1).strip().rstrip(",.;: ").strip()
        if len(quote.split()) >= 4:
            out.append(quote)
    return out


def quote_key(quote: str) -> str:
    """The form under which two printings of one quote compare equal."""
    return " ".join(words(quote))


def paragraphs(body: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", body) if p.strip()]


def unique(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
