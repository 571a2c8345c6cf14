"""The one place the store meets the linker (``newstrace.link.Linker``).

The store needs an incremental linker: ``add(articles) -> list[LinkRecord]``, then the full
``link_records()``, ``stories()``, ``claims()``, ``trace(id)``, and ``dump()`` / ``load()`` of its
state. While ``newstrace.link`` is not installed, ``ExactDuplicateLinker`` stands in: it only groups
articles whose bodies are identical (after folding case and spaces), so ``ingest`` works end to end.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from typing import Any, Mapping, Protocol, Sequence

from newstrace.records import Article, Claim, LinkRecord, Origin, Story
from newstrace.settings import Settings
from newstrace.store.rows import to_utc

LOGGER = logging.getLogger(__name__)


class LinkerLike(Protocol):
    def add(self, articles: Sequence[Article]) -> list[LinkRecord]: ...

    def link_records(self) -> list[LinkRecord]: ...

    def stories(self) -> list[Story]: ...

    def claims(self) -> list[Claim]: ...

    def dump(self) -> bytes: ...


def linker_class() -> Any:
    """``newstrace.link.Linker`` when it exists, else the stand-in."""
    try:
        from newstrace.link import Linker  # type: ignore[attr-defined]
    except ImportError:
        return ExactDuplicateLinker
    return Linker


def linker_format(cls: Any) -> str:
    """Names the class (and its state version) whose ``dump()`` a stored state came from."""
    version = getattr(cls, "STATE_VERSION", None) or getattr(cls, "state_version", None) or 1
    return f"{cls.__module__}.{cls.__qualname__}/{version}"


def new_linker(settings: Settings) -> LinkerLike:
    linker: LinkerLike = linker_class()(settings)
    return linker


def load_linker(data: bytes, fmt: str, settings: Settings) -> LinkerLike | None:
    """The linker restored from a stored state, or None when the state is of another format."""
    cls = linker_class()
    if fmt != linker_format(cls):
        LOGGER.info("stored linker state is %s, not %s: it will be rebuilt", fmt, linker_format(cls))
        return None
    linker: LinkerLike = cls.load(data, settings)
    return linker


def trace_dict(linker: Any, item_id: str) -> dict[str, Any] | None:
    """The linker's own trace of a claim/story/article as a dict, when it can give one."""
    trace = getattr(linker, "trace", None)
    if trace is None:
        return None
    try:
        result = trace(item_id)
    except (KeyError, LookupError, ValueError):
        return None
    if result is None:
        return None
    to_dict = getattr(result, "to_dict", None)
    return dict(to_dict()) if to_dict is not None else None


_SPACE = re.compile(r"\s+")


class ExactDuplicateLinker:
    """Stand-in linker: identical bodies are copies of the first and share its story; no claims."""

    STATE_VERSION = 1

    def __init__(self, settings: Settings | None = None) -> None:
        self._first_by_key: dict[str, str] = {}
        self._records: dict[str, LinkRecord] = {}
        self._published: dict[str, str | None] = {}

    @staticmethod
    def _key(article: Article) -> str:
        folded = _SPACE.sub(" ", article.body).strip().casefold()
        return hashlib.sha1(folded.encode("utf-8")).hexdigest()

    @staticmethod
    def _story_id(article_id: str) -> str:
        return "story-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]

    def add(self, articles: Sequence[Article]) -> list[LinkRecord]:
        out: list[LinkRecord] = []
        for article in articles:
            if article.id in self._records:
                out.append(self._records[article.id])
                continue
            self._published[article.id] = article.published_at
            if article.skipped:
                record = LinkRecord(article.id, self._story_id(article.id), origin=Origin("unknown"), skipped=article.skipped)
            else:
                key = self._key(article)
                first = self._first_by_key.setdefault(key, article.id)
                if first == article.id:
                    record = LinkRecord(article.id, self._story_id(article.id), origin=Origin("original"))
                else:
                    story = self._records[first].story_id
                    record = LinkRecord(article.id, story, duplicate_of=first, origin=Origin("unknown", None, first))
            self._records[article.id] = record
            out.append(record)
        return out

    def link_records(self) -> list[LinkRecord]:
        return list(self._records.values())

    def stories(self) -> list[Story]:
        members: dict[str, list[str]] = {}
        for record in self._records.values():
            members.setdefault(record.story_id, []).append(record.id)
        out = []
        for story_id, ids in members.items():
            dates = [d for d in (self._published.get(i) for i in ids) if d]
            out.append(Story(story_id, tuple(ids), min(dates, key=lambda d: to_utc(d) or d) if dates else None))
        return out

    def claims(self) -> list[Claim]:
        return []

    def dump(self) -> bytes:
        state = {
            "records": [r.to_dict() for r in self._records.values()],
            "published": self._published,
            "first_by_key": self._first_by_key,
        }
        return json.dumps(state, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @classmethod
    def load(cls, data: bytes, settings: Settings | None = None) -> ExactDuplicateLinker:
        state: Mapping[str, Any] = json.loads(data.decode("utf-8"))
        linker = cls(settings)
        linker._records = {r["id"]: LinkRecord.from_dict(r) for r in state["records"]}
        linker._published = dict(state["published"])
        linker._first_by_key = dict(state["first_by_key"])
        return linker


def linker_from_store(store: Any, settings: Settings) -> LinkerLike | None:
    """The linker whose state the store keeps (None when the store has none in today's format)."""
    from newstrace.store import write as w

    with store.connect() as conn:
        row = w.read_linker_state(conn)
    if not row or not row["data"]:
        return None
    return load_linker(bytes(row["data"]), row["format"], settings)
