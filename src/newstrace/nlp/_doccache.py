"""Per-document values several rule modules need, computed once and kept in ``doc.user_data``.

``doc.text``, ``doc.ents`` and ``doc.sents`` are rebuilt on every access, which costs a pass over
the tokens; kinds, entities, times and resolve all need them, so they share one copy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_ENTS = "newstrace.ents"
_SENTS = "newstrace.sent_starts"


def ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents`` as a tuple, computed once per doc."""
    cached = doc.user_data.get(_ENTS)
    if cached is None:
        cached = tuple(doc.ents)
        doc.user_data[_ENTS] = cached
    return cached


def sent_starts(doc: Doc) -> list[int]:
    """Token index of each sentence start, computed once per doc ([0] without a parse)."""
    cached = doc.user_data.get(_SENTS)
    if cached is None:
        try:
            cached = [s.start for s in doc.sents] or [0]
        except ValueError:  # no sentence boundaries set
            cached = [0]
        doc.user_data[_SENTS] = cached
    return cached


_TEXT = "newstrace.text"


def text(doc: Doc) -> str:
    """``doc.text`` (which spaCy rebuilds from the tokens on every access), computed once."""
    cached = doc.user_data.get(_TEXT)
    if cached is None:
        cached = doc.text
        doc.user_data[_TEXT] = cached
    return cached
