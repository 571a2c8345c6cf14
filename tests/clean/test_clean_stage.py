"""The clean stage and the CLI with boilerplate learning: profile from a first pass or a saved file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from click.testing import CliRunner

from newstrace.cli import cli
from newstrace.clean import boilerplate as bp
from newstrace.clean.stage import CleanStage
from newstrace.records import Article, RawDocument
from newstrace.settings import CleanSettings, load_settings

CHROME = "Readers of the Harbor Herald can find all of our local reporting on the website every day."
TOPICS = ["harbour budget", "school repairs", "bus routes", "park lighting", "library hours", "water rates"]


def _rows(domain: str = "harborherald.example") -> list[dict[str, Any]]:
    return [{"id": f"a{i}", "domain": domain,
             "text": f"Council debates the {t}\n\nThe council met to discuss the {t} at length.\n\n{CHROME}"}
            for i, t in enumerate(TOPICS)]


def test_stage_clean_stage_merges_extras_and_input_fields(make_raw: Callable[..., RawDocument]) -> None:
    stage = CleanStage(load_settings(environ={}))
    raw = make_raw("Head\n\nWASHINGTON (AP) — The senator spoke.", publisher="Harbor Herald")
    out = stage.process(raw)
    assert isinstance(out, Article)
    assert out.publisher == "Harbor Herald" and out.dateline == "WASHINGTON (AP)"
    assert out.extras == {"wire": "Associated Press"}
    assert out.to_dict()["extras"] == {"wire": "Associated Press"}


def test_stage_profile_bound_by_extras_domain(tmp_path: Path) -> None:
    docs = [RawDocument(id=r["id"], source="t", text=r["text"], extras={"domain": r["domain"]}) for r in _rows()]
    profile = bp.learn_profile(docs, CleanSettings(boilerplate_min_count=4))
    stage = CleanStage(load_settings(environ={}), profile=profile)
    out = stage.process(docs[0])
    assert isinstance(out, Article)
    assert CHROME not in out.body and "chrome" in [r.reason for r in out.removed]


def test_stage_saved_profile_is_loaded_from_settings(tmp_path: Path) -> None:
    docs = [RawDocument(id=r["id"], source="t", text=r["text"], extras={"domain": r["domain"]}) for r in _rows()]
    path = tmp_path / "profile.json"
    bp.save(bp.learn_profile(docs, CleanSettings(boilerplate_min_count=4)), path)
    settings = load_settings(environ={"NEWSTRACE_CLEAN_BOILERPLATE_PROFILE": str(path)})
    out = CleanStage(settings).process(docs[1])
    assert isinstance(out, Article) and CHROME not in out.body


def test_stage_cli_learns_boilerplate_in_a_first_pass(tmp_path: Path, write_jsonl: Callable[..., Path]) -> None:
    path = write_jsonl(_rows())
    runner = CliRunner()
    learned = runner.invoke(cli, ["clean", str(path), "--no-progress"], catch_exceptions=False)
    assert learned.exit_code == 0
    bodies = [json.loads(line)["body"] for line in learned.output.splitlines() if line.startswith("{")]
    assert len(bodies) == len(TOPICS) and all(CHROME not in b for b in bodies)
    plain = runner.invoke(cli, ["clean", str(path), "--no-progress"], catch_exceptions=False,
                          env={"NEWSTRACE_CLEAN_LEARN_BOILERPLATE": "false"})
    bodies = [json.loads(line)["body"] for line in plain.output.splitlines() if line.startswith("{")]
    assert all(CHROME in b for b in bodies)
