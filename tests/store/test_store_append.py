"""Appending articles: idempotent, linked, one transaction per batch, shared between writers."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from newstrace.records import Article
from newstrace.settings import load_settings
from newstrace.store import Appender, Store, put_records, read
from newstrace.store import schema as s
from newstrace.store.dump import canonical_dump

from .store_synthetic import corpus_articles, ledger_article, weather_article


def _settings():  # type: ignore[no-untyped-def]
    return load_settings(environ={})


def test_append_stores_new_and_reports_existing(store: Store) -> None:
    appender = Appender(store, _settings())
    first = appender.add([ledger_article(), weather_article()])
    assert first.added == ["ledger-1", "weather-1"] and first.existing == []
    again = appender.add([weather_article(), ledger_article("harbor-1", "Harbor Times")])
    assert again.added == ["harbor-1"] and again.existing == ["weather-1"]
    with store.connect() as conn:
        assert read.counts(conn)["articles"] == 3
        assert read.get_article(conn, "ledger-1") == ledger_article().to_dict()


def test_append_same_batch_twice_changes_nothing(store: Store) -> None:
    appender = Appender(store, _settings())
    appender.add(corpus_articles())
    before = canonical_dump(store)
    result = Appender(store, _settings()).add(corpus_articles())
    assert result.added == []
    assert canonical_dump(store) == before


def test_append_duplicate_ids_in_one_batch_keep_the_first(store: Store) -> None:
    appender = Appender(store, _settings())
    other = weather_article().with_(id="ledger-1")
    result = appender.add([ledger_article(), other])
    assert result.added == ["ledger-1"] and result.existing == ["ledger-1"]
    with store.connect() as conn:
        assert read.get_article(conn, "ledger-1")["body"] == ledger_article().body


def test_append_links_copies_into_one_story(store: Store) -> None:
    appender = Appender(store, _settings())
    appender.add([ledger_article(), weather_article()])
    appender.add([ledger_article("harbor-1", "Harbor Times")])  # a later batch joins the story
    with store.connect() as conn:
        links = read.get_links(conn, ["ledger-1", "harbor-1", "weather-1"])
        assert links["harbor-1"]["duplicate_of"] == "ledger-1"
        assert links["harbor-1"]["story_id"] == links["ledger-1"]["story_id"] != links["weather-1"]["story_id"]
        story = read.get_story(conn, links["ledger-1"]["story_id"])
        assert story is not None and story["article_ids"] == ["ledger-1", "harbor-1"]
        assert story["first_published"] == "2023-11-14T22:13:20Z"


def test_append_two_writers_see_each_other(store: Store) -> None:
    one, two = Appender(store, _settings()), Appender(store, _settings())
    one.add([ledger_article()])
    two.add([ledger_article("harbor-1", "Harbor Times")])  # reloads the state `one` wrote
    one.add([ledger_article("third-1", "Third Gazette")])  # and `one` reloads `two`'s
    with store.connect() as conn:
        links = read.get_links(conn, ["ledger-1", "harbor-1", "third-1"])
    assert {links[i]["story_id"] for i in links} == {links["ledger-1"]["story_id"]}
    assert links["third-1"]["duplicate_of"] == "ledger-1"


def test_append_failed_batch_leaves_no_trace(store: Store) -> None:
    appender = Appender(store, _settings())
    appender.add([weather_article()])
    before = canonical_dump(store)
    bad = Article(id="bad", body="x", authors=(object(),))  # type: ignore[arg-type] # not JSON-serialisable
    with pytest.raises(TypeError):
        appender.add([ledger_article(), bad])
    assert canonical_dump(store) == before
    appender.add([ledger_article()])  # the appender recovers (reloads its linker)
    with store.connect() as conn:
        assert read.counts(conn)["articles"] == 2


def test_append_rebuilds_linker_after_put_records(store: Store) -> None:
    put_records(store, [ledger_article()])
    Appender(store, _settings()).add([ledger_article("harbor-1", "Harbor Times")])
    with store.connect() as conn:
        links = read.get_links(conn, ["ledger-1", "harbor-1"])
        assert links["harbor-1"]["duplicate_of"] == "ledger-1"
        state = conn.execute(sa.select(s.linker_state.c.format, s.linker_state.c.batches)).one()
    assert state.format != "stale" and state.batches == 2


def test_append_counts_sources_per_outlet(store: Store) -> None:
    Appender(store, _settings()).add(corpus_articles())
    with store.connect() as conn:
        outlets = {o["outlet"]: o for o in read.outlet_stats(conn)}
        ledger = outlets["Daily Ledger"]
        assert (ledger["articles"], ledger["attributions"], ledger["anonymous"], ledger["denials"], ledger["direct"]) == (1, 5, 3, 1, 1)
        assert ledger["anonymous_share"] == pytest.approx(3 / 5)
        top = {(t["name"], t["kind"]): t for t in read.top_sources(conn)}
        assert top[("ministry", "organization")]["outlets"] == 2  # Ledger and Harbor Times
        assert top[("reuters", "outlet")]["mentions"] == 2
        assert "Valley Post" in outlets and outlets["Valley Post"]["articles"] == 1  # the skipped one is not counted
