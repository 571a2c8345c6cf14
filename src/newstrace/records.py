"""Typed, frozen records that flow through the pipeline.

Every record has ``to_dict()`` / ``from_dict()``; ``to_dict()`` emits exactly the field names of the
JSONL contract in DESIGN.md, and the store, the HTTP API and Ray batches all use that one mapping.
Spans are character offsets into ``Article.body`` (Python ``str`` indices): ``body[start:end] == text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal, Mapping

SourceKind = Literal["person", "organization", "outlet", "official", "anonymous", "document", "unknown"]
AttributionType = Literal["direct", "indirect", "mixed"]
Stance = Literal["assert", "deny", "confirm", "decline"]
OriginType = Literal["original", "wire_copy", "rewrite", "press_release", "unknown"]

SOURCE_KINDS: tuple[str, ...] = ("person", "organization", "outlet", "official", "anonymous", "document", "unknown")
ATTRIBUTION_TYPES: tuple[str, ...] = ("direct", "indirect", "mixed")
STANCES: tuple[str, ...] = ("assert", "deny", "confirm", "decline")
ORIGIN_TYPES: tuple[str, ...] = ("original", "wire_copy", "rewrite", "press_release", "unknown")


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input article before cleaning: what ingest yields.

    ``text`` is raw scraped text (possibly with leaked markup) and ``html`` a raw page; exactly one
    of them is normally set. ``source`` names where it came from (``file.jsonl:12``, a WARC record
    URI) so every error message can point at the input.
    """

    id: str
    source: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published_at: str | None = None
    extras: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        if self.text is not None:
            out["text"] = self.text
        if self.html is not None:
            out["html"] = self.html
        for key in ("url", "title", "publisher", "published_at"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.extras:
            out["extras"] = dict(self.extras)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "") -> RawDocument:
        return cls(
            id=str(data["id"]),
            source=source or str(data.get("source") or data["id"]),
            text=_opt_str(data.get("text")),
            html=_opt_str(data.get("html")),
            url=_opt_str(data.get("url")),
            title=_opt_str(data.get("title")),
            publisher=_opt_str(data.get("publisher")),
            published_at=_opt_str(data.get("published_at")),
            extras=dict(data.get("extras") or {}),
        )


@dataclass(frozen=True, slots=True)
class Span:
    """A contiguous piece of the article body: ``body[start:end] == text``.

    ``parts`` (optional, written as ``spans``) gives the exact pieces when the span is
    discontinuous inside ``start``/``end``: a quote interrupted by "he said on Tuesday".
    """

    text: str
    start: int
    end: int
    parts: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "start": self.start, "end": self.end}
        if self.parts:
            out["spans"] = [list(p) for p in self.parts]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Span:
        parts = tuple((int(p[0]), int(p[1])) for p in data.get("spans") or ())
        return cls(text=str(data["text"]), start=int(data["start"]), end=int(data["end"]), parts=parts)

    @classmethod
    def of(cls, body: str, start: int, end: int, parts: tuple[tuple[int, int], ...] = ()) -> Span:
        return cls(text=body[start:end], start=start, end=end, parts=parts)


