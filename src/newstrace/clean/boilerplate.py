"""Per-publisher boilerplate: lines repeated across many articles of one outlet are chrome.

First pass (``learn_profile``): for each outlet (the URL's host, else an ``extras`` domain, else the
publisher, else an ``extras`` outlet name) count in how many different stories (headlines) each
line occurs,
keyed by a 64-bit hash of the normalised line (digits folded, so "5 years ago" and "6 years ago"
are one line). Memory is bounded whatever the corpus size: at most ``MAX_LINES_PER_OUTLET``
counters per outlet and ``MAX_LINES_TOTAL`` over all outlets (when full, the rarest lines are
dropped, as in lossy counting: chrome recurs in a steady share of an outlet's articles and keeps
its counter), at most ``MAX_OUTLETS`` outlets, and a window of ``MAX_SEEN_TEXTS`` recent article
hashes so that an exact re-post is not counted twice.

Second pass: ``BoilerplateProfile.is_chrome`` says whether a line is chrome for an outlet. Short
lines (section heads of digests, quote attributions), lines holding a quotation and lines of
reporting prose ("... did not respond to a request for comment") are never removed on repetition
alone: outlets repeat those on purpose, and over-deleting real text is worse than leaving a promo
line in.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from newstrace import lexicon
from newstrace.clean.publisher import host_of
from newstrace.records import RawDocument
from newstrace.settings import CleanSettings

MAX_LINES_PER_OUTLET = 5_000
MAX_LINES_TOTAL = 100_000
MAX_OUTLETS = 5_000
MAX_SEEN_TEXTS = 20_000  # hashes of recent whole articles (outlet included), to skip exact re-posts
_GIVE_UP_AFTER = 2_000  # articles without any outlet before the first pass stops early
MIN_WORDS = 6  # shorter repeated lines are kept: digest section heads, attributions
_MAX_TEXT = 300
_HEADS_KEPT = 8  # distinct headline hashes remembered per line (enough for any sane min_count)
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_QUOTES = re.compile(r"[\"“”]")
PROFILE_VERSION = 1


def normalise(line: str) -> str:
    """The form a line is counted under: stripped, lower-cased, digits folded, spaces collapsed."""
    return _SPACES.sub(" ", _DIGITS.sub("0", line.strip().lower()))


def line_hash(line: str) -> int:
    """A stable 64-bit hash of the normalised line (stable across processes, unlike ``hash``)."""
    digest = hashlib.blake2b(normalise(line).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def outlet_key(publisher: str | None = None, url: str | None = None,
               extras: Any = None) -> str | None:
    """The key articles of one outlet share, or ``None`` when nothing names the outlet."""
    host = host_of(url)
    if host:
        return host
    extras = extras if isinstance(extras, dict) else {}
    domain = extras.get("domain")
    if isinstance(domain, str) and host_of(domain):
        return host_of(domain)
    for name in (publisher, extras.get("outlet"), extras.get("publisher")):
        if isinstance(name, str) and name.strip():
            return "name:" + _SPACES.sub(" ", name.strip().lower())
    return None


def eligible(line: str) -> bool:
    """Whether a repeated line may be removed on repetition alone (see the module docstring)."""
    words = line.split()
    if len(words) < MIN_WORDS or len(_QUOTES.findall(line)) >= 2:
        return False
    cues = _prose_cues()
    return not any(w.strip(".,;:!?\"'“”‘’()").lower() in cues for w in words)


@lru_cache(maxsize=1)
def _prose_cues() -> frozenset[str]:
    return lexicon.load_set("clean_prose_cues")


@dataclass(slots=True)
class _OutletCounts:
    """Per line hash: in how many different stories (headlines) of the outlet the line occurs.

    Counting headlines rather than articles keeps re-posts and updated versions of one story
    (same headline, same paragraphs) from turning its paragraphs into "chrome".
    """

    articles: int = 0
    counts: dict[int, int] = field(default_factory=dict)
    heads: dict[int, tuple[int, ...]] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)

    def add(self, lines: Iterable[str], headline: int) -> int:
        """Count one article's distinct lines; returns the change in the number of counters."""
        before = len(self.counts)
        self.articles += 1
        distinct: dict[int, str] = {}
        for line in lines:
            distinct.setdefault(line_hash(line), line)
        for key, line in distinct.items():
            seen = self.heads.get(key)
            if seen is None:
                self.heads[key] = (headline,)
                self.counts[key] = 1
                continue
            if headline in seen:
                continue  # the same story again
            if len(seen) < _HEADS_KEPT:
                self.heads[key] = seen + (headline,)
            count = self.counts[key] + 1
            self.counts[key] = count
            if count == 2:
                self.texts[key] = line[:_MAX_TEXT]
        if len(self.counts) > MAX_LINES_PER_OUTLET:
            self.prune(MAX_LINES_PER_OUTLET // 2)
        return len(self.counts) - before

    def prune(self, target: int) -> None:
        """Drop the rarest counters until at most ``target`` remain."""
        floor = 1
        while len(self.counts) > target:
            for key in [k for k, v in self.counts.items() if v <= floor]:
                del self.counts[key]
                self.heads.pop(key, None)
                self.texts.pop(key, None)
            floor += 1


@dataclass(frozen=True, slots=True)
class BoilerplateProfile:
    """Chrome lines per outlet: outlet key -> {line hash: text}. ``bound`` fixes the outlet."""

    outlets: dict[str, dict[int, str]] = field(default_factory=dict)
    articles: dict[str, int] = field(default_factory=dict)
    min_count: int = 4
    bound: str | None = None

    def bind(self, outlet: str | None) -> BoilerplateProfile:
        """The same profile, used for one outlet whatever the article's own fields say."""
        return replace(self, bound=outlet)

    def lines_for(self, outlet: str | None) -> dict[int, str]:
        key = self.bound or outlet
        return self.outlets.get(key, {}) if key else {}

    def is_chrome(self, outlet: str | None, line: str) -> bool:
        """True when ``line`` is learned chrome of ``outlet`` and may be removed on that ground."""
        lines = self.lines_for(outlet)
        return bool(lines) and line_hash(line) in lines and eligible(line)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": PROFILE_VERSION,
            "min_count": self.min_count,
            "outlets": {
                key: {"articles": self.articles.get(key, 0), "lines": sorted(lines.values())}
                for key, lines in sorted(self.outlets.items())
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BoilerplateProfile:
        if not isinstance(data, dict) or data.get("version") != PROFILE_VERSION:
            raise ValueError("not a newstrace boilerplate profile (version 1)")
        outlets: dict[str, dict[int, str]] = {}
        articles: dict[str, int] = {}
        for key, entry in (data.get("outlets") or {}).items():
            lines = [str(x) for x in entry.get("lines") or []]
            outlets[str(key)] = {line_hash(x): x for x in lines}
            articles[str(key)] = int(entry.get("articles") or 0)
        return cls(outlets=outlets, articles=articles, min_count=int(data.get("min_count") or 4))


def _doc_lines(doc: RawDocument) -> tuple[list[str], int]:
    """The article's body lines and a 32-bit key of its headline."""
    lines = [x.strip() for x in (doc.text or "").split("\n")]
    lines = [x for x in lines if x]
    headline = doc.title or (lines[0] if lines else "")
    if doc.title is None and lines:
        lines = lines[1:]  # the first line is the headline of a raw scrape
    return lines, line_hash(headline) & 0xFFFFFFFF


class ProfileLearner:
    """The first pass, one article at a time, in bounded memory (see the module docstring)."""

    def __init__(self, settings: CleanSettings) -> None:
        self.min_count = max(2, settings.boilerplate_min_count)
        self.counts: dict[str, _OutletCounts] = {}
        self.seen: dict[int, None] = {}  # insertion-ordered: a FIFO window of recent article hashes
        self.total = 0

    def add(self, doc: RawDocument) -> None:
        if not doc.text:
            return
        key = outlet_key(doc.publisher, doc.url, doc.extras)
        if key is None:
            return
        text_hash = int.from_bytes(
            hashlib.blake2b((key + "\x00" + doc.text).encode("utf-8", "replace"), digest_size=8).digest(), "big")
        if text_hash in self.seen:
            return
        self.seen[text_hash] = None
        if len(self.seen) > MAX_SEEN_TEXTS:
            del self.seen[next(iter(self.seen))]
        outlet = self.counts.get(key)
        if outlet is None:
            if len(self.counts) >= MAX_OUTLETS:
                return
            outlet = self.counts[key] = _OutletCounts()
        self.total += outlet.add(*_doc_lines(doc))
        if self.total > MAX_LINES_TOTAL:
            for each in self.counts.values():
                each.prune(len(each.counts) // 2)
            self.total = sum(len(each.counts) for each in self.counts.values())

    def profile(self) -> BoilerplateProfile:
        outlets: dict[str, dict[int, str]] = {}
        articles: dict[str, int] = {}
        for key, outlet in self.counts.items():
            chrome = {h: outlet.texts[h] for h, c in outlet.counts.items() if c >= self.min_count and h in outlet.texts}
            if chrome:
                outlets[key] = chrome
                articles[key] = outlet.articles
        return BoilerplateProfile(outlets=outlets, articles=articles, min_count=self.min_count)


def learn_profile(docs: Iterable[RawDocument], settings: CleanSettings) -> BoilerplateProfile:
    """Count repeated lines per outlet over ``docs`` (one streaming pass) and keep the chrome.

    When ``settings.boilerplate_profile`` names a saved profile, it is loaded instead and ``docs``
    is not read at all. When none of the first 2,000 articles names an outlet, the pass stops.
    """
    if settings.boilerplate_profile:
        return load_profile(settings.boilerplate_profile)
    learner = ProfileLearner(settings)
    for seen, doc in enumerate(docs, 1):
        learner.add(doc)
        if seen == _GIVE_UP_AFTER and not learner.counts:
            break  # nothing names an outlet (e.g. bare {"id", "text"} lines): skip the rest of the pass
    return learner.profile()


def save_profile(profile: BoilerplateProfile, path: str | Path) -> None:
    """Write a profile as JSON (readable: the chrome lines themselves, per outlet)."""
    Path(path).write_text(json.dumps(profile.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")


def load_profile(path: str | Path) -> BoilerplateProfile:
    """Read a profile written by ``save_profile``; ``ValueError`` when the file is not one."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"cannot read boilerplate profile {path}: {exc}") from None
    return BoilerplateProfile.from_dict(data)


# Short names, as the CLI and the settings speak of "save" and "load" of a profile.
save = save_profile
load = load_profile
