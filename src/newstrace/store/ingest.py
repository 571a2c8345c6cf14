"""``newstrace ingest``: read inputs, run the pipeline, link, and store, one committed batch at a time.

Idempotent: an input whose id (the input's own id, else a content hash) is already stored is not
processed again, so ingesting the same input twice changes no data. Resumable: batches are formed
from the stream of *new* articles after the pipeline, so a run killed at any point (each batch is
one transaction: all of it is stored or none) and then re-run forms exactly the batches the
uninterrupted run would have formed from that point on, and the linker sees the same sequence of
``add`` calls: both runs end with the same database. Incremental: new articles go to the same
linker (restored from the store), so they join existing stories and claims.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Iterator, Sequence

import sqlalchemy as sa

from newstrace.errors import InputError
from newstrace.pipeline import ItemError, batched, build_pipeline
from newstrace.records import Article, RawDocument
from newstrace.settings import Settings
from newstrace.store import schema as s
from newstrace.store.append import Appender
from newstrace.store.base import Store
from newstrace.store.rows import dumps

LOGGER = logging.getLogger(__name__)


@dataclass
class IngestProgress:
    """Counters of a running ingest; ``total`` is the number of new inputs when known."""

    total: int | None = None
    read: int = 0
    unchanged: int = 0
    processed: int = 0
    added: int = 0
    skipped: int = 0
    rejected: int = 0
    errors: int = 0
    batches: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started


@dataclass
class IngestSummary:
    run_id: str
    progress: IngestProgress
    rejections: list[InputError] = field(default_factory=list)
    item_errors: list[ItemError] = field(default_factory=list)
    pipeline_summary: str = ""

    @property
    def ok(self) -> bool:
        return not self.rejections and not self.item_errors

    def to_dict(self) -> dict[str, Any]:
        p = self.progress
        return {
            "run_id": self.run_id, "read": p.read, "added": p.added, "unchanged": p.unchanged,
            "skipped": p.skipped, "rejected": p.rejected, "errors": p.errors, "batches": p.batches,
            "seconds": round(p.elapsed, 3),
        }


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def stored_ids(store: Store) -> set[str]:
    with store.connect() as conn:
        return {r[0] for r in conn.execute(sa.select(s.articles.c.id))}


def _learn(paths: Sequence[str], settings: Settings, known: set[str], progress: IngestProgress) -> Any:
    """One pass over re-readable inputs: count the new ones and learn the boilerplate profile.

    The profile is learnt from *all* inputs (stored or not), so a resumed run cleans exactly as
    the first run did.
    """
    from newstrace.ingest import read_inputs

    total = 0
    seen: set[str] = set()

    def docs() -> Iterator[RawDocument]:
        nonlocal total
        for item in read_inputs(paths, settings.ingest):
            if isinstance(item, InputError):
                continue
            if item.id not in known and item.id not in seen:
                seen.add(item.id)
                total += 1
            if isinstance(item, RawDocument):
                yield item

    profile = None
    learn = None
    if settings.clean.learns_boilerplate:  # a saved profile loads in the clean stage
        try:
            from newstrace.clean.boilerplate import learn_profile as learn  # type: ignore[import-not-found,no-redef]
        except ImportError:
            learn = None
    if learn is not None:
        profile = learn(docs(), settings.clean)
    else:
        for _ in docs():
            pass
    progress.total = total
    return profile


def ingest(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    *,
    batch_size: int | None = None,
    on_progress: Callable[[IngestProgress], None] | None = None,
    on_reject: Callable[[InputError], None] | None = None,
    on_error: Callable[[ItemError], None] | None = None,
) -> IngestSummary:
    """Run the whole pipeline over ``paths`` into ``store``; see the module docstring."""
    from newstrace.ingest import read_inputs

    progress = IngestProgress()
    summary = IngestSummary(uuid.uuid4().hex, progress)
    _start_run(store, summary.run_id, paths)
    status = "failed"
    try:
        known = stored_ids(store)
        profile = None
        if "-" not in paths:
            profile = _learn(paths, settings, known, progress)
        kwargs: dict[str, Any] = {"clean": {"profile": profile}} if profile is not None else {}
        pipeline = build_pipeline(["clean", "analyze"], settings, **kwargs)
        appender = Appender(store, settings)
        seen: set[str] = set()

        def new_items() -> Iterator[RawDocument | Article]:
            for item in read_inputs(paths, settings.ingest):
                if isinstance(item, InputError):
                    progress.rejected += 1
                    summary.rejections.append(item)
                    if on_reject:
                        on_reject(item)
                    continue
                progress.read += 1
                if item.id in known or item.id in seen:
                    progress.unchanged += 1
                    continue
                seen.add(item.id)
                yield item

        def analysed() -> Iterator[Article]:
            reported = 0
            for article in pipeline.pipe(new_items(), batch_size=batch_size, errors="record"):
                progress.processed += 1
                errors = pipeline.stats.errors
                while reported < len(errors):
                    summary.item_errors.append(errors[reported])
                    progress.errors += 1
                    if on_error:
                        on_error(errors[reported])
                    reported += 1
                if article.skipped == "error" and any(e.id == article.id for e in errors):
                    continue  # counted like a rejection; a re-run tries it again
                yield article

        for batch in batched(analysed(), batch_size or settings.store.commit_batch):
            result = appender.add(batch)
            progress.added += len(result.added)
            progress.unchanged += len(result.existing)
            added = set(result.added)
            progress.skipped += sum(1 for a in batch if a.skipped and a.id in added)
            progress.batches += 1
            if on_progress:
                on_progress(progress)
        summary.pipeline_summary = pipeline.stats.summary()
        status = "completed"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        _finish_run(store, summary, status)
    return summary


def _start_run(store: Store, run_id: str, paths: Iterable[str]) -> None:
    row = {
        "run_id": run_id, "started_at": _now(), "finished_at": None, "status": "running",
        "inputs": dumps(list(paths)), "read": 0, "added": 0, "unchanged": 0, "skipped": 0,
        "rejected": 0, "errors": 0, "batches": 0,
    }
    with store.write() as conn:
        conn.execute(s.ingest_runs.insert().values(**row))


def _finish_run(store: Store, summary: IngestSummary, status: str) -> None:
    values = summary.to_dict()
    values.pop("seconds")
    values.pop("run_id")
    try:
        with store.write() as conn:
            conn.execute(
                s.ingest_runs.update()
                .where(s.ingest_runs.c.run_id == summary.run_id)
                .values(status=status, finished_at=_now(), **values)
            )
    except Exception:  # noqa: BLE001 - the run's own outcome matters more than its log line
        LOGGER.warning("could not record the end of ingest run %s", summary.run_id, exc_info=True)
