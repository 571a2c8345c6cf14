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
_HAS_HEAD, _HAS_TAIL = 120, 160  # in lines of over 30 words, "has" gates are looked for here only


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


def _category_chars() -> dict[Any, set[str]]:
    from re import _constants as sre

    # ASCII digits only: a line opening with another script's digit merely meets fewer rules.
    digits = set("0123456789")
    spaces = {chr(c) for c in range(0x3001) if chr(c).isspace()}
    return {sre.CATEGORY_DIGIT: digits, sre.CATEGORY_SPACE: spaces}


def _case_variants(code: int, ignore_case: bool) -> set[str]:
    c = chr(code)
    return {c, c.lower(), c.upper()} if ignore_case else {c}


def _first_chars(items: Any, ignore_case: bool) -> tuple[set[str] | None, bool]:
    """Characters a parsed regex sequence can start with (``None`` = any) and whether it can be empty.

    Only used to skip rules that cannot match a line's first character; anything not understood
    answers "any character", which is always safe.
    """
    from re import _constants as sre  # the parse-tree opcodes of the standard library's regex engine

    found: set[str] = set()
    for op, arg in items:
        first: set[str] | None
        nullable = False
        if op is sre.LITERAL:
            first = _case_variants(arg, ignore_case)
        elif op is sre.IN:
            first = set()
            for sub_op, sub_arg in arg:
                if sub_op is sre.LITERAL:
                    first |= _case_variants(sub_arg, ignore_case)
                elif sub_op is sre.RANGE and sub_arg[1] - sub_arg[0] <= 256:
                    for code in range(sub_arg[0], sub_arg[1] + 1):
                        first |= _case_variants(code, ignore_case)
                elif sub_op is sre.CATEGORY and sub_arg in _CATEGORY_CHARS:
                    first |= _CATEGORY_CHARS[sub_arg]
                else:
                    return None, False
        elif op is sre.BRANCH:
            first, nullable = set(), False
            for seq in arg[1]:
                sub, empty = _first_chars(seq, ignore_case)
                if sub is None:
                    return None, False
                first |= sub
                nullable = nullable or empty
        elif op is sre.SUBPATTERN:
            _, add_flags, del_flags, seq = arg
            case = (ignore_case or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
            first, nullable = _first_chars(seq, case)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)):
            low, _, seq = arg
            first, nullable = _first_chars(seq, ignore_case)
            nullable = nullable or low == 0
        elif op is sre.AT:
            first, nullable = set(), True
        else:
            return None, False
        if first is None:
            return None, False
        found |= first
        if not nullable:
            return found, False
    return found, True


