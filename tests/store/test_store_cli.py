"""The store commands of the CLI: ingest, stories, show, search, sources, export."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newstrace.cli import cli
from newstrace.store import open_store, put_records

from .store_synthetic import corpus_articles, corpus_links
from .store_synthetic import synthetic_inputs, write_inputs


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    store = open_store(url)
    links, stories, claims = corpus_links()
    put_records(store, corpus_articles(), links, stories, claims)
    store.close()
    return url


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_cli_ingest_summary_and_exit_codes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'i.db'}"
    good = write_inputs(tmp_path / "good.jsonl", synthetic_inputs(5))
    code, out, err = run("ingest", str(good), "--db", url, "--format", "json")
    assert code == 0 and json.loads(out)["added"] == 5 and "5 added" in err
    bad = write_inputs(tmp_path / "bad.jsonl", ["{oops"])
    code, out, err = run("ingest", str(bad), str(good), "--db", url, "--rejects", str(tmp_path / "rej.jsonl"))
    assert code == 3 and "rejected" in err and "5 already stored" in err
    assert json.loads((tmp_path / "rej.jsonl").read_text())["input"].endswith("bad.jsonl:1")
    assert run("ingest", "--db", url)[0] == 2  # no INPUT


def test_cli_ingest_bad_url_is_an_error(tmp_path: Path) -> None:
    code, _, err = run("ingest", str(tmp_path), "--db", "mysql://x@y/z")
    assert code == 1 and "unsupported store URL" in err


def test_cli_stories_jsonl_contract(db: str) -> None:
    code, out, _ = run("stories", "--db", db)
    lines = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and lines[0]["story_id"] == "story-minister"
    assert all(set(line) <= {"story_id", "article_ids", "first_published", "title"} for line in lines)
    code, out, _ = run("stories", "--db", db, "--min-articles", "2", "--format", "json")
    assert [s["story_id"] for s in json.loads(out)] == ["story-minister"]
    code, out, _ = run("stories", "--db", db, "--format", "text")
    assert "Minister resigns" in out and "ARTICLES" in out


def test_cli_show_article_story_claim_and_missing(db: str) -> None:
    code, out, _ = run("show", "ledger-1", "--db", db)
    assert code == 0 and "Minister resigned after secret budget talks" in out and "[deny, indirect]" in out
    code, out, _ = run("show", "ledger-1", "--db", db, "--format", "json")
    data = json.loads(out)
    assert data["article"]["id"] == "ledger-1" and data["link"]["story_id"] == "story-minister"
    assert {c["claim_id"] for c in data["claims"]} == {"claim-resigned", "claim-denial"}
    code, out, _ = run("show", "claim-resigned", "--db", db)
    assert code == 0 and "FIRST REPORT" in out
    code, _, err = run("show", "nope", "--db", db)
    assert code == 1 and "no article, story or claim" in err


def test_cli_search_and_sources(db: str) -> None:
    code, out, _ = run("search", "forecasters", "--db", db, "--format", "json")
    assert code == 0 and [h["id"] for h in json.loads(out)["hits"]] == ["weather-1"]
    code, out, _ = run("search", "forecasters", "--db", db)
    assert "[Forecasters]" in out
    code, out, _ = run("sources", "--db", db, "--format", "json")
    data = json.loads(out)
    ledger = next(o for o in data["outlets"] if o["outlet"] == "Daily Ledger")
    assert ledger["anonymous_share"] == 0.6 and ledger["top_sources"]
    code, out, _ = run("sources", "--db", db, "--kind", "anonymous")
    assert "two officials familiar with the talks".lower() in out.lower()


def test_cli_export_formats(db: str, tmp_path: Path) -> None:
    target = tmp_path / "a.parquet"
    code, _, err = run("export", "articles", "--db", db, "--format", "parquet", "-o", str(target))
    assert code == 0 and pq.read_table(target).num_rows == 5 and "5 articles rows" in err
    code, out, _ = run("export", "graph", "--db", db, "--format", "graphml")
    assert code == 0 and out.startswith("<?xml") and "graphml" in out
    assert run("export", "graph", "--db", db, "--format", "csv")[0] == 2
    assert run("export", "links", "--db", db, "--format", "gexf")[0] == 2


def test_cli_query_on_missing_store(tmp_path: Path) -> None:
    code, _, err = run("stories", "--db", f"sqlite:///{tmp_path / 'none.db'}")
    assert code == 1 and "no store" in err and not (tmp_path / "none.db").exists()
