from __future__ import annotations

import time

from link_synthetic import landslide_corpus, lookalike_corpus, settings  # noqa: F401 (fixtures)
from newstrace.link import Linker, compute_signature, link_articles
from newstrace.link.dedup import BUCKET_CAP, is_near_copy
from newstrace.records import Article
from newstrace.settings import Settings

from link_synthetic import AGENCY_BODY, agency_text


def _sig(body: str, settings: Settings, id: str = "x"):  # type: ignore[no-untyped-def]
    return compute_signature(Article(id=id, body=body), settings.link)


def test_dedup_trimmed_wire_copy_with_dateline_and_edits_matches(settings: Settings) -> None:
    original = _sig("\n\n".join(AGENCY_BODY), settings)
    copy = _sig(agency_text(keep=2, edits={0: ("heavy rain", "torrential rain")}) + "\n\nRelated: Ferry timetable changes", settings)
    assert is_near_copy(original, copy) is not None


def test_dedup_two_articles_on_one_event_do_not_match(landslide_corpus: list[Article], settings: Settings) -> None:
    records, _, _ = link_articles(landslide_corpus, settings)
    by_id = {r.id: r for r in records}
    for independent in ("rw1", "rw2", "dn1", "of1"):
        assert by_id[independent].duplicate_of is None


def test_dedup_identical_bodies_under_different_ids(settings: Settings) -> None:
    body = "\n\n".join(AGENCY_BODY)
    records, _, _ = link_articles([
        Article(id="a", body=body, published_at="2026-03-05T12:00:00Z"),
        Article(id="b", body=body, published_at="2026-03-05T09:00:00Z"),
        Article(id="c", body=body),
    ], settings)
    by_id = {r.id: r for r in records}
    # The earliest by published_at is the one the others duplicate.
    assert by_id["b"].duplicate_of is None
    assert by_id["a"].duplicate_of == "b"
    assert by_id["c"].duplicate_of == "b"
    assert len({r.story_id for r in records}) == 1


def test_dedup_without_dates_earliest_is_input_order(settings: Settings) -> None:
    body = "\n\n".join(AGENCY_BODY)
    records, _, _ = link_articles([Article(id="first", body=body), Article(id="second", body=body + "\n\nShare this article")], settings)
    assert [r.duplicate_of for r in records] == [None, "first"]


def test_dedup_ten_thousand_copies_stay_linear(settings: Settings) -> None:
    body = "\n\n".join(AGENCY_BODY)
    linker = Linker(settings)
    started = time.perf_counter()
    linker.add([Article(id=f"c{i}", body=body) for i in range(10_000)])
    elapsed = time.perf_counter() - started
    records = linker.link_records()
    assert all(r.duplicate_of == "c0" for r in records[1:])
    assert len({r.story_id for r in records}) == 1
    assert max(len(b) for b in linker.dups.buckets.values()) <= BUCKET_CAP
    # Quadratic work on 10^4 copies would take minutes; linear work takes seconds.
    assert elapsed < 120
