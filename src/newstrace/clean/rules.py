"""The line rules of the raw-text cleaner, loaded from ``lexicon/data/clean_line_rules.txt``.

Each rule is ``KIND REASON MAXWORDS [GATE] REGEX`` (the data file documents the format). Anchored
rules of one kind (``line``, ``start``) are compiled into a single alternation with one named group
per rule, so classifying a line costs one regex call per kind. Unanchored rules (``end``, ``has``)
are costly to search, so each carries a gate: plain substrings, one of which must occur in the
lower-cased line before its regex runs. The cleaner must handle thousands of articles per second
on one core.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newstrace import lexicon

KINDS = ("line", "start", "end", "has")
END_WINDOW = 200  # "end" rules look at the last characters only; credits and signatures are short
_END_GATE = 60  # ... and their gate strings must occur in the last 60


@dataclass(frozen=True, slots=True)
class Rule:
    """One line rule: where it matches, the removal reason, the word limit, the gate, the pattern."""

    kind: str
    reason: str
    max_words: int | None
    pattern: str
    gate: tuple[str, ...] = ()


def parse_rules(entries: tuple[str, ...]) -> list[Rule]:
    """Parse rule lines; a malformed line is a packaging bug, so it raises ``ValueError``."""
    rules: list[Rule] = []
    for entry in entries:
        parts = entry.split(" ", 3)
        if len(parts) != 4 or parts[0] not in KINDS:
            raise ValueError(f"malformed cleaning rule: {entry!r}")
        kind, reason, limit, pattern = parts
        gate: tuple[str, ...] = ()
        if kind in ("end", "has"):
            if not pattern.startswith("{") or "} " not in pattern:
                raise ValueError(f"an {kind} rule needs a {{gate}} before its regex: {entry!r}")
            raw_gate, pattern = pattern[1:].split("} ", 1)
            gate = tuple(g for g in raw_gate.split(",") if g)
            if not gate:
                raise ValueError(f"empty gate in cleaning rule: {entry!r}")
        re.compile(pattern)  # fail early on a bad regex
        rules.append(Rule(kind, reason, None if limit == "-" else int(limit), pattern, gate))
    return rules


_BUCKETS = (12, 30, 70)  # word-count bands; a band's regex holds only the rules that can fire in it


class RuleSet:
    """Compiled line rules: ``match(line)`` returns the first rule that fires, if any.

    Most rules only fire on short lines, so each anchored kind is compiled once per word-count band
    with only the rules whose word limit reaches into that band: a long body paragraph is tried
    against a handful of patterns instead of all of them.
    """

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self._by_kind: dict[str, list[int]] = {k: [] for k in KINDS}
        for index, rule in enumerate(rules):
            self._by_kind[rule.kind].append(index)
        self._single = {i: re.compile(r.pattern, re.IGNORECASE) for i, r in enumerate(rules)}
        self._banded: dict[str, list[re.Pattern[str] | None]] = {}
        for kind in ("line", "start"):
            bands: list[re.Pattern[str] | None] = []
            for low in (0, *_BUCKETS):
                indices = [i for i in self._by_kind[kind]
                           if rules[i].max_words is None or rules[i].max_words > low]
                body = "|".join(f"(?P<r{i}>{rules[i].pattern})" for i in indices)
                bands.append(re.compile(body, re.IGNORECASE) if indices else None)
            self._banded[kind] = bands
        # Per kind and band: one regex of every gate string (a quick "could anything fire?" test)
        # and the rules to try when it says yes.
        self._gated: dict[str, list[tuple[re.Pattern[str] | None, list[tuple[int, tuple[str, ...], Any, int | None]]]]] = {}
        for kind in ("end", "has"):
            bands = []
            for low in (0, *_BUCKETS):
                members = [(i, rules[i].gate, self._single[i].search, rules[i].max_words) for i in self._by_kind[kind]
                           if rules[i].max_words is None or rules[i].max_words > low]
                gates = sorted({g for _, gate, _, _ in members for g in gate}, key=len, reverse=True)
                quick = re.compile("|".join(re.escape(g) for g in gates)) if gates else None
                bands.append((quick, members))
            self._gated[kind] = bands

    def _fires(self, index: int, words: int) -> bool:
        limit = self.rules[index].max_words
        return limit is None or words <= limit

    def _anchored(self, kind: str, text: str, words: int, band: int) -> int | None:
        combined = self._banded[kind][band]
        if combined is None:
            return None
        m = combined.fullmatch(text) if kind == "line" else combined.match(text)
        if m is None:
            return None
        index = int((m.lastgroup or "r-1")[1:])
        if self._fires(index, words):
            return index
        # The first rule that matched is over its word limit: try the later rules one by one.
        for i in self._by_kind[kind]:
            if i > index and self._fires(i, words):
                single = self._single[i]
                if (single.fullmatch(text) if kind == "line" else single.match(text)) is not None:
                    return i
        return None

    def _unanchored(self, kind: str, text: str, words: int, band: int) -> int | None:
        quick, candidates = self._gated[kind][band]
        if quick is None:
            return None
        if kind == "end":
            low = text[-_END_GATE:].lower()
            if quick.search(low) is None:
                return None
        else:
            low = text.lower()
        for index, gate, search, limit in candidates:
            if limit is not None and words > limit:
                continue
            for g in gate:
                if g in low:
                    if search(text) is not None:
                        return index
                    break
        return None

    def match(self, line: str, words: int | None = None) -> Rule | None:
        """The first rule (by kind, then file order) that fires on a stripped line, if any."""
        if words is None:
            words = len(line.split())
        band = 0 if words <= 12 else 1 if words <= 30 else 2 if words <= 70 else 3  # _BUCKETS
        index = self._anchored("line", line, words, band)
        if index is None:
            index = self._anchored("start", line, words, band)
        if index is None:
            index = self._unanchored("end", line[-END_WINDOW:], words, band)
        if index is None:
            index = self._unanchored("has", line, words, band)
        return None if index is None else self.rules[index]

    def classify(self, line: str, words: int | None = None) -> str | None:
        """The removal reason for a stripped line, or ``None`` when no rule fires."""
        rule = self.match(line, words)
        return None if rule is None else rule.reason


@lru_cache(maxsize=None)
def default_rules() -> RuleSet:
    """The shipped rule set (loaded and compiled once per process)."""
    return RuleSet(parse_rules(lexicon.load("clean_line_rules")))
