"""Ingest of damaged and hostile files: truncation at any byte, oversized inputs, odd JSON."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newstrace.errors import InputError
from newstrace.ingest import read_path
from newstrace.ingest.decode import content_id
from newstrace.ingest.files import read_html_file, read_text_file
from newstrace.ingest.warc import read_warc
from newstrace.records import Article, RawDocument

from conftest import CORPUS


def _plain_warc(n: int = 3) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for i in range(n):
        html = f"<html><body><article><h1>Pier {i}</h1><p>The pier reopened on Monday, the port said. {i}</p></article></body></html>"
        writer.write_record(writer.create_warc_record(
            f"https://port.example/{i}", "response", payload=io.BytesIO(html.encode()),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"),
        ))
    return buffer.getvalue()


def _record_ends(path: Path) -> set[int]:
    from warcio.archiveiterator import ArchiveIterator

    ends = set()
    with path.open("rb") as handle:
        iterator = ArchiveIterator(handle)
        for _ in iterator:
            iterator.read_to_end()
            ends.add(iterator.get_record_offset() + iterator.get_record_length())
    return ends


def test_warc_uncompressed_file_reads_without_false_truncation(tmp_path: Path) -> None:
    path = tmp_path / "plain.warc"
    path.write_bytes(_plain_warc())
    items = list(read_warc(str(path), 1_000_000))
    assert [type(i) for i in items] == [RawDocument] * 3
    assert [i.url for i in items if isinstance(i, RawDocument)] == [f"https://port.example/{i}" for i in range(3)]


@pytest.mark.parametrize("name", ["corpus.warc.gz", "plain.warc"])
def test_warc_cut_at_any_byte_is_reported_and_never_half_read(name: str, tmp_path: Path) -> None:
    """Cut the file at (nearly) every byte: unless the cut falls between records, the reader must report
    the truncation; the articles it does yield are always the first ones of the intact file."""
    source = tmp_path / name
    source.write_bytes((CORPUS / "tavish_bay_herald_crawl.warc.gz").read_bytes() if name.endswith(".gz") else _plain_warc())
    data = source.read_bytes()
    ends = _record_ends(source)
    full = [i.id for i in read_warc(str(source), 1_000_000) if isinstance(i, RawDocument)]
    cut_path = tmp_path / ("cut" + name[name.index("."):])
    cuts = sorted(set(range(1, len(data), 3)) | {e + d for e in ends for d in (-2, -1, 1, 2) if 0 < e + d < len(data)})
    for cut in cuts:
        cut_path.write_bytes(data[:cut])
        items = list(read_warc(str(cut_path), 1_000_000))
        errors = [i for i in items if isinstance(i, InputError)]
        ids = [i.id for i in items if isinstance(i, RawDocument)]
        assert ids == full[: len(ids)], cut
        # An uncompressed record may lose its closing blank lines and still be whole.
        between = cut in ends or (not name.endswith(".gz") and any(0 < cut - e <= 4 for e in ends))
        assert bool(errors) != between, (cut, [e.message for e in errors])
        if errors:
            assert len(errors) == 1 and errors[0].source.startswith(f"{cut_path}:record ")
            assert "truncated" in errors[0].message


def test_warc_oversized_record_is_skipped_with_its_content_id(tmp_path: Path) -> None:
    path = tmp_path / "plain.warc"
    path.write_bytes(_plain_warc(2))
    normal = [i for i in read_warc(str(path), 1_000_000) if isinstance(i, RawDocument)]
    limited = list(read_warc(str(path), 40))  # every page is longer than 40 bytes
    assert [type(i) for i in limited] == [Article, Article]
    for item, doc in zip(limited, normal):
        assert isinstance(item, Article) and item.skipped == "too_large"
        assert item.id == doc.id == content_id(doc.url or "", doc.html or "")
        assert item.url == doc.url


@pytest.mark.parametrize("reader, suffix", [(read_text_file, "txt"), (read_html_file, "html")])
def test_files_oversized_file_is_skipped_with_its_content_id(reader, suffix: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = "Harbour board meets\n\nThe harbour board met on Tuesday, officials said.\n" * 20
    path = tmp_path / f"big.{suffix}"
    path.write_text(text, encoding="utf-8")
    (item,) = list(reader(str(path), 100))
    assert isinstance(item, Article) and item.skipped == "too_large" and item.source == str(path)
    (doc,) = list(reader(str(path), 1_000_000))
    assert isinstance(doc, RawDocument) and item.id == doc.id == content_id(text)


def test_files_oversized_binary_file_is_still_rejected(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"\x00\x01\x02\x03" * 1000)
    (item,) = list(read_text_file(str(path), 100))
    assert isinstance(item, InputError) and "binary" in item.message


@pytest.mark.parametrize(
    "line, phrase",
    [
        (b"[" * 100_000 + b"]" * 100_000, "malformed JSON"),
        (b'{"id": ' + b"7" * 5000 + b', "text": "t"}', "malformed JSON"),
        (b'{"id": "s", "text": "a \\udc80 b"}', "'text' holds an unpaired surrogate"),
        (b'{"id": "s", "text": "ok", "meta": {"deep": ["\\ud800"]}}', "'meta' holds an unpaired surrogate"),
        (b'{"id": "s", "body": "x \\ud800"}', "'body' holds an unpaired surrogate"),
    ],
)
def test_jsonl_hostile_lines_are_rejected_not_raised(line: bytes, phrase: str, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(line + b"\n" + json.dumps({"id": "ok", "text": "Fine.\n\nThe pier reopened, the port said."}).encode() + b"\n")
    error, doc = list(read_path(str(path)))
    assert isinstance(error, InputError) and error.source == f"{path}:1" and phrase in error.message
    assert isinstance(doc, RawDocument) and doc.id == "ok"


def test_jsonl_byte_order_mark_on_first_line_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "b1", "text": "t"}).encode() + b"\r\n" + json.dumps({"id": "b2", "text": "u"}).encode() + b"\r\n")
    assert [getattr(i, "id", i) for i in read_path(str(path))] == ["b1", "b2"]
