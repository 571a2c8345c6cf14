"""The line rules of the raw-text cleaner, loaded from ``lexicon/data/clean_line_rules.txt``.

Each rule is ``KIND REASON MAXWORDS REGEX`` (the data file documents the format). The rules of one
kind are compiled into a single alternation with one named group per rule, so classifying a line
costs one regex call per kind instead of one per rule: the cleaner must run at thousands of
articles per second on one core.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newstrace import lexicon

KINDS = ("line", "start", "end", "has")
_END_WINDOW = 200  # "end" rules look at the last characters only; credits and signatures are short


@dataclass(frozen=True, slots=True)
class Rule:
    """One line rule: where it matches, the removal reason, the word limit and the pattern."""

    kind: str
    reason: str
    max_words: int | None
    pattern: str


def parse_rules(entries: tuple[str, ...]) -> list[Rule]:
    """Parse rule lines; a malformed line is a packaging bug, so it raises ``ValueError``."""
    rules: list[Rule] = []
    for entry in entries:
        parts = entry.split(" ", 3)
        if len(parts) != 4 or parts[0] not in KINDS:
            raise ValueError(f"malformed cleaning rule: {entry!r}")
        kind, reason, limit, pattern = parts
        re.compile(pattern)  # fail early, naming nothing but the regex error
        rules.append(Rule(kind, reason, None if limit == "-" else int(limit), pattern))
    return rules


class RuleSet:
    """Compiled line rules: ``classify(line)`` returns the reason of the first rule that fires."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self._by_kind: dict[str, list[int]] = {k: [] for k in KINDS}
        for index, rule in enumerate(rules):
            self._by_kind[rule.kind].append(index)
        self._combined: dict[str, re.Pattern[str] | None] = {}
        self._single: dict[int, re.Pattern[str]] = {}
        for kind, indices in self._by_kind.items():
            if not indices:
                self._combined[kind] = None
                continue
            body = "|".join(f"(?P<r{i}>{rules[i].pattern})" for i in indices)
            self._combined[kind] = re.compile(body, re.IGNORECASE)
            for i in indices:
                self._single[i] = re.compile(rules[i].pattern, re.IGNORECASE)
        limits = [rules[i].max_words for i in self._by_kind["has"]]
        self._has_limit = max((x for x in limits if x is not None), default=0)
        if any(x is None for x in limits):
            self._has_limit = 1 << 30

    def _fires(self, index: int, words: int) -> bool:
        limit = self.rules[index].max_words
        return limit is None or words <= limit

    def _run(self, kind: str, text: str, words: int) -> int | None:
        combined = self._combined[kind]
        if combined is None:
            return None
        call = {"line": combined.fullmatch, "start": combined.match, "end": combined.search,
                "has": combined.search}[kind]
        m = call(text)
        if m is None:
            return None
        index = int((m.lastgroup or "r-1")[1:])
        if self._fires(index, words):
            return index
        # The first rule that matched is over its word limit: try the later rules one by one.
        for i in self._by_kind[kind]:
            if i <= index or not self._fires(i, words):
                continue
            single = self._single[i]
            hit = {"line": single.fullmatch, "start": single.match, "end": single.search,
                   "has": single.search}[kind](text)
            if hit is not None:
                return i
        return None

    def match(self, line: str, words: int | None = None) -> Rule | None:
        """The first rule (by kind, then file order) that fires on a stripped line, if any."""
        if words is None:
            words = len(line.split())
        index = self._run("line", line, words)
        if index is None:
            index = self._run("start", line, words)
        if index is None:
            index = self._run("end", line[-_END_WINDOW:], words)
        if index is None and words <= self._has_limit:
            index = self._run("has", line, words)
        return None if index is None else self.rules[index]

    def classify(self, line: str, words: int | None = None) -> str | None:
        """The removal reason for a stripped line, or ``None`` when no rule fires."""
        rule = self.match(line, words)
        return None if rule is None else rule.reason


@lru_cache(maxsize=None)
def default_rules() -> RuleSet:
    """The shipped rule set (loaded and compiled once per process)."""
    return RuleSet(parse_rules(lexicon.load("clean_line_rules")))
