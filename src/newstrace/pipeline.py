"""The pipeline runner: lazy, ordered, batched, error-aware.

A stage is a small object with a ``name`` and a ``process_batch(items) -> list`` method (one output
per input, same order). The runner chains stages over batches of items, turns ``Skip`` into a
skipped record, counts everything in ``Stats``, and either re-raises unexpected exceptions
(``errors="raise"``, the default, used by tests) or records them (``errors="record"``, used by the
CLI): the item becomes a record with ``skipped="error"`` and the error is kept in ``Stats.errors``.
With ``n_process > 1`` batches are spread over a process pool; output order still matches input.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Protocol, Sequence, TypeVar

from newstrace.errors import ConfigError, Skip
from newstrace.records import Article, RawDocument
from newstrace.settings import Settings, load_settings

LOGGER = logging.getLogger(__name__)

T = TypeVar("T")
Item = RawDocument | Article


class Stage(Protocol):
    """One pipeline step over a batch: one output per input, same order.

    An element of the result may be a ``Skip`` instead of an item: the runner turns it into a
    skipped record and counts it. A stage may also raise; the runner then retries the batch one
    item at a time so a single bad article never costs the others.
    """

    name: str

    def process_batch(self, items: Sequence[Item]) -> list[Item | Skip]: ...


class ItemStage:
    """Base for stages that work one item at a time: implement ``process``; ``Skip`` is caught."""

    name = "item"

    def process(self, item: Item) -> Item:
        raise NotImplementedError

    def process_batch(self, items: Sequence[Item]) -> list[Item | Skip]:
        out: list[Item | Skip] = []
        for item in items:
            try:
                out.append(self.process(item))
            except Skip as skip:
                out.append(skip)
        return out


@dataclass(slots=True)
class ItemError:
    """An unexpected exception raised while processing one article."""

    id: str
    source: str
    stage: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: article {self.id!r} failed in stage {self.stage!r}: {self.message}"


@dataclass(slots=True)
class Stats:
    """Counters of a run: ``seen``, ``emitted``, ``skipped.<stage>.<reason>``, stage seconds."""

    counts: Counter[str] = field(default_factory=Counter)
    seconds: Counter[str] = field(default_factory=Counter)
    errors: list[ItemError] = field(default_factory=list)

    def update(self, key: str, n: int = 1) -> None:
        self.counts[key] += n

    def merge(self, other: Stats) -> None:
        self.counts.update(other.counts)
        self.seconds.update(other.seconds)
        self.errors.extend(other.errors)

    def notes(self) -> dict[str, int]:
        """What stages counted without skipping an article (``note.<stage>.<what>``), e.g.
        ``analyze.unbalanced_quotes``: quotes dropped while the article's other attributions stay."""
        return {k.removeprefix("note."): n for k, n in sorted(self.counts.items()) if k.startswith("note.") and n}

    def skipped(self) -> dict[str, int]:
        """Skips by reason, summed over stages."""
        out: Counter[str] = Counter()
        for key, n in self.counts.items():
            if key.startswith("skipped."):
                out[key.rsplit(".", 1)[-1]] += n
        return dict(out)

    def summary(self) -> str:
        parts = [f"seen={self.counts['seen']}", f"emitted={self.counts['emitted']}"]
        skipped = self.skipped()
        if skipped:
            parts.append("skipped=" + ",".join(f"{k}:{v}" for k, v in sorted(skipped.items())))
        if self.errors:
            parts.append(f"errors={len(self.errors)}")
        notes = self.notes()
        if notes:
            parts.append("notes=" + ",".join(f"{k}:{v}" for k, v in notes.items()))
        timing = ", ".join(f"{k} {v:.2f}s" for k, v in self.seconds.items())
        return " ".join(parts) + (f" ({timing})" if timing else "")


def _collect_notes(stage: Stage, stats: Stats) -> None:
    """Move a stage's own counters (an optional ``counts`` Counter) into ``stats`` as notes."""
    counts = getattr(stage, "counts", None)
    if isinstance(counts, Counter) and counts:
        for key, n in counts.items():
            stats.update(f"note.{stage.name}.{key}", n)
        counts.clear()


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _item_id(item: Item) -> str:
    return item.id


def _item_source(item: Item) -> str:
    return (item.source if isinstance(item, RawDocument) else item.source) or item.id


def _as_skipped(item: Item, reason: str) -> Article:
    if isinstance(item, RawDocument):
        return Article.skipped_record(item, reason)
    return Article(
        id=item.id,
        url=item.url,
        headline=item.headline,
        publisher=item.publisher,
        published_at=item.published_at,
        skipped=reason,
        source=item.source,
    )


