"""Ray Data adapter: the same pipeline, spread over a Ray cluster (or local Ray).

The driver streams input records into Parquet partitions (one JSON string column, so nested
records need no schema), Ray Data maps every partition through a callable class that builds the
pipeline once per actor (models load in ``__init__``), and the driver streams the results back in
input order. Nothing here is home-made distribution: Ray schedules, retries and spills.

Only this module imports Ray; install it with ``pip install 'newstrace[ray]'``.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from newstrace.errors import ConfigError
from newstrace.pipeline import ItemError, Stats, batched
from newstrace.records import Article, RawDocument
from newstrace.settings import Settings, settings_from_dict, settings_to_dict

LOGGER = logging.getLogger(__name__)


def _record_to_row(seq: int, item: RawDocument | Article) -> dict[str, Any]:
    if isinstance(item, RawDocument):
        payload = {"kind": "raw", "source": item.source, "data": item.to_dict()}
    else:
        payload = {"kind": "article", "source": item.source, "data": item.to_dict()}
    return {"seq": seq, "payload": json.dumps(payload, ensure_ascii=False)}


def _row_to_record(payload: str) -> RawDocument | Article:
    data = json.loads(payload)
    if data["kind"] == "raw":
        return RawDocument.from_dict(data["data"], source=data["source"])
    return Article.from_dict(data["data"]).with_(source=data["source"])


class PipelineActor:
    """A Ray Data callable class: builds the pipeline once, maps a batch of rows through it."""

    def __init__(self, stages: Sequence[str], settings: dict[str, Any], stage_kwargs: dict[str, Any], errors: str) -> None:
        from newstrace.pipeline import build_pipeline

        self.pipeline = build_pipeline(list(stages), settings_from_dict(settings), **stage_kwargs)
        self.errors = errors

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        items = [_row_to_record(p) for p in batch["payload"]]
        stats = Stats()
        results = self.pipeline.process_batch(items, self.errors, stats)
        out = [json.dumps(r.to_dict(), ensure_ascii=False) for r in results]  # type: ignore[union-attr]
        by_id = {e.id: str(e) for e in stats.errors}
        errors = [by_id.get(r.id, "") if getattr(r, "skipped", None) == "error" else "" for r in results]
        return {"seq": list(batch["seq"]), "article": out, "errors": errors}


def ray_pipe(
    items: Iterable[RawDocument | Article],
    stages: Sequence[str],
    settings: Settings,
    *,
    address: str | None = None,
    stage_kwargs: dict[str, Any] | None = None,
    errors: str = "record",
    partition_rows: int = 5_000,
    workdir: str | None = None,
    stats: Stats | None = None,
) -> Iterator[Article]:
    """Run ``stages`` over ``items`` on Ray Data; yield one ``Article`` per input in input order.

    ``address`` is a Ray cluster address (``ray://host:10001`` or ``auto``); None starts a local
    Ray with ``settings.run.n_process`` CPUs. Partitions are written under ``workdir`` (a temporary
    directory by default; on a cluster give a path every node can read).
    """
    try:
        import ray
    except ImportError:
        raise ConfigError("--engine ray needs Ray: pip install 'newstrace[ray]'") from None

    stats = stats if stats is not None else Stats()
    own_dir = workdir is None
    base = Path(workdir or tempfile.mkdtemp(prefix="newstrace-ray-"))
    in_dir = base / "input"
    in_dir.mkdir(parents=True, exist_ok=True)
    n_rows = _write_partitions(items, in_dir, partition_rows)
    if n_rows == 0:
        return
    if not ray.is_initialized():
        if address:
            ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING)
        else:
            # One CPU more than the actors take, or the Parquet read tasks starve behind them.
            ray.init(num_cpus=max(1, settings.run.n_process) + 1, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False  # stderr belongs to newstrace's own progress and errors
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    dataset = ray.data.read_parquet(str(in_dir), num_cpus=0.25)
    mapped = dataset.map_batches(
        PipelineActor,
        fn_constructor_kwargs={
            "stages": list(stages),
            "settings": settings_to_dict(settings),
            "stage_kwargs": stage_kwargs or {},
            "errors": errors,
        },
        batch_size=settings.run.batch_size,
        compute=ray.data.ActorPoolStrategy(size=max(1, settings.run.n_process)),
        batch_format="numpy",
    )
    expected = 0
    for batch in mapped.iter_batches(batch_size=settings.run.batch_size, batch_format="numpy"):
        for seq, article, err in zip(batch["seq"], batch["article"], batch["errors"]):
            if int(seq) != expected:
                raise RuntimeError(f"ray output out of order: got row {seq}, expected {expected}")
            expected += 1
            record = Article.from_dict(json.loads(str(article)))
            if str(err):
                stats.errors.append(ItemError(record.id, record.id, "ray", str(err)))
            stats.update("seen")
            stats.update("emitted")
            if record.skipped:
                stats.update(f"skipped.ray.{record.skipped}")
            yield record
    if own_dir:
        _remove_tree(base)


def _write_partitions(items: Iterable[RawDocument | Article], folder: Path, partition_rows: int) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    seq = 0
    for part, batch in enumerate(batched(items, partition_rows)):
        rows = [_record_to_row(seq + i, item) for i, item in enumerate(batch)]
        seq += len(rows)
        table = pa.table({"seq": [r["seq"] for r in rows], "payload": [r["payload"] for r in rows]})
        pq.write_table(table, folder / f"part-{part:06d}.parquet")
    return seq


def _remove_tree(path: Path) -> None:
    for root, dirs, files in os.walk(path, topdown=False):
        for name in files:
            os.unlink(os.path.join(root, name))
        for name in dirs:
            os.rmdir(os.path.join(root, name))
    os.rmdir(path)
