"""The bundled sample corpus (examples/corpus) and its expected facts (examples/expected/corpus.json).

Later stages assert against the expected facts, so these tests make sure the corpus reads cleanly,
covers every input format and content case, and that the facts file is complete, fresh and
consistent with itself (stories, duplicate groups, provenance references).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from newstrace.errors import InputError
from newstrace.ingest import read_inputs
from newstrace.records import RawDocument

from conftest import CORPUS, DESIGN_EXAMPLE, ROOT

EXAMPLES = ROOT / "examples"
EXPECTED_PATH = EXAMPLES / "expected" / "corpus.json"
AGENCIES = {"AP", "Reuters", "AFP"}


def _load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _key(source: str) -> str:
    return source[len(str(CORPUS)) + 1 :]


@pytest.fixture(scope="module")
def ingested() -> list[RawDocument | InputError]:
    return list(read_inputs([str(CORPUS)]))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def docs(ingested: list[Any]) -> list[RawDocument]:
    return [d for d in ingested if isinstance(d, RawDocument)]


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return json.loads(EXPECTED_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def by_id(expected: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in expected["articles"]}


def test_corpus_reads_without_rejections(ingested: list[Any]) -> None:
    rejected = [str(i) for i in ingested if isinstance(i, InputError)]
    assert rejected == []
    assert all(isinstance(i, RawDocument) for i in ingested)


def test_corpus_has_enough_articles_with_unique_ids(docs: list[RawDocument]) -> None:
    assert 32 <= len(docs) <= 40
    counts = Counter(d.id for d in docs)
    assert [i for i, n in counts.items() if n > 1] == []


def test_corpus_covers_every_input_format(docs: list[RawDocument]) -> None:
    names = {_key(d.source).split(":", 1)[0] for d in docs}
    suffixes = Counter(n.split(".", 1)[1] for n in names)
    assert set(suffixes) == {"txt", "html", "jsonl", "jsonl.gz", "warc.gz"}
    assert suffixes["html"] >= 4
    by_format = Counter(_key(d.source).split(":", 1)[0].split(".", 1)[1] for d in docs)
    assert by_format["jsonl"] >= 5 and by_format["jsonl.gz"] >= 2 and by_format["warc.gz"] >= 3
    jsonl = [d for d in docs if ".jsonl" in d.source]
    assert any(d.html is not None for d in jsonl), "some JSONL line must carry 'html'"
    assert any(d.text is not None for d in jsonl)
    assert any(d.url is None for d in jsonl) and any(d.url for d in jsonl)
    assert any(d.published_at is None for d in jsonl) and any(d.title for d in jsonl)


def test_corpus_warc_has_a_non_html_record() -> None:
    from warcio.archiveiterator import ArchiveIterator

    with open(CORPUS / "tavish_bay_herald_crawl.warc.gz", "rb") as handle:
        types = [
            (r.rec_type, r.http_headers.get_header("Content-Type") if r.http_headers else None)
            for r in ArchiveIterator(handle)
        ]
    html = [t for t in types if t[0] == "response" and t[1] and t[1].startswith("text/html")]
    other = [t for t in types if t[0] == "response" and t[1] and not t[1].startswith("text/html")]
    assert len(html) == 3 and len(other) >= 1
    assert ("warcinfo", None) in types and any(t[0] == "request" for t in types)


def test_corpus_design_example_is_byte_for_byte() -> None:
    assert (CORPUS / "design_example.txt").read_bytes() == DESIGN_EXAMPLE.encode("utf-8")


def test_corpus_raw_text_files_carry_cms_residue() -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
    joined = "\n".join(texts.values())
    embeds = [n for n, t in texts.items() if "<cms-video-embed" in t and "\u201d>Video Embed" in t]
    assert len(embeds) >= 4
    for name in embeds:  # every embed spans lines with a blank line or script inside, like DESIGN.md's
        embed = texts[name].split("<cms-video-embed", 1)[1].split("Video Embed", 1)[0]
        assert "\n" in embed and "publishDate" in embed and ("<script" in embed or "var " in embed)
    for marker in ("CLICK HERE TO READ MORE FROM THE", "Related Content", "Read more:", "By ", "Published ",
                   "Updated ", " GMT, ", " ET, ", "Copyright", "\u00a9", "(Photo", "Subscribe", "Share ",
                   "(AP) \u2014", "Advertisement"):
        assert marker in joined, marker


def test_corpus_expected_covers_every_article_with_matching_ids(docs: list[RawDocument], expected: dict[str, Any]) -> None:
    articles = expected["articles"]
    assert [a["source"] for a in articles] == [_key(d.source) for d in docs]  # input order
    assert [a["id"] for a in articles] == [d.id for d in docs]
    for article, doc in zip(articles, docs):
        if article["format"].startswith("jsonl"):
            assert article["input_id"] == doc.id
        else:
            assert article["input_id"] is None and len(doc.id) == 20  # a content-hash id


def test_corpus_expected_file_is_fresh() -> None:
    result = subprocess.run([sys.executable, str(EXAMPLES / "build_expected.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_corpus_generators_reproduce_committed_archives(tmp_path: Path) -> None:
    _load_script("make_corpus_warc").main(["--out", str(tmp_path / "crawl.warc.gz")])
    assert (tmp_path / "crawl.warc.gz").read_bytes() == (CORPUS / "tavish_bay_herald_crawl.warc.gz").read_bytes()
    _load_script("make_corpus_feeds").main(["--out-dir", str(tmp_path)])
    for name in ("newswire_feed.jsonl", "archive_feed.jsonl.gz"):
        assert (tmp_path / name).read_bytes() == (CORPUS / name).read_bytes(), name
    with gzip.open(CORPUS / "archive_feed.jsonl.gz", "rt", encoding="utf-8") as handle:
        assert all(json.loads(line)["id"] for line in handle)


def test_corpus_expected_fields_are_well_formed(expected: dict[str, Any]) -> None:
    from datetime import datetime

    kinds = {"person", "organization", "outlet", "official", "anonymous", "document", "unknown"}
    for article in expected["articles"]:
        where = article["source"]
        assert article["story"] in expected["stories"], where
        assert article["dup_group"].startswith(article["story"] + ":"), where
        if article["published_at"] is not None:
            parsed = datetime.fromisoformat(article["published_at"].replace("Z", "+00:00"))
            assert parsed.utcoffset() is not None, where
        assert article["headline"] and article["body"], where
        for attribution in article["attributions"]:
            assert attribution["kind"] in kinds and attribution["stance"] in {"assert", "deny", "confirm", "decline"}, where
            assert attribution["type"] in {"direct", "indirect", "mixed"}, where
        if article["input_kind"] == "text":
            assert all(j["reason"] and j["text"] not in article["body"] for j in article["junk"]), where


def test_corpus_expected_provenance_is_consistent(expected: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> None:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article in expected["articles"]:
        groups[article["dup_group"]].append(article)
        origin = article["origin"]
        assert origin["type"] in {"original", "wire_copy", "rewrite", "press_release"}
        if origin["type"] == "original":
            assert origin["source"] is None and origin["article_id"] is None
        if origin["type"] == "wire_copy":
            assert origin["source"] in AGENCIES
        target = origin["article_id"]
        if target is not None:
            assert target in by_id and by_id[target]["story"] == article["story"]
            assert by_id[target]["published_at"] is not None and article["published_at"] is not None
            assert datetime_of(by_id[target]) < datetime_of(article), article["source"]
    # Near-copy groups: the agency story with its wire copies, the release with its pastes.
    for name, members in groups.items():
        if len(members) > 1:
            roots = [m for m in members if m["origin"]["article_id"] is None or m["origin"]["article_id"] not in {x["id"] for x in members}]
            assert len(roots) == 1, name
            assert all(m["origin"]["article_id"] == roots[0]["id"] for m in members if m is not roots[0]), name


def datetime_of(article: dict[str, Any]) -> Any:
    from datetime import datetime

    return datetime.fromisoformat(article["published_at"].replace("Z", "+00:00"))


def test_corpus_content_cases_are_present(expected: dict[str, Any]) -> None:
    articles = expected["articles"]
    stories = Counter(a["story"] for a in articles)
    main = [a for a in articles if a["story"] == "terminal-sale"]
    roles = Counter(a["role"] for a in main)
    assert roles["first_report"] == 1 and roles["agency_rewrite"] >= 1 and roles["wire_copy"] >= 3
    assert roles["rewrite"] >= 2 and roles["denial"] == 1
    assert sum(a["origin"]["type"] == "wire_copy" and a["origin"]["source"] == "AP" for a in main) >= 3
    cues = {att["cue"].lower() for a in articles for att in a["attributions"]}
    assert {"according to", "first reported", "citing", "denied", "would not confirm", "declined to comment",
            "confirmed", "acknowledged", "cites", "reportedly said"} <= cues
    stances = Counter(att["stance"] for a in main for att in a["attributions"])
    assert stances["deny"] and stances["decline"] and stances["confirm"] and stances["assert"]
    assert stories["grain-pier-tender"] >= 2  # the look-alike
    assert sum(a["origin"]["type"] == "press_release" for a in articles) >= 3
    assert sum(n == 1 for n in stories.values()) >= 6  # unrelated single articles
    assert any(a["published_at"] is None for a in articles)
    assert any(a["language"] != "en" for a in articles)
    assert min(len(a["body"]) for a in articles) < 120  # a very short article
    assert any(att["type"] == "direct" and ". " in att.get("content_contains", "") for a in articles for att in a["attributions"])
    assert any(t["text"] in {"Tuesday", "Monday"} for a in articles for t in a["times"] or [])
