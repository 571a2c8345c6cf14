"""WARC input: every HTML (or plain-text) response or resource record is one article."""

from __future__ import annotations

import hashlib
import os
import re
from typing import Any, Iterator

from newstrace.errors import InputError
from newstrace.ingest.decode import UndecodableError, content_id, decode_bytes
from newstrace.records import Article, RawDocument

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.I)
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_CHUNK = 1 << 20


def read_warc(path: str, max_bytes: int) -> Iterator[RawDocument | Article | InputError]:
    """Stream a ``.warc`` or ``.warc.gz`` file record by record (constant memory).

    Records that are not HTML or text responses (requests, metadata, images) are not articles and
    are passed over. Each record is read to its end before its article is yielded, so a record cut
    off by a truncated file is reported (``file:record N``) instead of being half-read; reading
    stops there. An undecodable record is reported and skipped; one over ``max_bytes`` becomes a
    skipped ``too_large`` record with its content-hash id.
    """
    from warcio.archiveiterator import ArchiveIterator  # lazy: only WARC inputs pay for it
    from warcio.exceptions import ArchiveLoadFailed

    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield InputError(path, f"cannot read file: {exc.strerror or exc}")
        return
    with handle:
        size = os.fstat(handle.fileno()).st_size
        iterator = ArchiveIterator(handle, arc2warc=True)
        index, end = 0, 0
        while True:
            try:
                record = next(iterator)
            except StopIteration:
                # warcio ends quietly when the rest of the file is too short to hold a record header.
                if _junk_after(handle, end, size):
                    yield InputError(f"{path}:record {index + 1}", f"truncated WARC: the last {size - end} bytes do not form a complete record")
                return
            except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError, TypeError) as exc:
                # warcio raises assorted errors on a cut-off or garbled header; all mean the same to us.
                yield InputError(f"{path}:record {index + 1}", f"truncated or corrupt WARC: {exc}")
                return
            index += 1
            where = f"{path}:record {index}"
            length = record.rec_headers.get_header("Content-Length") or ""
            if not record.rec_type or not length.strip().isdigit():  # a header cut off by the end of the file
                yield InputError(where, "truncated or corrupt WARC: the record header is incomplete")
                return
            try:
                item = _record_article(record, where, max_bytes)
                iterator.read_to_end()
            except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
                yield InputError(where, f"truncated or corrupt WARC record: {exc}")
                return
            if _truncated(record, iterator):
                yield InputError(where, "truncated WARC record: the file ends inside it")
                return
            end = iterator.get_record_offset() + iterator.get_record_length()
            if item is not None:
                yield item


def _junk_after(handle: Any, end: int, size: int) -> bool:
    """True when bytes other than the blank lines that close a record follow the last record."""
    if end >= size:
        return False
    if size - end > 64:
        return True
    handle.seek(end)
    return bool(handle.read(size - end).strip())


def _truncated(record: Any, iterator: Any) -> bool:
    """True when the record has fewer bytes than its Content-Length, or its gzip member is cut off."""
    if getattr(record.raw_stream, "limit", 0) > 0:
        return True
    decompressor = getattr(iterator.reader, "decompressor", None)
    return decompressor is not None and not getattr(decompressor, "eof", True)


def _record_article(record: Any, where: str, max_bytes: int) -> RawDocument | Article | InputError | None:
    """The article of one record, or None when the record is not an article."""
    if record.rec_type not in ("response", "resource"):
        return None
    if record.http_headers is not None:
        content_type = record.http_headers.get_header("Content-Type") or ""
        status = record.http_headers.get_statuscode() or "200"
        if not status.startswith("2"):
            return None
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if not any(t in content_type.lower() for t in _TEXT_TYPES):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    stream = record.content_stream()
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        # Over the size limit: skipped by policy, with the id it would have had (hashed as it streams).
        digest = hashlib.blake2b(digest_size=10)
        digest.update((uri or "").encode("utf-8", "surrogatepass") + b"\x00")
        while data:
            digest.update(data)
            data = stream.read(_CHUNK)
        digest.update(b"\x00")
        return Article(id=digest.hexdigest(), url=uri, source=where, skipped="too_large")
    match = _CHARSET.search(content_type)
    is_html = "text/plain" not in content_type.lower()
    try:
        text, _ = decode_bytes(data, declared=match.group(1) if match else None, html=is_html)
    except UndecodableError as exc:
        return InputError(where, str(exc))
    date = record.rec_headers.get_header("WARC-Date")
    return RawDocument(
        id=content_id(uri or "", text),
        source=where,
        html=text if is_html else None,
        text=None if is_html else text,
        url=uri,
        extras={"fetched_at": date} if date else {},
    )
