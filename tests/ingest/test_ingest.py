from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from newstrace.errors import InputError
from newstrace.ingest import read_inputs, read_path
from newstrace.records import Article, RawDocument


def _good(i: int) -> str:
    return json.dumps({"id": f"a{i}", "text": f"Headline {i}\n\nThe council met on Monday, officials said. {i}"})


def test_ingest_jsonl_reads_lines_and_rejects_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    lines = [
        _good(1),
        "{not json",
        json.dumps([1, 2]),
        json.dumps({"id": "a4", "text": 42}),
        json.dumps({"id": {"x": 1}, "text": "t"}),
        json.dumps({"id": "a6"}),
        json.dumps({"id": "a7", "text": "fine", "published_at": 5}),
        "",
        _good(9),
    ]
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"id": "a10", "text": "caf\xe9"}\n')
    items = list(read_path(str(path)))
    docs = [i for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [d.id for d in docs] == ["a1", "a9"]
    assert [e.source for e in errors] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6, 7, 10)]
    assert "invalid UTF-8" in errors[-1].message
    assert "'text' must be a string" in errors[2].message


def test_ingest_jsonl_keeps_optional_fields_and_extras(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    row = {"id": 7, "text": "t", "url": "https://example.org/a", "title": "T", "publisher": "P",
           "published_at": "2024-01-02T03:04:05Z", "outlet": "Example"}
    path.write_text(json.dumps(row) + "\n")
    (doc,) = list(read_path(str(path)))
    assert isinstance(doc, RawDocument)
    assert (doc.id, doc.url, doc.title, doc.publisher, doc.published_at) == ("7", row["url"], "T", "P", row["published_at"])
    assert doc.extras == {"outlet": "Example"}


def test_ingest_jsonl_without_id_gets_stable_content_hash(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": "same text"}) + "\n" + json.dumps({"text": "same text"}) + "\n")
    first, second = list(read_path(str(path)))
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.id == second.id and len(first.id) == 20


def test_ingest_jsonl_gz_and_truncated_gz(tmp_path: Path) -> None:
    payload = ("\n".join(_good(i) for i in range(200)) + "\n").encode()
    good = tmp_path / "ok.jsonl.gz"
    good.write_bytes(gzip.compress(payload))
    assert sum(isinstance(i, RawDocument) for i in read_path(str(good))) == 200
    bad = tmp_path / "cut.jsonl.gz"
    bad.write_bytes(gzip.compress(payload)[:-40])
    items = list(read_path(str(bad)))
    assert isinstance(items[-1], InputError) and "truncated" in items[-1].message
    assert str(bad) in items[-1].source


def test_ingest_article_records_pass_through(tmp_path: Path) -> None:
    path = tmp_path / "analyzed.jsonl"
    path.write_text(json.dumps({"id": "x", "body": "Body text.", "attributions": []}) + "\n")
    (item,) = list(read_path(str(path)))
    assert isinstance(item, Article) and item.body == "Body text."


def test_ingest_text_files_and_encodings(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("Caf\u00e9 owners protest\n\nThey said the rent doubled.".encode("cp1252"))
    (tmp_path / "b.txt").write_bytes("\ufeffHeadline\n\nBody \u201cquoted\u201d.".encode("utf-8"))
    (tmp_path / "c.txt").write_bytes(b"\x00\x01\x02binary\x00" * 100)
    (tmp_path / "ignored.bin").write_bytes(b"x")
    items = list(read_inputs([str(tmp_path)]))
    docs = [i for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert docs[0].text is not None and docs[0].text.startswith("Caf\u00e9")
    assert docs[1].text == "Headline\n\nBody \u201cquoted\u201d."
    assert len(errors) == 1 and errors[0].source.endswith("c.txt") and "binary" in errors[0].message


def test_ingest_html_meta_charset(tmp_path: Path) -> None:
    html = '<html><head><meta charset="iso-8859-1"><title>Gr\u00fc\u00dfe</title></head><body><p>Gr\u00fc\u00dfe</p></body></html>'
    (tmp_path / "p.html").write_bytes(html.encode("iso-8859-1"))
    (doc,) = list(read_path(str(tmp_path / "p.html")))
    assert isinstance(doc, RawDocument) and doc.html is not None and "Gr\u00fc\u00dfe" in doc.html


def test_ingest_stdin_and_missing_and_unknown(tmp_path: Path) -> None:
    stream = io.BytesIO((_good(1) + "\n").encode())
    (doc,) = list(read_path("-", stdin=stream))
    assert isinstance(doc, RawDocument) and doc.source == "<stdin>:1"
    (missing,) = list(read_path(str(tmp_path / "nope.jsonl")))
    assert isinstance(missing, InputError) and "no such file" in missing.message
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    (unknown,) = list(read_path(str(tmp_path / "x.pdf")))
    assert isinstance(unknown, InputError) and "unknown input format" in unknown.message


def test_ingest_over_long_line_is_rejected_not_parsed(tmp_path: Path) -> None:
    from newstrace.settings import IngestSettings

    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "x" * 5000}) + "\n" + _good(2) + "\n")
    items = list(read_path(str(path), IngestSettings(max_line_bytes=1000)))
    assert isinstance(items[0], InputError) and "longer than" in items[0].message
    assert isinstance(items[1], RawDocument) and items[1].id == "a2"


def _warc_bytes(records: list[tuple[str, str, bytes]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for uri, content_type, payload in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=headers)
        writer.write_record(record)
    return buffer.getvalue()


def test_ingest_warc_reads_html_responses_and_reports_truncation(tmp_path: Path) -> None:
    data = _warc_bytes([
        ("https://news.example/a", "text/html; charset=utf-8", b"<html><body><p>One</p></body></html>"),
        ("https://news.example/logo.png", "image/png", b"\x89PNG"),
        ("https://news.example/b", "text/html", b"<html><body><p>Two</p></body></html>"),
    ])
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data)
    docs = list(read_path(str(path)))
    assert [d.url for d in docs if isinstance(d, RawDocument)] == ["https://news.example/a", "https://news.example/b"]
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 30])
    items = list(read_path(str(cut)))
    assert any(isinstance(i, InputError) and "truncated" in i.message.lower() or isinstance(i, InputError) and "corrupt" in i.message.lower() for i in items)
    assert isinstance(items[0], RawDocument)
