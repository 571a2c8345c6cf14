from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from click.testing import CliRunner

from newstrace.cli import cli
from link_synthetic import AGENCY_BODY, agency_text


def _rows() -> list[dict[str, Any]]:
    return [
        {"id": "rt1", "text": "Landslide cuts off Fernhollow\n\n" + agency_text() + "\n\nCopyright 2026 Reuters. All rights reserved.",
         "publisher": "Reuters", "published_at": "2026-03-05T09:00:00Z"},
        {"id": "cp1", "text": "Valley town cut off\n\nPublished 5:30 a.m. ET, March 5, 2026\n\n" + agency_text(keep=3)
         + "\n\nClick here to read more from The Lakeside Courier"},
        {"id": "rw1", "text": "Landslide strands 900, Reuters says\n\nAround 900 people in Fernhollow have been cut off by a landslide on the Quillan valley road, Reuters reported on Tuesday.\n\n"
         "The agency said engineers hoped to reopen one lane of the valley road by Friday.", "publisher": "Northgate Daily", "published_at": "2026-03-05T13:00:00Z"},
        {"id": "empty", "text": ""},
        {"id": "dup-body", "text": "Landslide cuts off Fernhollow\n\n" + "\n\n".join(AGENCY_BODY), "published_at": "2026-03-05T16:00:00Z"},
    ]


def test_cli_link_one_line_per_input_in_order(cli_runner: CliRunner, write_jsonl: Callable[..., Path], tmp_path: Path) -> None:
    path = write_jsonl(_rows())
    claims, stories = tmp_path / "claims.jsonl", tmp_path / "stories.jsonl"
    result = cli_runner.invoke(cli, ["link", str(path), "--claims", str(claims), "--stories", str(stories)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert [x["id"] for x in lines] == ["rt1", "cp1", "rw1", "empty", "dup-body"]
    by_id = {x["id"]: x for x in lines}
    assert set(by_id["rt1"]) >= {"id", "story_id", "duplicate_of", "origin"}
    assert by_id["cp1"]["origin"] == {"type": "wire_copy", "source": "Reuters", "article_id": "rt1"}
    assert by_id["cp1"]["duplicate_of"] == "rt1"
    assert by_id["dup-body"]["duplicate_of"] == "rt1"
    assert by_id["rw1"]["origin"]["type"] == "rewrite"
    assert by_id["empty"]["skipped"] == "empty"
    assert by_id["empty"]["story_id"] not in {by_id[i]["story_id"] for i in ("rt1", "cp1", "rw1")}
    claim_lines = [json.loads(x) for x in claims.read_text().splitlines()]
    assert all(set(c) >= {"claim_id", "text", "articles", "first_article_id"} for c in claim_lines)
    assert all(set(a) == {"id", "stance", "source"} for c in claim_lines for a in c["articles"])
    story_lines = [json.loads(x) for x in stories.read_text().splitlines()]
    assert sorted(i for s in story_lines for i in s["article_ids"]) == sorted(by_id)
    main = next(s for s in story_lines if "rt1" in s["article_ids"])
    assert main["first_published"] == "2026-03-05T09:00:00Z"


def test_cli_link_accepts_analyze_records(cli_runner: CliRunner, write_jsonl: Callable[..., Path]) -> None:
    body = "The council denied the report about the ferry.\n\nIt said the ferry would run all week."
    record = {"id": "an1", "body": body, "headline": "Council denies ferry report", "publisher": "Tarnwick Herald",
              "attributions": [{"source": {"text": "The council", "start": 0, "end": 11, "kind": "organization"},
                                "cue": {"text": "denied", "start": 12, "end": 18},
                                "content": {"text": "the report about the ferry", "start": 19, "end": 45},
                                "type": "indirect", "stance": "deny"}]}
    result = cli_runner.invoke(cli, ["link", str(write_jsonl([record]))])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.splitlines()[0])["origin"]["type"] == "original"


def test_cli_trace_text_json_and_unknown_id(cli_runner: CliRunner, write_jsonl: Callable[..., Path]) -> None:
    path = write_jsonl(_rows())
    text = cli_runner.invoke(cli, ["trace", "cp1", str(path)])
    assert text.exit_code == 0, text.output
    assert "First report:" in text.stdout and "[rt1]" in text.stdout
    as_json = cli_runner.invoke(cli, ["trace", "rt1", str(path), "--format", "json"])
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout)["first_report"]["article_id"] == "rt1"
    missing = cli_runner.invoke(cli, ["trace", "nope", str(path)])
    assert missing.exit_code == 2
