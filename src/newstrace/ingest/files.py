"""Single-article files: ``.txt`` (raw scraped text) and ``.html`` pages."""

from __future__ import annotations

import os
import stat
from typing import Iterator

from newstrace.errors import InputError
from newstrace.ingest.decode import UndecodableError, content_id, decode_bytes, looks_binary, stream_content_id
from newstrace.records import Article, RawDocument

TOO_LARGE = "too_large"


def _read_bytes(path: str, max_bytes: int) -> bytes | InputError | Article:
    """The file's bytes; an ``InputError`` when unreadable; a skipped record when over ``max_bytes``.

    An oversized regular file is a readable article over the size limit, so it is skipped by
    policy (DESIGN.md: an output line with its id) rather than rejected; its content-hash id is
    computed by streaming the file, never holding it in memory.
    """
    try:
        with open(path, "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            data = handle.read(max_bytes + 1)
            if len(data) <= max_bytes:
                return data
            if not stat.S_ISREG(mode):  # a pipe or device may never end: no id can be computed
                return InputError(path, f"input over the {max_bytes}-byte limit and not a regular file")
            if looks_binary(data):
                return InputError(path, "binary data (NUL or control bytes), not text")
            handle.seek(0)
            return Article(id=stream_content_id(handle), source=path, skipped=TOO_LARGE)
    except OSError as exc:
        return InputError(path, f"cannot read file: {exc.strerror or exc}")


def read_text_file(path: str, max_bytes: int) -> Iterator[RawDocument | Article | InputError]:
    """One ``.txt`` file is one article of raw text; its id is a hash of its content."""
    data = _read_bytes(path, max_bytes)
    if not isinstance(data, bytes):
        yield data
        return
    try:
        text, _ = decode_bytes(data)
    except UndecodableError as exc:
        yield InputError(path, str(exc))
        return
    yield RawDocument(id=content_id(text), source=path, text=text)


def read_html_file(path: str, max_bytes: int) -> Iterator[RawDocument | Article | InputError]:
    """One ``.html`` file is one page; the charset comes from a BOM, UTF-8, ``<meta>`` or a guess."""
    data = _read_bytes(path, max_bytes)
    if not isinstance(data, bytes):
        yield data
        return
    try:
        html, _ = decode_bytes(data, html=True)
    except UndecodableError as exc:
        yield InputError(path, str(exc))
        return
    yield RawDocument(id=content_id(html), source=path, html=html)
