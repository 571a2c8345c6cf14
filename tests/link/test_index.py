from __future__ import annotations

import pytest

from link_synthetic import landslide_corpus, lookalike_corpus, settings  # noqa: F401 (fixtures)
from newstrace.errors import ConfigError
from newstrace.link import Linker, link_articles
from newstrace.records import Article
from newstrace.settings import Settings


def test_index_lookalike_events_stay_apart(lookalike_corpus: list[Article], settings: Settings) -> None:
    records, stories, _ = link_articles(lookalike_corpus, settings)
    story = {r.id: r.story_id for r in records}
    assert story["q1a"] == story["q1b"] == story["q1c"]
    assert story["q2a"] == story["q2b"]
    assert story["q1a"] != story["q2a"]
    assert not {story["q1a"], story["q2a"]} & {story[b] for b in ("b1", "b2", "b3", "b4", "b5", "b6")}


def test_index_story_lines_have_members_and_first_published(lookalike_corpus: list[Article], settings: Settings) -> None:
    _, stories, _ = link_articles(lookalike_corpus, settings)
    first = next(s for s in stories if "q1a" in s.article_ids)
    assert first.article_ids[0] == "q1a"
    assert first.first_published == "2026-02-02T06:00:00Z"


def test_index_incremental_add_keeps_story_ids(landslide_corpus: list[Article], settings: Settings) -> None:
    linker = Linker(settings)
    early = linker.add(landslide_corpus[:3])
    story = early[0].story_id
    later = linker.add(landslide_corpus[3:])
    assert {r.id: r.story_id for r in later}["rw1"] == story
    assert [r.story_id for r in linker.link_records()[:3]] == [story] * 3


def test_index_dump_and_load_round_trip_continues(landslide_corpus: list[Article], settings: Settings) -> None:
    linker = Linker(settings)
    linker.add(landslide_corpus[:4])
    data = linker.dump()
    restored = Linker.load(data, settings)
    assert [r.to_dict() for r in restored.link_records()] == [r.to_dict() for r in linker.link_records()]
    restored.add(landslide_corpus[4:])
    linker.add(landslide_corpus[4:])
    assert [r.to_dict() for r in restored.link_records()] == [r.to_dict() for r in linker.link_records()]
    assert [c.to_dict() for c in restored.claims()] == [c.to_dict() for c in linker.claims()]


def test_index_load_rejects_foreign_bytes(settings: Settings) -> None:
    with pytest.raises(ConfigError):
        Linker.load(b"not an index", settings)


def test_index_skipped_empty_and_one_line_articles(settings: Settings) -> None:
    records, stories, _ = link_articles([
        Article(id="skip", skipped="empty"),
        Article(id="blank", body="   "),
        Article(id="one", body="Ferry service resumes."),
        Article(id="one-b", body="Council meets on Thursday."),
    ], settings)
    assert [r.id for r in records] == ["skip", "blank", "one", "one-b"]
    assert records[0].skipped == "empty"
    assert len({r.story_id for r in records}) == 4  # each alone, each with a story id
    assert all(r.story_id for r in records)
    assert sum(len(s.article_ids) for s in stories) == 4


def test_index_trace_tree_and_json(landslide_corpus: list[Article], settings: Settings) -> None:
    linker = Linker(settings)
    linker.add(landslide_corpus)
    trace = linker.trace("cp1")
    assert trace is not None
    data = trace.to_dict()
    assert data["first_report"]["article_id"] == "rt1"
    root = next(n for n in data["tree"] if n["article_id"] == "rt1")
    assert {c["article_id"] for c in root["copies"]} == {"cp1", "cp2"}
    assert "rw1" in {c["article_id"] for c in root["children"]}
    text = trace.to_text()
    assert "First report: 2026-03-05T09:00:00Z  Reuters [rt1]" in text
    assert "2 copies of this story (one source)" in text
    assert linker.trace("no-such-id") is None
    # A rewrite of an outlet outside the input hangs under a node for that outlet.
    cited = linker.trace("rw2").to_dict()
    gazette = next(n for n in cited["tree"] if n["outlet"] == "Fernhollow Gazette")
    assert gazette["in_corpus"] is False
    assert "rw2" in {c["article_id"] for c in gazette["children"]}
    assert [r["article_id"] for r in linker.trace("dn1").to_dict()["reactions"]["deny"]] == ["dn1"]
    assert linker.trace(data["story_id"]).to_dict()["first_report"]["article_id"] == "rt1"


def test_index_quote_reuse_has_one_earliest_appearance(landslide_corpus: list[Article], settings: Settings) -> None:
    linker = Linker(settings)
    linker.add(landslide_corpus)
    quotes = linker.trace("rt1").to_dict()["quotes"]
    train = [q for q in quotes if q["quote"].startswith("We heard a noise like a train")]
    assert len(train) == 1
    assert train[0]["first_article_id"] == "rt1"
    assert set(train[0]["article_ids"]) >= {"rt1", "cp1", "cp2"}


def test_index_trace_text_says_one_copy_not_one_copies(landslide_corpus: list[Article], settings: Settings) -> None:
    linker = Linker(settings)
    linker.add([a for a in landslide_corpus if a.id != "cp2"])  # the agency story and one copy
    text = linker.trace("rt1").to_text()
    assert "1 copy of this story (one source)" in text
    assert "1 copies" not in text
