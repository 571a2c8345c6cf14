"""The Ray Data engine gives the same records, in the same order, as the local engine."""

from __future__ import annotations

import pytest

ray = pytest.importorskip("ray", reason="Ray is an optional extra: pip install 'newstrace[ray]'")

from newstrace.pipeline import Stats, build_pipeline  # noqa: E402
from newstrace.records import RawDocument  # noqa: E402
from newstrace.scale.ray import ray_pipe  # noqa: E402
from newstrace.settings import load_settings  # noqa: E402


@pytest.mark.slow
def test_ray_pipe_matches_local_engine() -> None:
    docs = [
        RawDocument(id=f"d{i}", source=f"test:{i}", text=f"Council vote {i}\n\nThe council voted {i} times on Monday, the mayor said.")
        for i in range(40)
    ] + [RawDocument(id="empty", source="test:empty", text="   ")]
    settings = load_settings(overrides={"run.n_process": 2, "run.batch_size": 8}, environ={})
    local = [a.to_dict() for a in build_pipeline(["clean"], settings).pipe(docs)]
    stats = Stats()
    try:
        remote = [a.to_dict() for a in ray_pipe(docs, ["clean"], settings, partition_rows=16, stats=stats)]
    finally:
        ray.shutdown()
    assert remote == local
    assert stats.counts["emitted"] == len(docs)
    assert remote[-1]["skipped"] == "empty"
