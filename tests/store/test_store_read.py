"""Read queries: faithful records, keyset pagination, claims, counts."""

from __future__ import annotations

import pytest

from newstrace.records import Article
from newstrace.store import Store, put_records, read
from newstrace.store.read import CursorError, decode_cursor, encode_cursor

from .store_synthetic import corpus_articles, corpus_links, ledger_article


def test_read_articles_are_exactly_their_records(corpus_store: Store) -> None:
    with corpus_store.connect() as conn:
        found = read.get_articles(conn, [a.id for a in corpus_articles()] + ["nope"])
    assert set(found) == {a.id for a in corpus_articles()}
    for article in corpus_articles():
        assert found[article.id] == article.to_dict()


def test_read_links_stories_claims_are_exactly_their_records(corpus_store: Store) -> None:
    links, stories, claims = corpus_links()
    with corpus_store.connect() as conn:
        assert read.get_links(conn, [r.id for r in links]) == {r.id: r.to_dict() for r in links}
        assert [read.get_story(conn, st.story_id) for st in stories] == [st.to_dict() for st in stories]
        assert [read.get_claim(conn, c.claim_id) for c in claims] == [c.to_dict() for c in claims]
        assert read.stored_trace(conn, "claim-resigned") == {"steps": ["ledger-1"]}
        assert read.stored_trace(conn, "claim-denial") is None


def test_read_article_pages_cover_everything_once(store: Store) -> None:
    articles = [ledger_article(f"a{i:03d}") for i in range(23)]
    put_records(store, articles)
    seen: list[str] = []
    after = None
    with store.connect() as conn:
        while True:
            page, after = read.list_articles(conn, after, 5)
            seen.extend(r["id"] for r in page)
            assert len(page) <= 5
            if after is None:
                break
        assert [r["id"] for r in read.list_articles(conn, None, 100, outlet="Nobody")[0]] == []
    assert seen == [a.id for a in articles]


def test_read_story_pages_largest_first(corpus_store: Store) -> None:
    with corpus_store.connect() as conn:
        first, after = read.list_stories(conn, None, 2)
        rest, end = read.list_stories(conn, after, 2)
        multi, _ = read.list_stories(conn, None, 10, min_articles=2)
    assert [st["story_id"] for st in first] == ["story-minister", "story-empty"]
    assert [st["story_id"] for st in rest] == ["story-weather"] and end is None
    assert [st["story_id"] for st in multi] == ["story-minister"]


def test_read_claims_of_article_and_story(corpus_store: Store) -> None:
    with corpus_store.connect() as conn:
        assert [c["claim_id"] for c in read.claims_of_article(conn, "courier-1")] == ["claim-resigned", "claim-denial"]
        assert [c["claim_id"] for c in read.claims_of_article(conn, "weather-1")] == []
        assert len(read.claims_of_story(conn, "story-minister")) == 2
        assert read.story_id_of(conn, "harbor-1") == "story-minister"


def test_read_counts(corpus_store: Store) -> None:
    with corpus_store.connect() as conn:
        counts = read.counts(conn)
    assert counts["articles"] == 5 and counts["skipped"] == 1 and counts["stories"] == 3
    assert counts["claims"] == 2 and counts["multi_article_stories"] == 1
    assert counts["attributions"] == sum(len(a.attributions) for a in corpus_articles())


def test_read_cursor_round_trip_and_tampering() -> None:
    assert decode_cursor(encode_cursor([3, "story-x"]), (int, str)) == [3, "story-x"]
    assert decode_cursor(None, (int,)) is None
    for bad in ("%%%", encode_cursor(["x"]), encode_cursor([1, 2]), encode_cursor([True]), "A" * 3000):
        with pytest.raises(CursorError):
            decode_cursor(bad, (int,))


def test_read_article_with_nul_and_markup_round_trips(store: Store) -> None:
    body = "A <script>alert(1)</script> line with a NUL \x00 inside and an emoji \U0001f4f0."
    put_records(store, [Article(id="odd", body=body, headline="<b>bold</b>")])
    with store.connect() as conn:
        stored = read.get_article(conn, "odd")
    assert stored is not None
    expected = body if store.dialect == "sqlite" else body.replace("\x00", "\ufffd")  # PostgreSQL text has no NUL
    assert stored["body"] == expected and len(stored["body"]) == len(body)
    assert stored["headline"] == "<b>bold</b>"
