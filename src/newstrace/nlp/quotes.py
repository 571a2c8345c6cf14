"""Direct-quote spans: pair double quotation marks, across paragraphs, tolerating bad input.

Straight marks (``"``, ``''``) are opening or closing by context (what stands before and after
them); curly marks by their shape unless the context clearly says otherwise, because scraped text
often mixes them up. A quote may run over several paragraphs, following the news convention that
a continued quote reopens each paragraph without closing the previous one. An unbalanced mark skips
that quote only and is counted; nested double marks close the outer quote's opening as unbalanced.
Single quotes are left alone: they are mostly apostrophes, and inner quotes live inside a double one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARK_RE = re.compile(r"''|``|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb]")
_OPENERS = {"\u201c", "\u201e", "\u201f", "\u00ab", "``"}
_CLOSERS = {"\u201d", "\u00bb"}
_BEFORE_OPEN = set(" \t\n\r([{\u2014\u2013-/:\u00a0")


@dataclass(frozen=True, slots=True)
class QuoteScan:
    """Balanced quotes as ``(start, end)`` character spans (marks included) and the skip count."""

    spans: tuple[tuple[int, int], ...]
    unbalanced: int


def _side(text: str, start: int, end: int, mark: str, is_open: bool) -> str:
    """``open`` or ``close`` for one mark, from its shape, its neighbours and the current state."""
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    can_open = (before in _BEFORE_OPEN or before in "\"\u201c") and not after.isspace()
    can_close = not before.isspace() and (after.isspace() or not after.isalnum())
    if mark in _OPENERS:
        if is_open and can_close and not can_open:
            return "close"
        return "open"
    if mark in _CLOSERS:
        if not is_open and can_open and not can_close:
            return "open"
        return "close"
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "close" if is_open else "open"


def find_quotes(text: str) -> QuoteScan:
    """Pair the double quotation marks of ``text`` into quote spans."""
    spans: list[tuple[int, int]] = []
    unbalanced = 0
    open_at: int | None = None
    para_end_pending = False  # the open quote reached a paragraph end without closing
    last_mark_end = 0
    for match in _MARK_RE.finditer(text):
        start, end = match.span()
        if open_at is not None and "\n" in text[last_mark_end:start]:
            # A paragraph break inside an open quote: continued only if the next paragraph reopens.
            para_end_pending = True
        side = _side(text, start, end, match.group(), open_at is not None and not para_end_pending)
        if para_end_pending:
            para_end_pending = False
            line_start = text.rfind("\n", 0, start) + 1
            reopens = side == "open" and not text[line_start:start].strip()
            if reopens:
                last_mark_end = end
                continue  # the same quote goes on in this paragraph
            unbalanced += 1
            open_at = None
        if side == "open":
            if open_at is not None:
                unbalanced += 1  # nested or unclosed: drop the outer opening
            open_at = start
        elif open_at is None:
            unbalanced += 1  # a closing mark with nothing open
        else:
            spans.append((open_at, end))
            open_at = None
        last_mark_end = end
    if open_at is not None:
        unbalanced += 1
    return QuoteScan(tuple(spans), unbalanced)
