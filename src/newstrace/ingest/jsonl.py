"""JSONL input: one article object per line, read as a stream (constant memory)."""

from __future__ import annotations

import gzip
import json
import zlib
from typing import IO, Any, Iterator

from newstrace.errors import InputError
from newstrace.ingest.decode import content_id
from newstrace.records import Article, RawDocument, is_article_record

OPTIONAL_STRING_FIELDS = ("url", "title", "publisher", "published_at")
_MAX_ID_CHARS = 512


def parse_jsonl_object(obj: Any, where: str) -> RawDocument | Article:
    """Validate one decoded JSON value and turn it into a ``RawDocument`` (or an ``Article``).

    Raises ``InputError`` naming ``where`` for anything that is not a usable article object.
    """
    if not isinstance(obj, dict):
        raise InputError(where, f"expected a JSON object, got {type(obj).__name__}")
    bad = _field_with_lone_surrogate(obj)
    if bad is not None:
        raise InputError(where, f"field {bad!r} holds an unpaired surrogate escape (\\ud800-\\udfff): not valid Unicode text")
    raw_id = obj.get("id")
    if raw_id is not None and not isinstance(raw_id, (str, int)) or isinstance(raw_id, bool):
        raise InputError(where, f"field 'id' must be a string or integer, got {type(raw_id).__name__}")
    if raw_id is not None and (str(raw_id).strip() == "" or len(str(raw_id)) > _MAX_ID_CHARS):
        raise InputError(where, f"field 'id' must be a non-empty string of at most {_MAX_ID_CHARS} characters")
    if is_article_record(obj):
        if raw_id is None:
            raise InputError(where, "an article record needs an 'id'")
        if not isinstance(obj.get("body"), str):
            raise InputError(where, "field 'body' must be a string")
        try:
            article = Article.from_dict(obj)
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(where, f"malformed article record: {exc}") from None
        return article.with_(source=where)
    text, html = obj.get("text"), obj.get("html")
    if text is None and html is None:
        raise InputError(where, "the object has neither 'text' nor 'html'")
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            raise InputError(where, f"field {name!r} must be a string, got {type(value).__name__}")
    for name in OPTIONAL_STRING_FIELDS:
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(where, f"field {name!r} must be a string or null, got {type(value).__name__}")
    known = {"id", "text", "html", *OPTIONAL_STRING_FIELDS}
    extras = {k: v for k, v in obj.items() if k not in known}
    doc_id = str(raw_id) if raw_id is not None else content_id(text or "", html or "")
    return RawDocument(
        id=doc_id,
        source=where,
        text=text,
        html=html,
        url=obj.get("url") or None,
        title=obj.get("title") or None,
        publisher=obj.get("publisher") or None,
        published_at=obj.get("published_at") or None,
        extras=extras,
    )


def _field_with_lone_surrogate(obj: dict[str, Any]) -> str | None:
    """The first field holding a lone surrogate (legal as a JSON escape, but not encodable as UTF-8)."""
    for key, value in obj.items():
        stack: list[Any] = [key, value]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    return str(key.encode("utf-8", "backslashreplace").decode("ascii"))
            elif isinstance(item, dict):
                stack.extend(item.keys())
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    return None


def read_jsonl_stream(stream: IO[bytes], name: str, max_line_bytes: int) -> Iterator[RawDocument | Article | InputError]:
    """Yield one record (or one ``InputError``) per non-blank line of a binary stream."""
    line_no = 0
    try:
        while True:
            line = stream.readline(max_line_bytes + 1)
            if not line:
                break
            line_no += 1
            where = f"{name}:{line_no}"
            if len(line) > max_line_bytes and not line.endswith(b"\n"):
                # Skip the rest of the over-long line without holding it in memory.
                while True:
                    chunk = stream.readline(1 << 20)
                    if not chunk or chunk.endswith(b"\n"):
                        break
                yield InputError(where, f"line longer than {max_line_bytes} bytes, not parsed")
                continue
            if not line.strip():
                continue
            try:
                decoded = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield InputError(where, f"invalid UTF-8 at byte {exc.start}")
                continue
            if line_no == 1:
                decoded = decoded.removeprefix("\ufeff")  # a byte-order mark some editors write
            try:
                obj = json.loads(decoded)
            except json.JSONDecodeError as exc:
                yield InputError(where, f"malformed JSON: {exc.msg} at column {exc.colno}")
                continue
            except (ValueError, RecursionError) as exc:  # an integer too long to convert, nesting too deep
                yield InputError(where, f"malformed JSON: {str(exc)[:200]}")
                continue
            try:
                yield parse_jsonl_object(obj, where)
            except InputError as exc:
                yield exc
    except (EOFError, zlib.error, gzip.BadGzipFile, OSError) as exc:
        yield InputError(f"{name}:{line_no + 1}", f"truncated or corrupt file after line {line_no}: {exc}")


def read_jsonl(path: str, max_line_bytes: int) -> Iterator[RawDocument | Article | InputError]:
    """Read a ``.jsonl`` or ``.jsonl.gz`` file."""
    opener: Any = gzip.open if path.endswith(".gz") else open
    try:
        with opener(path, "rb") as stream:
            yield from read_jsonl_stream(stream, path, max_line_bytes)
    except OSError as exc:
        yield InputError(path, f"cannot read file: {exc}")
