"""Headline and byline strings from web pages, tidied: site suffixes, byline prefixes, roles.

``clean_title("Storm hits coast | Daily Ledger", ["dailyledger"])`` -> ``"Storm hits coast"``;
``normalize_authors("By Jane Doe and John Roe")`` -> ``["Jane Doe", "John Roe"]``. Names keep
their own spelling and case; only the words around them go.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable
from urllib.parse import urlsplit

from newstrace import lexicon

# " | ", " - ", " – ", " — ", " · ", " » " ...: what sites put between a headline and their name
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·•»«:~⋆›‹/]{1,2}\s+|\s*\|\s*")
_DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.IGNORECASE)
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "gob", "gouv", "or", "ne"})

_EMAIL = re.compile(r"\S+(?:@|\s?[\[(]at[\])]\s?)\S+\.\w+", re.IGNORECASE)
_URL = re.compile(r"https?://\S+|www\.\S+")
_HANDLE = re.compile(r"(?<!\w)@\w+")
_DATEISH = re.compile(
    r"(?:\b(?:updated|published|posted|aktualisiert|veröffentlicht|publié|publicado|am|on|le|el)\b\s*:?\s*)?"
    r"(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}:\d{2}|\d{1,2}\.?\s+\w+\.?\s+\d{4}|\w+\.? \d{1,2}, \d{4}).*$",
    re.IGNORECASE,
)
_AND = re.compile(r"\s*;\s*|\s+(?:and|und|y|et|e|og|i)\s+|\s*&\s*", re.IGNORECASE)
_TRIM = " \t,;:|-–—/·•()[]{}\"'“”„«»→"
# what follows a name in bylines and is not part of it: "... for The Daily Ledger",
# "... Stand: 3.11.", "... am Samstag", "... Mitglied der Redaktion", "... Fr, 12:00"
_AFTER_NAME = re.compile(
    r"\s+(?:for|für|pour|para)\s+.*$"
    r"|\s+(?:stand|am|um|vor|updated|aktualisiert|veröffentlicht|publiziert|published|posted|shares?)\b.*$"
    r"|\s+(?:mitglied|member)\s+(?:der|des|of)\b.*$"
    r"|\s+(?:mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun)\.?(?=,|\s+\d|$).*$",
    re.IGNORECASE,
)
_MAX_NAME_WORDS = 6


def _alnum(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _words(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())


def site_keys(names: Iterable[str | None], url: str | None) -> list[str]:
    """Comparable forms of the site's names: ``og:site_name``, publisher, and the URL's domain label."""
    keys = [_alnum(n) for n in names if n]
    if url:
        host = (urlsplit(url).hostname or "").lower()
        labels = [x for x in host.split(".") if x and x != "www"]
        if len(labels) >= 2:
            label = labels[-3] if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else labels[-2]
            keys.append(_alnum(label))
            keys.append(_alnum("".join(labels[-2:])))
    return [k for k in dict.fromkeys(keys) if len(k) >= 3]


def _is_site(segment: str, keys: list[str]) -> bool:
    key = _alnum(segment)
    if not key:
        return True
    if _DOMAIN.match(segment.strip()):
        return True
    return any(key == k or (len(k) >= 4 and k in key and len(key) <= len(k) + 12) or (len(key) >= 4 and key in k) for k in keys)


def is_site_name(name: str, keys: list[str]) -> bool:
    """True when ``name`` is the site's own name or domain (an author field that names the outlet)."""
    key = _alnum(name)
    return bool(key) and (_DOMAIN.match(name.strip()) is not None or any(key == k or (len(k) >= 5 and k == key[: len(k)] and len(key) - len(k) <= 3) for k in keys))


def clean_title(title: str, keys: list[str]) -> str:
    """Drop a leading or trailing segment that names the site ("Headline - Site Name" -> "Headline").

    Only segments that match the site's name or domain go; a headline whose own parts are
    separated by dashes ("Budget deal - what changes") is left as it is.
    """
    title = " ".join(title.split())
    for _ in range(3):
        parts = _TITLE_SEPARATOR.split(title)
        seps = _TITLE_SEPARATOR.findall(title)
        if len(parts) < 2:
            break
        if _is_site(parts[-1], keys) and len(" ".join(parts[:-1])) >= 8:
            title = title[: len(title) - len(parts[-1]) - len(seps[-1])].strip()
        elif _is_site(parts[0], keys) and len(" ".join(parts[1:])) >= 8:
            title = title[len(parts[0]) + len(seps[0]):].strip()
        else:
            break
    return title


