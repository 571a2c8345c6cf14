"""Records <-> rows: every field survives, unknown fields are kept whole."""

from __future__ import annotations

import json

import pytest

from newstrace.records import Article, Claim, ClaimMention, LinkRecord, Origin, Story
from newstrace.store.rows import (
    _attribution_row, article_dict, article_rows, claim_dict, claim_rows, link_dict, link_row, outlet_of,
    source_name, story_dict, story_rows, to_utc,
)

from .store_synthetic import ledger_article


def test_rows_article_round_trip_without_override() -> None:
    article = ledger_article()
    rows = article_rows(article, seq=7, batch=2)
    assert rows["articles"]["extra"] is None  # the columns carry everything
    rebuilt = article_dict(rows["articles"], rows["removals"], rows["attributions"], rows["entities"], rows["times"])
    assert rebuilt == article.to_dict()
    assert Article.from_dict(rebuilt).to_dict() == article.to_dict()


def test_rows_skipped_article_round_trip() -> None:
    article = Article(id="s1", skipped="too_large", url="https://x.example/a", source="in.jsonl:3")
    rows = article_rows(article, 1, 1)
    assert article_dict(rows["articles"], [], [], [], []) == article.to_dict()
    assert rows["articles"]["input_source"] == "in.jsonl:3"


def test_rows_unknown_attribution_field_is_kept() -> None:
    data = ledger_article().to_dict()["attributions"][0] | {"confidence": 0.75}
    row = _attribution_row("a", 0, data, "Daily Ledger")
    assert json.loads(row["extra"])["confidence"] == 0.75
    from newstrace.store.rows import attribution_dict

    assert attribution_dict(row) == data


def test_rows_link_story_claim_round_trip() -> None:
    record = LinkRecord("a2", "s1", "a1", Origin("wire_copy", "Reuters", "a1"), extras={"score": 0.93})
    assert link_dict(link_row(record)) == record.to_dict()
    assert LinkRecord.from_dict(link_dict(link_row(record))) == record
    story = Story("s1", ("a1", "a2"), "2023-11-14T22:13:20Z", "Budget")
    row, members = story_rows(story)
    assert story_dict(row, members) == story.to_dict() and row["n_articles"] == 2
    claim = Claim("c1", "the talks collapsed", (ClaimMention("a1", "assert", "Reuters"), ClaimMention("a2", "deny")), "a1", "s1")
    row, mentions = claim_rows(claim, {"k": 1})
    assert claim_dict(row, mentions) == claim.to_dict() and json.loads(row["trace"]) == {"k": 1}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Ministry", "ministry"),
        ("the ministry's", "ministry"),
        ("  Two   officials ", "two officials"),
        ("\u201cReuters,\u201d", "reuters"),
        ("A spokesperson", "spokesperson"),
        ("The", "the"),
    ],
)
def test_rows_source_name_normalises(text: str, expected: str) -> None:
    assert source_name(text) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2023-11-14T22:13:20Z", "2023-11-14T22:13:20Z"),
        ("2023-11-15T01:00:00+02:00", "2023-11-14T23:00:00Z"),
        ("2023-11-16", "2023-11-16T00:00:00Z"),
        ("2023-11-16T08:00:00", "2023-11-16T08:00:00Z"),
        ("yesterday", None),
        (None, None),
    ],
)
def test_rows_to_utc(value: str | None, expected: str | None) -> None:
    assert to_utc(value) == expected


@pytest.mark.parametrize(
    "publisher, url, expected",
    [
        ("  Daily   Ledger ", None, "Daily Ledger"),
        (None, "https://www.ledger.example/x", "ledger.example"),
        ("", "not a url", "(unknown outlet)"),
        (None, None, "(unknown outlet)"),
    ],
)
def test_rows_outlet_of(publisher: str | None, url: str | None, expected: str) -> None:
    assert outlet_of(publisher, url) == expected
