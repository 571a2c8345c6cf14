"""``ingest``: the whole pipeline into the store; idempotent, incremental, resumable after SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from newstrace.settings import load_settings
from newstrace.store import Store, ingest, open_store, read
from newstrace.store.dump import canonical_dump

from .store_synthetic import synthetic_inputs, write_inputs



def _settings():  # type: ignore[no-untyped-def]
    return load_settings(environ={})


def test_ingest_twice_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = write_inputs(tmp_path / "in.jsonl", synthetic_inputs(12))
    first = ingest([str(path)], store, _settings(), batch_size=4)
    assert (first.progress.added, first.progress.batches, first.ok) == (12, 3, True)
    before = canonical_dump(store)
    second = ingest([str(path)], store, _settings(), batch_size=4)
    assert (second.progress.added, second.progress.unchanged, second.progress.batches) == (0, 12, 0)
    assert canonical_dump(store) == before
    with store.connect() as conn:
        runs = conn.execute(sa.text("SELECT status, added FROM ingest_runs ORDER BY started_at")).all()
    assert [tuple(r) for r in runs] == [("completed", 12), ("completed", 0)]


def test_ingest_is_incremental(store: Store, tmp_path: Path) -> None:
    rows = synthetic_inputs(10)
    one = write_inputs(tmp_path / "one.jsonl", rows[:6])
    copy = dict(rows[0], id="late-copy", publisher="Late Gazette")  # verbatim copy of an old article
    two = write_inputs(tmp_path / "two.jsonl", rows[6:] + [copy])
    ingest([str(one)], store, _settings())
    ingest([str(two)], store, _settings())
    with store.connect() as conn:
        links = read.get_links(conn, ["in-0000", "late-copy"])
        story = read.get_story(conn, links["in-0000"]["story_id"])
    assert links["late-copy"]["duplicate_of"] == "in-0000"
    assert story is not None and "late-copy" in story["article_ids"]


def test_ingest_counts_rejects_and_skips(store: Store, tmp_path: Path) -> None:
    rows: list[Any] = synthetic_inputs(3) + ["{not json", {"id": "blank", "text": "   "}, {"id": "in-0000", "text": "dup id"}]
    path = write_inputs(tmp_path / "in.jsonl", rows)
    rejected: list[str] = []
    summary = ingest([str(path)], store, _settings(), on_reject=lambda e: rejected.append(e.source))
    p = summary.progress
    assert (p.read, p.added, p.skipped, p.rejected, p.unchanged) == (5, 4, 1, 1, 1)
    assert rejected == [f"{path}:4"] and not summary.ok
    with store.connect() as conn:
        assert read.get_article(conn, "blank")["skipped"] == "empty"
        assert read.get_article(conn, "in-0000")["body"] != "dup id"  # the first occurrence wins


# --- resumable: SIGKILL at several points, then re-run --------------------------------------------


def _count(url: str) -> int:
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.text("SELECT count(*) FROM articles")).scalar_one())
    except sa.exc.SQLAlchemyError:
        return -1
    finally:
        engine.dispose()


def _ingest_cmd(path: Path, url: str) -> list[str]:
    return [sys.executable, "-m", "newstrace", "ingest", str(path), "--db", url, "--batch-size", "3", "--no-progress"]


def _run_and_kill(path: Path, url: str, at_articles: int, tmp_path: Path) -> None:
    env = dict(os.environ, NEWSTRACE_RUN_N_PROCESS="1")
    proc = subprocess.Popen(_ingest_cmd(path, url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=tmp_path)
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if at_articles < 0 or _count(url) >= at_articles:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


@pytest.mark.slow
def test_ingest_resumes_after_sigkill_to_the_same_database(store_url: str, tmp_path: Path) -> None:
    rows = synthetic_inputs(150)
    path = write_inputs(tmp_path / "in.jsonl", rows)
    reference_url = f"sqlite:///{tmp_path / 'reference.db'}"
    done = subprocess.run(_ingest_cmd(path, reference_url), capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    reference = open_store(reference_url, create=False)
    expected = canonical_dump(reference)
    reference.close()

    # Killed: almost at once, then after some batches, then later (each time resuming the last).
    for at in (-1, 20, 90):
        _run_and_kill(path, store_url, at, tmp_path)
    finish = subprocess.run(_ingest_cmd(path, store_url), capture_output=True, text=True, cwd=tmp_path)
    assert finish.returncode == 0, finish.stderr
    resumed = open_store(store_url, create=False)
    got = canonical_dump(resumed)
    with resumed.connect() as conn:
        statuses = [r[0] for r in conn.execute(sa.text("SELECT status FROM ingest_runs"))]
    resumed.close()
    assert got == expected
    assert statuses.count("completed") == 1 and len(statuses) >= 2  # killed runs stay "running" in the log
