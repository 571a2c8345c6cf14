"""`newstrace link` and `trace` on the sample corpus against its expected labels."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newstrace.cli import cli
from newstrace.link.meta import canonical_agency, norm_name

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
EXPECTED = ROOT / "examples" / "expected" / "corpus.json"

pytestmark = pytest.mark.skipif(not EXPECTED.exists(), reason="sample corpus not present")


def _partition(labels: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for id, label in labels.items():
        groups[label].add(id)
    return {frozenset(g) for g in groups.values()}


def _same_source(predicted: str | None, expected: str | None, aliases: list[str]) -> bool:
    if expected is None:
        return predicted is None
    if predicted is None:
        return False
    names = {norm_name(expected)} | {norm_name(a) for a in aliases}
    names |= {norm_name(canonical_agency(n) or n) for n in [expected, *aliases]}
    return norm_name(canonical_agency(predicted) or predicted) in names or norm_name(predicted) in names


@pytest.fixture(scope="module")
def linked() -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    result = CliRunner().invoke(cli, ["link", str(CORPUS)])
    assert result.exit_code == 0, result.output
    records = {r["id"]: r for r in (json.loads(x) for x in result.stdout.splitlines() if x.strip())}
    expected = {a["id"]: a for a in json.loads(EXPECTED.read_text(encoding="utf-8"))["articles"]}
    return records, expected


def test_corpus_every_article_once(linked: Any) -> None:
    records, expected = linked
    assert set(records) == set(expected)


def test_corpus_stories(linked: Any) -> None:
    records, expected = linked
    assert _partition({i: r["story_id"] for i, r in records.items()}) == _partition({i: a["story"] for i, a in expected.items()})


def test_corpus_near_copy_groups(linked: Any) -> None:
    records, expected = linked
    predicted = {i: (r["duplicate_of"] or i) for i, r in records.items()}
    assert _partition(predicted) == _partition({i: a["dup_group"] for i, a in expected.items()})


def test_corpus_origins(linked: Any) -> None:
    records, expected = linked
    wrong = []
    for id, gold in expected.items():
        got = records[id]["origin"]
        want = gold["origin"]
        if (got["type"] != want["type"] or got["article_id"] != want["article_id"]
                or not _same_source(got["source"], want["source"], gold.get("source_aliases") or [])):
            wrong.append((id, want, got))
    assert not wrong


def test_corpus_trace_of_the_main_story() -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))["articles"]
    main = [a for a in expected if a["story"] == "terminal-sale"]
    first = next(a for a in main if a["role"] == "first_report")
    denials = {a["id"] for a in main if a["role"] == "denial"}
    result = CliRunner().invoke(cli, ["trace", first["id"], str(CORPUS), "--format", "json"])
    assert result.exit_code == 0, result.output
    trace = json.loads(result.stdout)
    assert trace["first_report"]["article_id"] == first["id"]
    root = next(n for n in trace["tree"] if n["article_id"] == first["id"])
    rewrites = {a["id"] for a in main if a["origin"]["type"] == "rewrite" and a["origin"]["article_id"] == first["id"]}
    assert rewrites <= {c["article_id"] for c in root["children"]}
    assert denials <= {d["article_id"] for d in trace["reactions"]["deny"]}
