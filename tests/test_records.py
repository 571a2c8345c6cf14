from __future__ import annotations

import pytest

from newstrace.records import (
    Article,
    Attribution,
    Claim,
    ClaimMention,
    Entity,
    LinkRecord,
    Origin,
    RawDocument,
    Removal,
    Source,
    Span,
    Story,
    TimeExpression,
)

BODY = "The ministry denied the report on Tuesday."


def _article() -> Article:
    return Article(
        id="a1",
        body=BODY,
        headline="Ministry denies report",
        published_at="2023-11-14T22:13:20Z",
        authors=("Jo Writer",),
        removed=(Removal("CLICK HERE", "promo"),),
        attributions=(
            Attribution(
                source=Source("The ministry", 0, 12, "organization"),
                cue=Span.of(BODY, 13, 19),
                content=Span.of(BODY, 20, 30),
                type="indirect",
                stance="deny",
            ),
        ),
        entities=(Entity("Tuesday", "DATE", 34, 41),),
        times=(TimeExpression("Tuesday", 34, 41, "2023-11-14"),),
    )


def test_records_article_roundtrip() -> None:
    article = _article()
    assert Article.from_dict(article.to_dict()) == article.with_(entities=(Entity("Tuesday", "DATE", 34, 41, "Tuesday"),))


def test_records_article_contract_fields() -> None:
    data = _article().to_dict()
    for key in ("id", "url", "headline", "publisher", "published_at", "authors", "body", "removed", "attributions", "entities", "times"):
        assert key in data
    attribution = data["attributions"][0]
    assert attribution["source"] == {"text": "The ministry", "start": 0, "end": 12, "kind": "organization"}
    assert BODY[attribution["cue"]["start"] : attribution["cue"]["end"]] == attribution["cue"]["text"] == "denied"
    assert attribution["stance"] == "deny"
    assert "skipped" not in data


def test_records_skipped_record_has_empty_lists() -> None:
    raw = RawDocument(id="x", source="f:1", text="")
    data = Article.skipped_record(raw, "empty").to_dict()
    assert data["skipped"] == "empty" and data["id"] == "x"
    assert data["attributions"] == data["removed"] == data["entities"] == data["times"] == []


@pytest.mark.parametrize(
    "record",
    [
        LinkRecord("a", "s1", None, Origin("wire_copy", "Reuters", "b")),
        Story("s1", ("a", "b"), "2024-01-01T00:00:00Z"),
        Claim("c1", "the talks collapsed", (ClaimMention("a", "assert", "a report"),), "a"),
        RawDocument(id="r", source="f:1", text="t", url="http://x", extras={"outlet": "X"}),
    ],
)
def test_records_roundtrip(record: object) -> None:
    cls = type(record)
    rebuilt = cls.from_dict(record.to_dict()) if not isinstance(record, RawDocument) else RawDocument.from_dict(record.to_dict(), source="f:1")  # type: ignore[attr-defined]
    assert rebuilt == record


def test_records_link_contract_shape() -> None:
    data = LinkRecord("a", "s1").to_dict()
    assert data == {"id": "a", "story_id": "s1", "duplicate_of": None, "origin": {"type": "original", "source": None, "article_id": None}}


def test_records_span_parts_roundtrip_and_only_when_set() -> None:
    body = '"A," he said, "B."'
    whole = Span(body, 0, len(body), ((0, 4), (14, len(body))))
    assert whole.to_dict()["spans"] == [[0, 4], [14, len(body)]]
    assert Span.from_dict(whole.to_dict()) == whole
    assert "spans" not in Span.of(body, 0, 4).to_dict()
