"""Provenance chains from the store."""

from __future__ import annotations

import pytest

from newstrace.store import Store
from newstrace.store.trace import NotFound, build_chain, render_trace_text, trace_from_store, trace_in


def test_trace_claim_chain_marks_first_copy_and_citation(corpus_store: Store) -> None:
    with corpus_store.connect() as conn:
        result = trace_in(conn, "claim-resigned")
    chain = result["chain"]
    assert [n["article_id"] for n in chain["nodes"]] == ["ledger-1", "harbor-1", "courier-1"]  # time order
    assert chain["first_article_id"] == "ledger-1" and chain["nodes"][0]["first"]
    edges = {(e["from"], e["to"], e["type"]) for e in chain["edges"]}
    assert ("ledger-1", "harbor-1", "copy") in edges
    assert ("ledger-1", "courier-1", "cites") in edges  # courier attributes it to the Daily Ledger
    assert result["trace"] == {"steps": ["ledger-1"]}  # the linker's own trace, as stored
    assert chain["nodes"][2]["source"] == "The Daily Ledger"


def test_trace_article_id_gives_its_story(corpus_store: Store) -> None:
    with corpus_store.connect() as conn:
        result = trace_in(conn, "harbor-1")
    assert result["kind"] == "story" and result["story"]["story_id"] == "story-minister"
    assert result["article_id"] == "harbor-1"
    text = render_trace_text(result)
    assert "FIRST REPORT" in text and "copy of Daily Ledger (ledger-1)" in text


def test_trace_from_store_by_url(corpus_store: Store) -> None:
    result = trace_from_store(corpus_store.url, "claim-denial")
    assert result["claim"]["claim_id"] == "claim-denial"
    with pytest.raises(NotFound):
        trace_from_store(corpus_store, "no-such-id")


def test_trace_unlinked_later_reports_hang_off_the_first() -> None:
    summaries = {
        "b": {"outlet": "B", "published_utc": "2023-01-02T00:00:00Z"},
        "a": {"outlet": "A", "published_utc": "2023-01-01T00:00:00Z"},
        "c": {"outlet": "C", "published_utc": None},
    }
    chain = build_chain(summaries, ["b", "a", "c", "missing"])
    assert [n["article_id"] for n in chain["nodes"]] == ["a", "b", "c"]
    assert {(e["from"], e["to"], e["type"]) for e in chain["edges"]} == {("a", "b", "later"), ("a", "c", "later")}
