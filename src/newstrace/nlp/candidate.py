"""The working record of one attribution candidate while the rules build and reconcile them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

CharSpan = tuple[int, int]


@dataclass(slots=True)
class Cand:
    """Token ids of cue, source and content; ``chars`` is the final content span once widened."""

    cue: list[int]
    source: list[int]
    content: list[int]
    method: str
    head: int
    source_head: int | None = None
    chars: CharSpan | None = field(default=None)
    dropped: bool = False


def chars(doc: Doc, ids: Iterable[int]) -> CharSpan | None:
    """The character span from the first to the last of ``ids`` (None when empty)."""
    ids = sorted(ids)
    if not ids:
        return None
    last = doc[ids[-1]]
    return doc[ids[0]].idx, last.idx + len(last.text)


def make(cue: list[int], source: list[int], content: list[int], method: str, head: int,
         source_head: int | None) -> Cand:
    """A candidate whose roles do not overlap: the cue wins over the source, both over the content."""
    cue_set = set(cue)
    source = [i for i in source if i not in cue_set]
    taken = cue_set | set(source)
    content = [i for i in content if i not in taken]
    return Cand(sorted(cue), sorted(source), sorted(content), method, head, source_head)