_CATEGORY_CHARS = _category_chars()


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a line matching ``pattern`` (case-insensitive) can start with, or ``None``."""
    try:
        from re import _parser

        first, nullable = _first_chars(_parser.parse(pattern, re.IGNORECASE), True)
    except Exception:  # a private module of the standard library: never let it break cleaning
        return None
    return None if first is None or nullable else frozenset(first)


_WORD_GATE = re.compile(r"[a-z][a-z-]*")
_OPENERS = ("", "(", "[", "\"", "'", "“", "‘", "—", "-", "*")
_CLOSERS = ("", ".", ",", ":", ";", "?", "!", ")", "]", "\"", "'", "”", "’", "—", "…", "*", ".”", ",”", ".\"", ",\"")


def _word_gates(by_gate: dict[str, list[int]]) -> tuple[frozenset[str], dict[str, str], tuple[str, ...], dict[str, list[int]]]:
    """Split a band's gates into words (with their punctuated forms, as ``str.split`` leaves them)
    and plain substrings."""
    base_of: dict[str, str] = {}
    substrings = []
    for gate in by_gate:
        if _WORD_GATE.fullmatch(gate):
            for before in _OPENERS:
                for after in _CLOSERS:
                    base_of[before + gate + after] = gate
        else:
            substrings.append(gate)
    return frozenset(base_of), base_of, tuple(substrings), by_gate


def _band(words: int) -> int:
    return 0 if words <= _BUCKETS[0] else 1 if words <= _BUCKETS[1] else 2 if words <= _BUCKETS[2] else 3


class RuleSet:
    """Compiled line rules: ``match(line)`` returns the first rule that fires, if any.

    Most rules only fire on short lines, so the anchored rules (``line`` then ``start``, in file
    order) are compiled into one alternation per word-count band holding only the rules whose word
    limit reaches into that band: a long body paragraph meets a handful of patterns, in one call.
    """

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self._by_kind: dict[str, list[int]] = {k: [] for k in KINDS}
        for index, rule in enumerate(rules):
            self._by_kind[rule.kind].append(index)
        self._single = {i: re.compile(r.pattern, re.IGNORECASE) for i, r in enumerate(rules)}
        anchored = self._by_kind["line"] + self._by_kind["start"]
        self._first = {i: first_chars(rules[i].pattern) for i in anchored}
        self._band_rules: list[list[int]] = []
        self._dispatch: list[dict[str, re.Pattern[str] | None]] = []
        self._by_subset: dict[tuple[int, ...], re.Pattern[str] | None] = {}  # many characters share a subset
        self._gated: dict[str, list[tuple[tuple[str, ...], dict[str, list[int]]]]] = {"end": [], "has": []}
        self._words: list[tuple[frozenset[str], dict[str, str], tuple[str, ...], dict[str, list[int]]]] = []
        for low in (0, *_BUCKETS):
            indices = [i for i in anchored if rules[i].max_words is None or rules[i].max_words > low]
            self._band_rules.append(indices)
            self._dispatch.append({})
            for kind in ("end", "has"):
                by_gate: dict[str, list[int]] = {}
                for i in self._by_kind[kind]:
                    if rules[i].max_words is None or rules[i].max_words > low:
                        for g in rules[i].gate:
                            by_gate.setdefault(g, []).append(i)
                self._gated[kind].append((tuple(by_gate), by_gate))
                if kind == "has":
                    self._words.append(_word_gates(by_gate))
        self._anchored_order = anchored

    def _compile(self, indices: list[int]) -> re.Pattern[str] | None:
        rules = self.rules
        body = "|".join(
            f"(?P<r{i}>(?:{rules[i].pattern})\\Z)" if rules[i].kind == "line" else f"(?P<r{i}>{rules[i].pattern})"
            for i in indices
        )
        return re.compile(body, re.IGNORECASE) if indices else None

    def _combined_for(self, band: int, first: str) -> re.Pattern[str] | None:
        """The band's alternation restricted to rules that can start with ``first`` (compiled once)."""
        table = self._dispatch[band]
        if first not in table:
            subset = tuple(i for i in self._band_rules[band]
                           if self._first[i] is None or first in self._first[i])  # type: ignore[operator]
            if subset not in self._by_subset:
                self._by_subset[subset] = self._compile(list(subset))
            table[first] = self._by_subset[subset]
        return table[first]

    def _fires(self, index: int, words: int) -> bool:
        limit = self.rules[index].max_words
        return limit is None or words <= limit

    def _anchored(self, text: str, words: int, band: int) -> int | None:
        combined = self._dispatch[band].get(text[:1], False)
        if combined is False:
            combined = self._combined_for(band, text[:1])
        if combined is None:
            return None
        m = combined.match(text)
        if m is None:
            return None
        index = int((m.lastgroup or "r-1")[1:])
        if self._fires(index, words):
            return index
        # The first rule that matched is over its word limit: try the later rules one by one.
        order = self._anchored_order
        for i in order[order.index(index) + 1:]:
            if self._fires(i, words):
                single = self._single[i]
                hit = single.fullmatch(text) if self.rules[i].kind == "line" else single.match(text)
                if hit is not None:
                    return i
        return None

    def _gated_hit(self, band: tuple[tuple[str, ...], dict[str, list[int]]], text: str, low: str,
                   words: int) -> int | None:
        """The first gated rule that fires: gates are plain substring tests, so the common case (no
        gate string in the line) costs one pass over the gate list and no regex at all."""
        gates, by_gate = band
        if not any(map(low.__contains__, gates)):
            return None
        present = [g for g in gates if g in low]
        candidates = sorted({i for g in present for i in by_gate[g]})
        for index in candidates:
            if self._fires(index, words) and self._single[index].search(text) is not None:
                return index
        return None

    def _has_hit(self, band: int, text: str, low: str, words: int) -> int | None:
        """The first "has" rule that fires; word gates are looked up in the line's words (one set
        operation), the few substring gates with ``in``."""
        variants, base_of, substrings, by_gate = self._words[band]
        tokens = low.split()
        if variants.isdisjoint(tokens) and not any(map(low.__contains__, substrings)):
            return None
        present = {base_of[t] for t in variants.intersection(tokens)}
        present.update(g for g in substrings if g in low)
        for index in sorted({i for g in present for i in by_gate[g]}):
            if self._fires(index, words) and self._single[index].search(text) is not None:
                return index
        return None

    def match(self, line: str, words: int | None = None) -> Rule | None:
        """The first rule (by kind, then file order) that fires on a stripped line, if any."""
        if words is None:
            words = len(line.split())
        band = 0 if words <= 12 else 1 if words <= 30 else 2 if words <= 70 else 3  # _band, inlined
        index = self._anchored(line, words, band)
        if index is None and band < 3:  # no unanchored rule reaches lines of over 70 words
            # In a long line only its ends are searched for gate words: junk there is a prompt or
            # trailer glued to the line's start or end; a phrase deep inside a long paragraph makes
            # a mixed line, which stays.
            window = line.lower() if band < 2 else line[:_HAS_HEAD].lower() + "\n" + line[-_HAS_TAIL:].lower()
            index = self._gated_hit(self._gated["end"][band], line[-END_WINDOW:], window[-_END_GATE:], words)
            if index is None:
                index = self._has_hit(band, line, window, words)
        return None if index is None else self.rules[index]

    def classify(self, line: str, words: int | None = None) -> str | None:
        """The removal reason for a stripped line, or ``None`` when no rule fires."""
        rule = self.match(line, words)
        return None if rule is None else rule.reason


@lru_cache(maxsize=None)
def default_rules() -> RuleSet:
    """The shipped rule set (loaded and compiled once per process)."""
    return RuleSet(parse_rules(lexicon.load("clean_line_rules")))
