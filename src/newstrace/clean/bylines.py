"""Bylines ("By Jane Doe and John Roe, Reuters") and inline datelines ("WASHINGTON (AP) —").

Bylines are removed from the body and their names go to ``authors``. Datelines stay in the body
(they are evidence of wire origin) and are also returned, with the agency they name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newstrace import lexicon

_TOKEN = (r"(?:[A-Z]['’][A-Z][a-zà-ÿ'’-]+|[A-Z][a-zà-ÿ'’-]*[a-zà-ÿ]\.?|[A-Z]\.(?:[A-Z]\.)?"
          r"|[A-Z][a-z]*[A-Z][a-zà-ÿ'’-]+|[A-Z][A-Z'’-]+)")
_PARTICLE = r"(?:de|del|della|der|van|von|da|di|du|la|le|bin|ibn|al|el|st\.)"
_NAME = rf"{_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_TOKEN}){{1,3}}"
_NAMES = rf"{_NAME}(?:\s*(?:,\s*(?:(?i:and)\s+)?|\s+(?i:and)\s+|\s*&\s*){_NAME}){{0,4}}"
BYLINE_RE = re.compile(
    rf"(?i:by|written by|story by|posted by|words by)\s*:?\s+(?P<names>{_NAMES})"
    r"(?P<tail>\s*(?:,|\||/|-|–|—|\((?=\s*@)|(?i:\bfor\b|\bin\b|\bof\b|\bupdated\b|\bpublished\b|\bposted\b|\bon\b))\s*.{0,160})?"
)
_MAX_TAIL_WORDS = 12
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z][a-z]")
NAME_LINE_RE = re.compile(rf"(?P<names>{_NAMES})")
_SPLIT_NAMES = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)\s*", re.IGNORECASE)
_NOT_PERSON = frozenset(
    "news press times post journal agency agencies editor editors network today staff reporter reporters "
    "correspondent correspondents writer writers service services wire media group bureau desk online "
    "daily weekly magazine radio television tv channel report reports team contributor columnist".split()
)
_MAX_BYLINE_WORDS = 22

_PLACE_CAPS = r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,4}"
_PLACE_ANY = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
_MONTH_DAY = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
              r"(?:,?\s+\d{4})?")
DATELINE_RE = re.compile(
    # "CITY, Region, Month D (Agency) —", "City (Agency) -", "CITY —", "(CNN) -", "City, Month D, YYYY /Wire/ --"
    rf"(?P<dateline>(?:(?P<place>{_PLACE_CAPS}|{_PLACE_ANY})(?:,\s+{_PLACE_ANY}){{0,2}}"
    rf"(?:,?\s+(?P<date>{_MONTH_DAY}))?\s*)?"
    r"(?:\((?P<agency>[A-Za-z][\w.&' -]{0,30})\)|/(?P<wire>[A-Za-z][\w.&' -]{1,40})/)?)"
    r"\s*(?:—|–|--|-|:)\s+(?=\S)"
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """An inline dateline: the text as written (without the dash) and the agency it names."""

    text: str
    agency: str | None


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return lexicon.load_set("clean_first_names")


@lru_cache(maxsize=1)
def wire_agencies() -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in lexicon.load("clean_wire_agencies"):
        alias, _, name = entry.partition("=")
        table[alias.strip().lower()] = name.strip()
    return table


def split_names(names: str) -> list[str]:
    """"Jane Doe, John Roe and Ann Poe" -> the three names, stripped."""
    return [n.strip() for n in _SPLIT_NAMES.split(names) if n.strip()]


def _looks_like_person(name: str) -> bool:
    tokens = name.replace(".", ". ").split()
    if not 2 <= len(tokens) <= 4:
        return False
    if any(t.lower().strip(".") in _NOT_PERSON for t in tokens):
        return False
    if not name.isupper() and len(tokens[0]) >= 2 and tokens[0].isupper() and "." not in tokens[0]:
        return False  # "BBC News", "CNN Wire"
    if name.isupper() and len(name) > 3:
        return tokens[0].lower().strip(".") in first_names()
    return True


def parse_byline(line: str) -> list[str] | None:
    """Authors of a "By ..." line, or ``None`` when the line is not a byline."""
    if len(line) > 200 or not line[:2].lower() in {"by", "wr", "st", "po"}:
        return None
    m = BYLINE_RE.fullmatch(line.strip())
    if m is None or len(line.split()) > _MAX_BYLINE_WORDS:
        return None
    tail = m.group("tail") or ""
    if len(tail.split()) > _MAX_TAIL_WORDS or _SENTENCE_BREAK.search(tail):
        return None  # "By Thursday night, Cantor was gone. He ..." is prose
    names = [n for n in split_names(m.group("names")) if n.lower() not in wire_agencies()]
    people = [n for n in names if _looks_like_person(n)]
    return [_name_case(n) for n in people]


def _name_case(name: str) -> str:
    if name.isupper():
        return " ".join(w.capitalize() if len(w) > 2 or not w.endswith(".") else w for w in name.split())
    return name


def name_only(line: str) -> list[str] | None:
    """Names when the line is nothing but one or more person names whose first name is known."""
    text = line.strip()
    if len(text) > 80 or not text[:1].isupper():
        return None
    m = NAME_LINE_RE.fullmatch(text)
    if m is None:
        return None
    names = split_names(m.group("names"))
    for name in names:
        first = name.split()[0].lower().strip(".")
        if first not in first_names() or not _looks_like_person(name):
            return None
    return names


def parse_dateline(paragraph: str) -> Dateline | None:
    """The inline dateline that opens a body paragraph, if any ("WASHINGTON (AP) — ...").

    Without an agency the place must be in capitals ("WASHINGTON —"): a capitalised word
    followed by a dash is far more often ordinary prose ("Meanwhile - ").
    """
    head = paragraph[:160]
    m = DATELINE_RE.match(head)
    if m is None or not m.group("dateline").strip():
        return None
    agency = m.group("agency") or m.group("wire")
    place = m.group("place")
    if agency is None:
        if place is None or not place.isupper() or len(place.replace(" ", "")) < 3:
            return None
        if head[m.end("dateline"):].lstrip().startswith(":"):
            return None  # "WARNING: ..." is a label, not a dateline
    text = m.group("dateline").strip()
    return Dateline(text=text, agency=agency.strip() if agency else None)
