"""WARC input: every HTML (or plain-text) response or resource record is one article."""

from __future__ import annotations

import os
import re
from typing import Iterator

from newstrace.errors import InputError
from newstrace.ingest.decode import UndecodableError, content_id, decode_bytes
from newstrace.records import RawDocument

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.I)
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def read_warc(path: str, max_bytes: int) -> Iterator[RawDocument | InputError]:
    """Stream a ``.warc`` or ``.warc.gz`` file record by record (constant memory).

    Records that are not HTML or text responses (requests, metadata, images) are not articles and
    are passed over; an oversized, undecodable or truncated record is reported with its offset.
    """
    from warcio.archiveiterator import ArchiveIterator  # lazy: only WARC inputs pay for it
    from warcio.exceptions import ArchiveLoadFailed

    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield InputError(path, f"cannot read file: {exc}")
        return
    with handle:
        size = os.fstat(handle.fileno()).st_size
        iterator = ArchiveIterator(handle, arc2warc=True)
        index, end = 0, 0
        previous = None
        while True:
            try:
                if previous is not None:
                    iterator.read_to_end()
                    end = iterator.get_record_offset() + iterator.get_record_length()
                    if getattr(previous.raw_stream, "limit", 0) > 0:
                        yield InputError(f"{path}:record {index}", "truncated WARC record: fewer bytes than its Content-Length")
                        break
                record = previous = next(iterator)
            except StopIteration:
                if end < size:
                    yield InputError(f"{path}:record {index + 1}", f"truncated WARC: {size - end} trailing bytes after record {index} do not form a record")
                break
            except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError, TypeError) as exc:
                # warcio raises assorted errors on a cut-off header; all mean the same to us.
                yield InputError(f"{path}:record {index + 1}", f"truncated or corrupt WARC: {exc}")
                break
            index += 1
            where = f"{path}:record {index}"
            if record.rec_type not in ("response", "resource"):
                continue
            if record.http_headers is not None:
                content_type = record.http_headers.get_header("Content-Type") or ""
                status = record.http_headers.get_statuscode() or "200"
                if not status.startswith("2"):
                    continue
            else:
                content_type = record.rec_headers.get_header("Content-Type") or ""
            if not any(t in content_type.lower() for t in _TEXT_TYPES):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            try:
                data = record.content_stream().read(max_bytes + 1)
            except (EOFError, OSError, ValueError) as exc:
                yield InputError(where, f"truncated WARC record: {exc}")
                break
            if len(data) <= max_bytes and getattr(record.raw_stream, "limit", 0) > 0:
                continue  # truncated: reported once the loop reaches the end of this record
            if len(data) > max_bytes:
                yield InputError(where, f"record over the {max_bytes}-byte input limit")
                continue
            match = _CHARSET.search(content_type)
            is_html = "text/plain" not in content_type.lower()
            try:
                text, _ = decode_bytes(data, declared=match.group(1) if match else None, html=is_html)
            except UndecodableError as exc:
                yield InputError(where, str(exc))
                continue
            date = record.rec_headers.get_header("WARC-Date")
            yield RawDocument(
                id=content_id(uri or "", text),
                source=where,
                html=text if is_html else None,
                text=None if is_html else text,
                url=uri,
                extras={"fetched_at": date} if date else {},
            )