def same_title(visible: str, structured: str, keys: list[str], strict: bool = False) -> bool:
    """True when a visible headline (``<h1>``) and a structured title name the same story;
    ``strict``: the same words, once the site name is gone from the structured title."""
    a = _words(visible)
    if len(a) < 3:
        return False
    b = _words(structured)
    if a == b:
        return True
    if _is_site(visible, keys) and len(a.split()) <= 4:
        return False
    c = _words(clean_title(structured, keys))
    if a == c or strict:
        return a == c
    # the structured title is the headline plus a kicker, section or site name
    if len(a) >= 12 and (b.startswith(a) or b.endswith(a) or (len(c) >= 12 and a.startswith(c))):
        return True
    wa, wb = set(a.split()), set(c.split())
    return len(wa & wb) / max(1, len(wa | wb)) >= 0.6


@lru_cache(maxsize=1)
def _prefix_pattern() -> re.Pattern[str]:
    words = sorted(lexicon.load("html_author_prefixes"), key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"^(?:(?:{alternatives})\b\s*:?\s*)+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _roles() -> frozenset[str]:
    return lexicon.load_set("html_author_roles")


@lru_cache(maxsize=1)
def _noise() -> frozenset[str]:
    return lexicon.load_set("html_author_noise")


_CREDIT = re.compile(r"^\s*(?:fotos?|photos?|bilder?|images?|credits?|illustrations?|grafik|video)\s*:", re.IGNORECASE)


def normalize_authors(raw: str | None) -> list[str]:
    """Person (or desk) names in a byline string, without prefixes, roles, dates or handles."""
    if not raw:
        return []
    text = " ".join(raw.split())
    if not text or len(text) > 300 or _CREDIT.match(text):
        return []  # a photo or video credit names a photographer, not an author
    text = _EMAIL.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _HANDLE.sub(" ", text)
    text = text.split("|")[0]
    text = _prefix_pattern().sub("", text.strip(_TRIM)).strip()
    text = _DATEISH.sub("", text).strip(_TRIM)
    names: list[str] = []
    for part in _AND.split(text):
        for piece in _split_commas(part):
            name = _prefix_pattern().sub("", piece.strip(_TRIM)).strip(_TRIM)
            name = _AFTER_NAME.sub("", name).strip(_TRIM)
            name = _strip_role(name)
            if _plausible_name(name):
                names.append(name)
    return list(dict.fromkeys(names))


def _split_commas(part: str) -> list[str]:
    """Split "Jane Doe, John Roe" into names but keep "Doe, Jane" and drop ", Staff Writer"."""
    pieces = [p.strip(_TRIM) for p in part.split(",")]
    pieces = [p for p in pieces if p and p.lower() not in _roles()]
    if len(pieces) == 2 and all(len(p.split()) == 1 for p in pieces):
        return [", ".join(pieces)]  # "Doe, Jane": one name, kept as written
    return pieces


def _strip_role(name: str) -> str:
    """ "Jane Doe - Staff Writer" / "Jane Doe Chefredakteur" -> "Jane Doe"; a lone role -> ""."""
    parts = re.split(r"\s+[-–—]\s+", name)
    parts = [p for p in parts if p.lower().strip(_TRIM) not in _roles()]
    if not parts:
        return ""
    words = parts[0].strip(_TRIM).split()
    for size in (3, 2, 1):  # a trailing role without punctuation
        if len(words) > size and " ".join(words[-size:]).lower() in _roles():
            words = words[:-size]
            break
    return " ".join(words)


def _plausible_name(name: str) -> bool:
    if not name or len(name) < 2 or name.lower() in _noise():
        return False
    words = name.split()
    if len(words) > _MAX_NAME_WORDS:
        return False
    letters = sum(c.isalpha() for c in name)
    return letters >= 2 and letters >= 0.6 * len(name.replace(" ", ""))