class Pipeline:
    """An ordered list of stages with one error policy and one ``Stats``."""

    def __init__(self, stages: Sequence[Stage], settings: Settings | None = None) -> None:
        self.stages = list(stages)
        self.settings = settings or load_settings()
        self.stats = Stats()

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def _run_stage_on_batch(self, stage: Stage, batch: list[Item], errors: str, stats: Stats) -> list[Item]:
        # Items already skipped by an earlier stage pass through untouched.
        live = [i for i, item in enumerate(batch) if not (isinstance(item, Article) and item.skipped)]
        if not live:
            return batch
        started = time.perf_counter()
        try:
            results = stage.process_batch([batch[i] for i in live])
        except Exception:
            # One bad article must not cost the batch: retry one by one to isolate it.
            results = [self._run_one(stage, batch[i], errors, stats) for i in live]
        stats.seconds[stage.name] += time.perf_counter() - started
        _collect_notes(stage, stats)
        out = list(batch)
        for i, result in zip(live, results):
            if isinstance(result, Skip):
                stats.update(f"skipped.{stage.name}.{result.reason}")
                result = _as_skipped(batch[i], result.reason)
            out[i] = result
        return out

    def _run_one(self, stage: Stage, item: Item, errors: str, stats: Stats) -> Item | Skip:
        try:
            return stage.process_batch([item])[0]
        except Skip as skip:
            return skip
        except Exception as exc:  # noqa: BLE001 - the error policy decides
            if errors == "raise":
                raise
            error = ItemError(_item_id(item), _item_source(item), stage.name, f"{type(exc).__name__}: {exc}")
            LOGGER.warning("%s", error)
            stats.errors.append(error)
            stats.update(f"skipped.{stage.name}.error")
            return _as_skipped(item, "error")

    def process_batch(self, batch: list[Item], errors: str, stats: Stats) -> list[Item]:
        stats.update("seen", len(batch))
        for item in batch:  # skipped before any stage ran: by ingest (too_large) or in an earlier run
            if isinstance(item, Article) and item.skipped:
                stats.update(f"skipped.input.{item.skipped}")
        for stage in self.stages:
            batch = self._run_stage_on_batch(stage, batch, errors, stats)
        stats.update("emitted", len(batch))
        return batch

    def pipe(
        self,
        items: Iterable[Item],
        *,
        batch_size: int | None = None,
        n_process: int | None = None,
        errors: str | None = None,
    ) -> Iterator[Article]:
        """Run every stage over ``items`` lazily; yield one ``Article`` per input, in input order."""
        run = self.settings.run
        batch_size = batch_size or run.batch_size
        n_process = n_process or run.n_process
        errors = errors or run.errors
        if errors not in ("raise", "record"):
            raise ConfigError(f"errors must be 'raise' or 'record', not {errors!r}")
        if n_process > 1:
            yield from self._pipe_pool(items, batch_size, n_process, errors)
            return
        for batch in batched(items, batch_size):
            for item in self.process_batch(batch, errors, self.stats):
                yield _finish(item)

    def _pipe_pool(self, items: Iterable[Item], batch_size: int, n_process: int, errors: str) -> Iterator[Article]:
        builder = _PoolState(self.stage_names, self.settings, getattr(self, "_stage_kwargs", {}))
        with ProcessPoolExecutor(max_workers=n_process, initializer=_pool_init, initargs=(builder,)) as pool:
            # Bounded look-ahead keeps memory flat: at most 2 batches in flight per worker.
            pending: list[Any] = []
            for batch in batched(items, batch_size):
                pending.append(pool.submit(_pool_run, batch, errors))
                if len(pending) >= 2 * n_process:
                    yield from self._drain(pending.pop(0))
            while pending:
                yield from self._drain(pending.pop(0))

    def _drain(self, future: Any) -> Iterator[Article]:
        results, stats = future.result()
        self.stats.merge(stats)
        for item in results:
            yield _finish(item)


def _finish(item: Item) -> Article:
    if isinstance(item, RawDocument):  # a pipeline with no cleaning stage
        raise ConfigError("the pipeline has no stage that turns raw documents into articles")
    return item


@dataclass(frozen=True, slots=True)
class _PoolState:
    stage_names: list[str]
    settings: Settings
    stage_kwargs: dict[str, Any]


_WORKER: Pipeline | None = None


def _pool_init(state: _PoolState) -> None:
    global _WORKER  # one pipeline per worker process, built once (models load here)
    _WORKER = build_pipeline(state.stage_names, state.settings, **state.stage_kwargs)


def _pool_run(batch: list[Item], errors: str) -> tuple[list[Item], Stats]:
    assert _WORKER is not None
    stats = Stats()
    return _WORKER.process_batch(batch, errors, stats), stats


def build_pipeline(stage_names: Sequence[str], settings: Settings | None = None, **stage_kwargs: Any) -> Pipeline:
    """Build a pipeline from registered stage names (see ``newstrace.registry.STAGES``)."""
    from newstrace.registry import STAGES

    settings = settings or load_settings()
    stages: list[Stage] = []
    for name in stage_names:
        if name not in STAGES:
            raise ConfigError(f"unknown stage {name!r}; known stages: {', '.join(STAGES)}")
        factory: Callable[..., Stage] = STAGES[name]
        stages.append(factory(settings, **stage_kwargs.get(name, {})))
    pipeline = Pipeline(stages, settings)
    pipeline._stage_kwargs = stage_kwargs  # type: ignore[attr-defined]
    return pipeline
