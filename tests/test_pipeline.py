"""Pipeline runner: stage counters surface in ``Stats`` as notes, skips are counted per reason."""

from __future__ import annotations

from collections import Counter

from newstrace.errors import Skip
from newstrace.pipeline import Pipeline, Stats
from newstrace.records import Article
from newstrace.settings import load_settings


class _CountingStage:
    """A real stage shape: counts something per article and skips the empty ones."""

    name = "count"

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def process_batch(self, items: list[Article]) -> list[Article | Skip]:
        out: list[Article | Skip] = []
        for item in items:
            self.counts["odd_quotes"] += item.body.count('"') % 2
            out.append(item if item.body else Skip("empty"))
        return out


def _article(id: str, body: str) -> Article:
    return Article(id=id, body=body)


def test_pipeline_stage_counts_become_notes_and_are_not_counted_twice() -> None:
    pipeline = Pipeline([_CountingStage()], load_settings())
    items = [_article("a", 'He said "yes.'), _article("b", "fine"), _article("c", "")]
    out = list(pipeline.pipe(items, batch_size=2))
    assert [a.id for a in out] == ["a", "b", "c"]
    assert out[2].skipped == "empty"
    assert pipeline.stats.notes() == {"count.odd_quotes": 1}
    assert pipeline.stats.skipped() == {"empty": 1}
    assert "notes=count.odd_quotes:1" in pipeline.stats.summary()


def test_pipeline_stats_notes_merge_across_workers() -> None:
    first, second = Stats(), Stats()
    first.update("note.analyze.unbalanced_quotes", 2)
    second.update("note.analyze.unbalanced_quotes", 3)
    first.merge(second)
    assert first.notes() == {"analyze.unbalanced_quotes": 5}
