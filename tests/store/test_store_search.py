"""Full-text search on SQLite FTS5 and PostgreSQL tsvector."""

from __future__ import annotations

import pytest

from newstrace.records import Article
from newstrace.store import Store, put_records
from newstrace.store.search import fts5_expression, highlighter, make_snippet, parse_query, search


def _ids(store: Store, query: str) -> list[str]:
    with store.connect() as conn:
        return [h["id"] for h in search(conn, query).hits]


def test_search_finds_body_and_headline_words(corpus_store: Store) -> None:
    assert set(_ids(corpus_store, "rain")) == {"weather-1"}
    assert set(_ids(corpus_store, "minister")) == {"ledger-1", "harbor-1", "courier-1"}
    assert _ids(corpus_store, "nonexistentword") == []


def test_search_stems_and_phrases(corpus_store: Store) -> None:
    assert "weather-1" in _ids(corpus_store, "forecaster")  # stemmed
    assert set(_ids(corpus_store, '"budget talks collapsed"')) == {"ledger-1", "harbor-1"}
    assert _ids(corpus_store, '"talks budget collapsed"') == []


def test_search_or_and_all_terms(corpus_store: Store) -> None:
    assert set(_ids(corpus_store, "rain OR courier")) == {"weather-1"} | set(_ids(corpus_store, "courier"))
    assert set(_ids(corpus_store, "minister spokesperson")) == {"courier-1"}


def test_search_headline_match_ranks_first(store: Store) -> None:
    put_records(store, [
        Article(id="body-only", body="Pelicans gathered. " + "Other words here. " * 20, headline="Coastal birds"),
        Article(id="in-headline", body="The birds gathered on the shore.", headline="Pelicans return"),
    ])
    assert _ids(store, "pelicans")[0] == "in-headline"


@pytest.mark.parametrize(
    "query",
    ['"', 'NEAR(a b)', "*", "-", "a:b", "body:minister", "^minister", "(", ")", "AND", "OR OR", "'; DROP TABLE articles; --",
     "minister*", "\x00", "\u202e", "ü" * 600],
)
def test_search_hostile_query_never_fails(corpus_store: Store, query: str) -> None:
    with corpus_store.connect() as conn:
        page = search(conn, query)
    assert isinstance(page.hits, list)
    with corpus_store.connect() as conn:
        assert search(conn, "minister").hits  # the store is intact


def test_search_snippet_highlights_the_match(corpus_store: Store) -> None:
    with corpus_store.connect() as conn:
        hit = search(conn, "forecasters").hits[0]
    text = hit["snippet"]["text"]
    assert [text[a:b].lower() for a, b in hit["snippet"]["highlights"]] == ["forecasters"]


def test_search_pages_by_offset(store: Store) -> None:
    put_records(store, [Article(id=f"p{i:02d}", body=f"Harbour news item {i}.", headline="Harbour") for i in range(12)])
    with store.connect() as conn:
        first = search(conn, "harbour", 0, 5)
        second = search(conn, "harbour", first.next_offset or 0, 5)
        last = search(conn, "harbour", 10, 5)
    assert first.total == 12 and first.next_offset == 5
    ids = [h["id"] for h in first.hits + second.hits + last.hits]
    assert len(ids) == len(set(ids)) == 12 and last.next_offset is None


def test_search_query_parser_quotes_everything() -> None:
    query = parse_query('minister "budget talks" OR resign* NEAR(x)')
    assert fts5_expression(query) == '"minister" AND ("budget talks" OR "resign"*) AND "NEAR x"'
    assert parse_query("   ").empty and parse_query("*** ---").empty


def test_search_snippet_window_and_marks() -> None:
    body = " ".join(f"w{i}" for i in range(100)) + " The minister resigned after talks. " + " ".join(f"z{i}" for i in range(100))
    snippet = make_snippet(body, highlighter(parse_query("resigning ministers")), words=12)
    text = snippet["text"]
    assert text.startswith("\u2026") and text.endswith("\u2026") and len(text.split()) <= 13
    assert [text[a:b] for a, b in snippet["highlights"]] == ["minister", "resigned"]
    assert make_snippet("Short body.", None) == {"text": "Short body.", "highlights": []}


def test_search_scores_only_the_newest_window(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from newstrace.store import search as search_module

    old = Article(id="old", body="Pelicans nest here.", headline="Pelicans everywhere")
    newer = [Article(id=f"n{i}", body=f"A pelicans note {i}. " + "Filler text. " * 30, headline="Coast") for i in range(6)]
    put_records(store, [old, *newer])
    assert _ids(store, "pelicans")[0] == "old"  # ranked exactly: the headline match wins
    monkeypatch.setattr(search_module, "RANK_WINDOW", 4)
    ids = _ids(store, "pelicans")
    assert "old" not in ids and set(ids) == {"n2", "n3", "n4", "n5"}  # the 4 newest matches, ranked
