"""Who published an article, when the input does not say: from its trailers, its URL, its text.

Sources, strongest first: a promo trailer that names the outlet ("CLICK HERE TO READ MORE FROM THE
DAILY LEDGER", "Get the X app"), a follow prompt ("Follow X on social media"), a copyright line
whose holder is not a wire agency, then the URL's domain (a known outlet, else the domain label
matched against a capitalised phrase of the text, else split on outlet words: "greystonedaily" ->
"Greystone Daily"). A copyright or credit naming a wire agency is a wire hint, never the publisher.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from newstrace import lexicon
from newstrace.clean.bylines import wire_agencies

_PROMO_NAMES = (
    re.compile(r"click (?:here )?(?:to read )?(?:more|for more) (?:from|on|at) (?P<p>.{2,80}?)[.!]*", re.I),
    re.compile(r"(?:click here to )?(?:get|download) the (?P<p>.{2,60}?) app(?: here| now| today)?[.!]*", re.I),
    re.compile(r"get (?P<p>.{2,40}?) on the go(?: by clicking here)?[.!]*", re.I),
    re.compile(r"read more (?:from|on|at) (?P<p>.{2,60}?)[.!:]*", re.I),
)
_FOLLOW_NAME = re.compile(
    r"(?:follow|like) (?P<p>(?!us\b|me\b|him\b|her\b|them\b|@)[A-Z][\w .&'’-]{1,50}?) on "
    r"(?:social media|twitter|facebook|instagram)\b.*", re.I)
_HOMEPAGE_NAME = re.compile(r"visit (?P<p>[A-Z][\w .&'’-]{1,40}?)'s? homepage\b.*", re.I)
_COPYRIGHT_HOLDER = re.compile(
    r"\(?(?:copyright\s*)?(?:©|\(c\))?\s*(?:copyright\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?),?\s+"
    r"(?P<p>[A-Z][\w .&'’-]{1,60}?)(?:,?\s+(?:LLC|L\.L\.C\.|Inc|Ltd|L\.P\.|LP|Co|Corp|PLC|GmbH)\.?)?"
    r"\s*(?:[.,;:]|$|\)|all rights)",
    re.I,
)
_COPYRIGHT_HOLDER_FIRST = re.compile(  # "© Harbor Herald 2024", "Copyright Harbor Herald 2024."
    r"\(?(?:copyright\s*)?(?:©|\(c\))?\s*(?P<p>[A-Z][\w .&'’-]{1,60}?),?\s+\d{4}(?:\s*[-–]\s*\d{4})?\s*[.)]?"
    r"(?:\s*all rights reserved\.?)?",
    re.I,
)
_CAPS_PHRASE = re.compile(r"\b(?:The\s+)?[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){0,4}")
_SMALL_WORDS = frozenset("a an and at by for from in of on or the to".split())
_SQUASH = re.compile(r"[^a-z0-9]")


@lru_cache(maxsize=1)
def _acronyms() -> frozenset[str]:
    return frozenset(lexicon.load("clean_acronyms"))


@lru_cache(maxsize=1)
def known_outlets() -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in lexicon.load("clean_outlets"):
        domain, _, name = entry.partition("=")
        table[domain.strip().lower()] = name.strip()
    return table


@lru_cache(maxsize=1)
def _outlet_words() -> tuple[str, ...]:
    return tuple(sorted(lexicon.load_set("clean_outlet_words"), key=len, reverse=True))


def recase(name: str) -> str:
    """Re-case an ALL-CAPS outlet name ("THE DAILY LEDGER" -> "Daily Ledger"); keep mixed case."""
    name = name.strip(" .!:;,\"'“”‘’")
    if not name.isupper():
        return name
    words = name.split()
    if len(words) > 1 and words[0] == "THE":
        words = words[1:]
    out = []
    for i, word in enumerate(words):
        if word in _acronyms():
            out.append(word)
        elif i and word.lower() in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(out)


def agency_name(text: str) -> str | None:
    """The agency's usual name when ``text`` names a wire agency ("The Associated Press" -> "Associated Press")."""
    return wire_agencies().get(text.strip(" .").lower())


def from_promo(line: str) -> str | None:
    """The outlet a promo trailer names, re-cased, or ``None``."""
    for pattern in _PROMO_NAMES:
        m = pattern.fullmatch(line.strip())
        if m:
            name = recase(m.group("p"))
            if name and not name.lower().startswith(("this", "our ", "more", "here")):
                return name
    return None


def from_follow(line: str) -> str | None:
    """The outlet named by "Follow X on social media" or "Visit X's homepage", or ``None``."""
    for pattern in (_FOLLOW_NAME, _HOMEPAGE_NAME):
        m = pattern.fullmatch(line.strip())
        if m and not m.group("p").startswith("the "):  # "Follow the Observer": a short form, not the name
            return recase(m.group("p"))
    return None


def copyright_holder(line: str) -> str | None:
    """The holder named by a copyright line ("Copyright 2024 X. All rights reserved." -> "X")."""
    m = _COPYRIGHT_HOLDER.match(line.strip()) or _COPYRIGHT_HOLDER_FIRST.fullmatch(line.strip())
    if m is None:
        return None
    holder = m.group("p").strip()
    if holder.lower() in {"the", "all", "all rights"}:
        return None
    return recase(holder)


def host_of(url: str | None) -> str | None:
    """The lower-cased host of a URL without ``www.``/``m.``/``amp.``, or ``None``."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix):]
    return host


def _registered_label(host: str) -> str:
    parts = host.split(".")
    if len(parts) >= 3 and len(parts[-1]) == 2 and parts[-2] in {"co", "com", "org", "net", "ac", "gov"}:
        return parts[-3]
    return parts[-2] if len(parts) >= 2 else parts[0]


def _split_label(label: str) -> str | None:
    words: list[str] = []
    rest = label
    while rest:
        for word in _outlet_words():
            if rest.endswith(word) and len(rest) > len(word):
                words.insert(0, word)
                rest = rest[: -len(word)]
                break
        else:
            break
    if not words or len(rest) < 3:
        return None
    return " ".join([rest.capitalize()] + [w.capitalize() for w in words])


def from_url(url: str | None, text: str = "") -> str | None:
    """A publisher name guessed from the URL's domain (see the module docstring), or ``None``."""
    host = host_of(url)
    if host is None:
        return None
    outlets = known_outlets()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = outlets.get(".".join(parts[i:]))
        if name:
            return name
    label = _SQUASH.sub("", _registered_label(host))
    if len(label) < 3:
        return None
    for m in _CAPS_PHRASE.finditer(text[:20_000]):
        words = m.group(0).split()
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                phrase = " ".join(words[i:j])
                squashed = _SQUASH.sub("", phrase.lower())
                if squashed == label or squashed == "the" + label:
                    return phrase
    return _split_label(label)
