"""The result of cleaning one input: a body, its removals, and the metadata found on the way."""

from __future__ import annotations

from dataclasses import dataclass, field

from newstrace.records import Removal


@dataclass(slots=True)
class CleanResult:
    """What a cleaner returns; the stage merges it with the input's own fields into an ``Article``."""

    body: str
    removed: list[Removal] = field(default_factory=list)
    headline: str | None = None
    publisher: str | None = None
    published_at: str | None = None
    updated_at: str | None = None
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    dateline: str | None = None
    language: str | None = None
    extras: dict[str, str] = field(default_factory=dict)
    """Hints for later stages, e.g. ``{"wire": "Associated Press"}`` when a dateline names an agency."""
