"""Shared fixtures: synthetic articles written for these tests, a CLI runner, paths."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import CliRunner

from newstrace.records import Article, RawDocument

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"

# The DESIGN.md example (synthetic), byte for byte, including the curly quote that closes the embed.
DESIGN_EXAMPLE = (
    "Minister resigned after secret budget talks: Report\n\n"
    '<cms-video-embed data-state="{"cms.content.publishDate":1700000000000,"cms.content.updateDate":1700000000000,'
    '"rawHtml":"<div id=\\"Player_1\\"></div>\n\nvar _pl = _pl||[]; _pl.push({ "div": "Player_1", "obj": '
    '{"id":"4411","video":"90210"} }); ","_type":"a1b2"}\u201d>Video Embed\n'
    "The finance minister stepped down on Tuesday after a deal with the opposition collapsed, according to a report.\n\n"
    "SENATOR: BUDGET 'DEAD ON ARRIVAL' AFTER RESIGNATION\n\n"
    'The report cites two officials familiar with the talks. "It was over before it started," one official reportedly said.\n\n'
    "CLICK HERE TO READ MORE FROM THE DAILY LEDGER\n\n"
    "The ministry denied the report in a statement to the agency, and party officials would not confirm whether talks took place.\n\n"
    "Related Content\n"
)


@pytest.fixture
def design_example() -> str:
    return DESIGN_EXAMPLE


@pytest.fixture
def make_raw() -> Callable[..., RawDocument]:
    def _make(text: str | None = None, id: str = "t1", **kwargs: Any) -> RawDocument:
        return RawDocument(id=id, source=f"test:{id}", text=text, **kwargs)

    return _make


@pytest.fixture
def make_article() -> Callable[..., Article]:
    def _make(body: str, id: str = "a1", **kwargs: Any) -> Article:
        return Article(id=id, body=body, **kwargs)

    return _make


@pytest.fixture
def cli_runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def write_jsonl(tmp_path: Path) -> Callable[..., Path]:
    def _write(rows: list[Any], name: str = "in.jsonl") -> Path:
        path = tmp_path / name
        with path.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(row if isinstance(row, str) else json.dumps(row))
                handle.write("\n")
        return path

    return _write


def read_jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]
