"""Single-article files: ``.txt`` (raw scraped text) and ``.html`` pages."""

from __future__ import annotations

import os
from typing import Iterator

from newstrace.errors import InputError
from newstrace.ingest.decode import UndecodableError, content_id, decode_bytes
from newstrace.records import RawDocument


def _read_bytes(path: str, max_bytes: int) -> bytes | InputError:
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            return InputError(path, f"file is {size} bytes, over the {max_bytes}-byte input limit")
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        return InputError(path, f"cannot read file: {exc}")


def read_text_file(path: str, max_bytes: int) -> Iterator[RawDocument | InputError]:
    """One ``.txt`` file is one article of raw text; its id is a hash of its content."""
    data = _read_bytes(path, max_bytes)
    if isinstance(data, InputError):
        yield data
        return
    try:
        text, _ = decode_bytes(data)
    except UndecodableError as exc:
        yield InputError(path, str(exc))
        return
    yield RawDocument(id=content_id(text), source=path, text=text)


def read_html_file(path: str, max_bytes: int) -> Iterator[RawDocument | InputError]:
    """One ``.html`` file is one page; the charset comes from a BOM, UTF-8, ``<meta>`` or a guess."""
    data = _read_bytes(path, max_bytes)
    if isinstance(data, InputError):
        yield data
        return
    try:
        html, _ = decode_bytes(data, html=True)
    except UndecodableError as exc:
        yield InputError(path, str(exc))
        return
    yield RawDocument(id=content_id(html), source=path, html=html)