@dataclass(frozen=True, slots=True)
class Source:
    """The source mention of an attribution, its kind, and what it refers to when known."""

    text: str
    start: int
    end: int
    kind: str = "unknown"
    resolved: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "start": self.start, "end": self.end, "kind": self.kind}
        if self.resolved is not None:
            out["resolved"] = self.resolved.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Source:
        resolved = data.get("resolved")
        return cls(
            text=str(data["text"]),
            start=int(data["start"]),
            end=int(data["end"]),
            kind=str(data.get("kind") or "unknown"),
            resolved=Span.from_dict(resolved) if resolved else None,
        )


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who (source) says what (content), through which cue, directly or not, with what stance."""

    source: Source | None
    cue: Span
    content: Span | None
    type: str = "indirect"
    stance: str = "assert"
    hedged: bool = False
    method: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict() if self.source else None,
            "cue": self.cue.to_dict(),
            "content": self.content.to_dict() if self.content else None,
            "type": self.type,
            "stance": self.stance,
            "hedged": self.hedged,
            "method": self.method,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Attribution:
        source = data.get("source")
        content = data.get("content")
        return cls(
            source=Source.from_dict(source) if source else None,
            cue=Span.from_dict(data["cue"]),
            content=Span.from_dict(content) if content else None,
            type=str(data.get("type") or "indirect"),
            stance=str(data.get("stance") or "assert"),
            hedged=bool(data.get("hedged", False)),
            method=str(data.get("method") or ""),
        )


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity mention; ``canonical`` is the one name used for it across the article."""

    text: str
    label: str
    start: int
    end: int
    canonical: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "canonical": self.canonical or self.text,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entity:
        return cls(
            text=str(data["text"]),
            label=str(data["label"]),
            start=int(data["start"]),
            end=int(data["end"]),
            canonical=_opt_str(data.get("canonical")),
        )


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A date or relative time expression; ``value`` is an ISO date when it could be resolved."""

    text: str
    start: int
    end: int
    value: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "value": self.value}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TimeExpression:
        return cls(
            text=str(data["text"]),
            start=int(data["start"]),
            end=int(data["end"]),
            value=_opt_str(data.get("value")),
        )


@dataclass(frozen=True, slots=True)
class Removal:
    """A piece of the input that cleaning removed, and why (a short slug such as ``promo``)."""

    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Removal:
        return cls(text=str(data["text"]), reason=str(data["reason"]))


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned (and possibly analysed) article: the record of ``clean`` and ``analyze``.

    ``skipped`` holds the policy reason when the article was skipped (``empty``, ``too_large``,
    ``language``...); such a record keeps its id and has empty lists.
    """

    id: str
    body: str = ""
    url: str | None = None
    headline: str | None = None
    publisher: str | None = None
    published_at: str | None = None
    updated_at: str | None = None
    authors: tuple[str, ...] = ()
    dateline: str | None = None
    language: str | None = None
    removed: tuple[Removal, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    entities: tuple[Entity, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    skipped: str | None = None
    source: str | None = None
    extras: Mapping[str, Any] = field(default_factory=dict)

    def with_(self, **changes: Any) -> Article:
        """A copy with some fields changed (records are frozen)."""
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "url": self.url,
            "headline": self.headline,
            "publisher": self.publisher,
            "published_at": self.published_at,
            "updated_at": self.updated_at,
            "authors": list(self.authors),
            "dateline": self.dateline,
            "language": self.language,
            "body": self.body,
            "removed": [r.to_dict() for r in self.removed],
            "attributions": [a.to_dict() for a in self.attributions],
            "entities": [e.to_dict() for e in self.entities],
            "times": [t.to_dict() for t in self.times],
        }
        if self.skipped is not None:
            out["skipped"] = self.skipped
        if self.extras:
            out["extras"] = dict(self.extras)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        return cls(
            id=str(data["id"]),
            body=str(data.get("body") or ""),
            url=_opt_str(data.get("url")),
            headline=_opt_str(data.get("headline")),
            publisher=_opt_str(data.get("publisher")),
            published_at=_opt_str(data.get("published_at")),
            updated_at=_opt_str(data.get("updated_at")),
            authors=tuple(str(a) for a in data.get("authors") or ()),
            dateline=_opt_str(data.get("dateline")),
            language=_opt_str(data.get("language")),
            removed=tuple(Removal.from_dict(r) for r in data.get("removed") or ()),
            attributions=tuple(Attribution.from_dict(a) for a in data.get("attributions") or ()),
            entities=tuple(Entity.from_dict(e) for e in data.get("entities") or ()),
            times=tuple(TimeExpression.from_dict(t) for t in data.get("times") or ()),
            skipped=_opt_str(data.get("skipped")),
            extras=dict(data.get("extras") or {}),
        )

    @classmethod
    def skipped_record(cls, raw: RawDocument, reason: str) -> Article:
        """The output line of an article skipped by policy: its id, the reason, empty lists."""
        return cls(
            id=raw.id,
            url=raw.url,
            headline=raw.title,
            publisher=raw.publisher,
            published_at=raw.published_at,
            skipped=reason,
            source=raw.source,
        )


def is_article_record(data: Mapping[str, Any]) -> bool:
    """True when a JSONL object is already a clean/analyze output record rather than a raw input."""
    return "body" in data and "text" not in data and "html" not in data


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an article comes from: its own reporting, a wire copy, a rewrite, a press release."""

    type: str = "original"
    source: str | None = None
    article_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "source": self.source, "article_id": self.article_id}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Origin:
        return cls(
            type=str(data.get("type") or "unknown"),
            source=_opt_str(data.get("source")),
            article_id=_opt_str(data.get("article_id")),
        )


@dataclass(frozen=True, slots=True)
class LinkRecord:
    """One line of ``newstrace link``: the article's story, the copy it duplicates, its origin."""

    id: str
    story_id: str
    duplicate_of: str | None = None
    origin: Origin = field(default_factory=Origin)
    skipped: str | None = None
    extras: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "story_id": self.story_id,
            "duplicate_of": self.duplicate_of,
            "origin": self.origin.to_dict(),
        }
        if self.skipped is not None:
            out["skipped"] = self.skipped
        if self.extras:
            out.update({k: v for k, v in self.extras.items() if k not in out})
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LinkRecord:
        known = {"id", "story_id", "duplicate_of", "origin", "skipped"}
        return cls(
            id=str(data["id"]),
            story_id=str(data["story_id"]),
            duplicate_of=_opt_str(data.get("duplicate_of")),
            origin=Origin.from_dict(data.get("origin") or {}),
            skipped=_opt_str(data.get("skipped")),
            extras={k: v for k, v in data.items() if k not in known},
        )


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about one real-world event."""

    story_id: str
    article_ids: tuple[str, ...]
    first_published: str | None = None
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "story_id": self.story_id,
            "article_ids": list(self.article_ids),
            "first_published": self.first_published,
        }
        if self.title is not None:
            out["title"] = self.title
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Story:
        return cls(
            story_id=str(data["story_id"]),
            article_ids=tuple(str(a) for a in data.get("article_ids") or ()),
            first_published=_opt_str(data.get("first_published")),
            title=_opt_str(data.get("title")),
        )


@dataclass(frozen=True, slots=True)
class ClaimMention:
    """One article carrying a claim: with which stance and through which source."""

    id: str
    stance: str = "assert"
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "stance": self.stance, "source": self.source}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ClaimMention:
        return cls(
            id=str(data["id"]),
            stance=str(data.get("stance") or "assert"),
            source=_opt_str(data.get("source")),
        )


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim matched across articles (one line of ``link --claims``)."""

    claim_id: str
    text: str
    articles: tuple[ClaimMention, ...]
    first_article_id: str | None = None
    story_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "claim_id": self.claim_id,
            "text": self.text,
            "articles": [a.to_dict() for a in self.articles],
            "first_article_id": self.first_article_id,
        }
        if self.story_id is not None:
            out["story_id"] = self.story_id
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Claim:
        return cls(
            claim_id=str(data["claim_id"]),
            text=str(data["text"]),
            articles=tuple(ClaimMention.from_dict(a) for a in data.get("articles") or ()),
            first_article_id=_opt_str(data.get("first_article_id")),
            story_id=_opt_str(data.get("story_id")),
        )
