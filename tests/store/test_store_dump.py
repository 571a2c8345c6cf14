"""The canonical dump compares stores by content."""

from __future__ import annotations

from newstrace.store import Store, open_store, put_records
from newstrace.store.dump import canonical_dump

from .store_synthetic import corpus_articles, corpus_links


def test_dump_equal_for_equal_content_and_differs_otherwise(store_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    one = open_store(store_url)
    two = open_store(f"sqlite:///{tmp_path / 'other.db'}")
    links, stories, claims = corpus_links()
    for store in (one, two):
        put_records(store, corpus_articles(), links, stories, claims)
    assert canonical_dump(one) == canonical_dump(two)  # also across SQLite and PostgreSQL
    put_records(two, [], [], [stories[0].__class__("story-new", ("ledger-1",))])
    assert canonical_dump(one) != canonical_dump(two)
    one.close()
    two.close()


def test_dump_leaves_out_the_run_log(store: Store) -> None:
    from newstrace.store.ingest import _start_run

    before = canonical_dump(store)
    _start_run(store, "run-1", ["x.jsonl"])
    assert canonical_dump(store) == before
