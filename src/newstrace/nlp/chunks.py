"""Split a long body into chunks at paragraph boundaries, keeping each chunk's offset."""

from __future__ import annotations

import re

_BREAKS = ("\n\n", "\n", ". ", " ")


def split_chunks(text: str, max_chars: int) -> list[tuple[int, str]]:
    """``[(offset, chunk)]`` covering ``text`` exactly, each chunk at most ``max_chars`` long.

    Chunks end after a blank line when one falls in the second half of the window, else after a
    newline, a sentence end or a space, and only as a last resort in the middle of a word; so
    ``text[offset:offset + len(chunk)] == chunk`` and joining the chunks gives ``text`` back.
    """
    max_chars = max(1, max_chars)
    out: list[tuple[int, str]] = []
    pos = 0
    n = len(text)
    while pos < n:
        end = pos + max_chars
        if end >= n:
            out.append((pos, text[pos:]))
            break
        cut = -1
        for sep in _BREAKS:
            found = text.rfind(sep, pos + max_chars // 2, end)
            if found != -1:
                cut = found + len(sep)
                break
        if cut <= pos:
            cut = end
        out.append((pos, text[pos:cut]))
        pos = cut
    return out


_SENTENCE_CHAR_RE = re.compile(r"[^\W_]", re.UNICODE)


def has_words(text: str) -> bool:
    """True when the text holds at least one letter or digit (something to parse)."""
    return _SENTENCE_CHAR_RE.search(text) is not None
