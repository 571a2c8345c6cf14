"""Headline, publisher and published time right on every article of the sample corpus (issue 3)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from newstrace.ingest import read_inputs
from newstrace.pipeline import build_pipeline
from newstrace.records import Article, RawDocument
from newstrace.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
EXPECTED = ROOT / "examples" / "expected" / "corpus.json"


def _instant(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


@pytest.fixture(scope="module")
def cleaned() -> dict[str, Article]:
    settings = load_settings(environ={})
    docs = [d for d in read_inputs([str(CORPUS)], settings.ingest) if isinstance(d, (RawDocument, Article))]
    return {a.id: a for a in build_pipeline(["clean"], settings).pipe(docs)}


@pytest.fixture(scope="module")
def expected() -> list[dict[str, Any]]:
    return list(json.loads(EXPECTED.read_text(encoding="utf-8"))["articles"])


def test_clean_corpus_metadata_matches_expected_facts(cleaned: dict[str, Article], expected: list[dict[str, Any]]) -> None:
    wrong = []
    for fact in expected:
        article = cleaned[fact["id"]]
        if article.skipped:
            wrong.append((fact["source"], "skipped", article.skipped))
            continue
        if article.headline != fact["headline"]:
            wrong.append((fact["source"], "headline", article.headline, fact["headline"]))
        if article.publisher != fact["publisher"]:
            wrong.append((fact["source"], "publisher", article.publisher, fact["publisher"]))
        if _instant(article.published_at) != _instant(fact["published_at"]):
            wrong.append((fact["source"], "published_at", article.published_at, fact["published_at"]))
    assert not wrong, wrong


def test_clean_corpus_removes_listed_junk_with_its_reason(cleaned: dict[str, Article], expected: list[dict[str, Any]]) -> None:
    missed = []
    for fact in expected:
        article = cleaned[fact["id"]]
        removed = {(r.text.strip(), r.reason) for r in article.removed}
        for junk in fact.get("junk") or []:
            if junk["text"].strip() in article.body:
                missed.append((fact["source"], "kept", junk["text"][:60]))
            elif (junk["text"].strip(), junk["reason"]) not in removed and not any(junk["text"].strip() in text for text, _ in removed):
                missed.append((fact["source"], "not listed", junk["text"][:60]))
    assert not missed, missed
