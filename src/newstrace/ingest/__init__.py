"""Ingest: turn files, directories and stdin into a stream of ``RawDocument`` (or ``InputError``).

Formats by name: ``.jsonl``/``.jsonl.gz``/``.ndjson`` (one article per line), ``.txt`` (one
article of raw text), ``.html``/``.htm`` (one page), ``.warc``/``.warc.gz`` (many pages), a
directory (walked in sorted order), ``-`` (JSONL on stdin). Everything streams; nothing holds the
corpus in memory. Unreadable input is yielded as ``InputError`` so the caller can count and report
it and go on.
"""

from __future__ import annotations

import os
import sys
from typing import IO, Iterable, Iterator

from newstrace.errors import InputError
from newstrace.ingest.files import read_html_file, read_text_file
from newstrace.ingest.jsonl import parse_jsonl_object, read_jsonl, read_jsonl_stream
from newstrace.ingest.warc import read_warc
from newstrace.records import Article, RawDocument
from newstrace.settings import IngestSettings

__all__ = [
    "read_inputs",
    "read_path",
    "format_of",
    "parse_jsonl_object",
    "read_jsonl_stream",
    "SUPPORTED_SUFFIXES",
]

Ingested = RawDocument | Article | InputError

SUPPORTED_SUFFIXES = (".jsonl.gz", ".ndjson.gz", ".jsonl", ".ndjson", ".warc.gz", ".warc", ".txt", ".html", ".htm")


def format_of(path: str) -> str | None:
    """The input format of a path by its name, or None when it is not one we read."""
    lower = path.lower()
    if lower.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")):
        return "jsonl"
    if lower.endswith((".warc", ".warc.gz", ".arc.gz")):
        return "warc"
    if lower.endswith(".txt"):
        return "text"
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    return None


def _walk(directory: str) -> Iterator[str]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and format_of(name) is not None:
                yield os.path.join(root, name)


def read_path(path: str, settings: IngestSettings | None = None, stdin: IO[bytes] | None = None) -> Iterator[Ingested]:
    """Read one input path (file, directory or ``-``)."""
    settings = settings or IngestSettings()
    if path == "-":
        yield from read_jsonl_stream(stdin or sys.stdin.buffer, "<stdin>", settings.max_line_bytes)
        return
    if os.path.isdir(path):
        for file_path in _walk(path):
            yield from read_path(file_path, settings)
        return
    if not os.path.exists(path):
        yield InputError(path, "no such file or directory")
        return
    kind = format_of(path)
    if kind == "jsonl":
        yield from read_jsonl(path, settings.max_line_bytes)
    elif kind == "warc":
        yield from read_warc(path, settings.max_bytes)
    elif kind == "text":
        yield from read_text_file(path, settings.max_bytes)
    elif kind == "html":
        yield from read_html_file(path, settings.max_bytes)
    else:
        yield InputError(path, "unknown input format; expected " + ", ".join(SUPPORTED_SUFFIXES) + " or a directory")


def read_inputs(paths: Iterable[str], settings: IngestSettings | None = None, stdin: IO[bytes] | None = None) -> Iterator[Ingested]:
    """Read every input path in order."""
    for path in paths:
        yield from read_path(path, settings, stdin)
