"""Byte decoding with encoding detection, and content-hash ids."""

from __future__ import annotations

import codecs
import hashlib
import re
from typing import IO

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]{2,40})""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class UndecodableError(ValueError):
    """The bytes are binary or in no encoding we can recognise."""


def content_id(*parts: str | bytes) -> str:
    """A stable id from content: the same input always gets the same id (re-ingest is a no-op)."""
    digest = hashlib.blake2b(digest_size=10)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        digest.update(b"\x00")
    return digest.hexdigest()


def stream_content_id(stream: IO[bytes], *prefix: str | bytes, chunk_size: int = 1 << 20) -> str:
    """``content_id(*prefix, <the rest of stream>)`` in constant memory.

    Used for inputs too large to read: for UTF-8 text it equals the id the text would get if read.
    """
    digest = hashlib.blake2b(digest_size=10)
    for part in prefix:
        digest.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        digest.update(b"\x00")
    while chunk := stream.read(chunk_size):
        digest.update(chunk)
    digest.update(b"\x00")
    return digest.hexdigest()


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 kB mean this is not text."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.05


def decode_bytes(data: bytes, declared: str | None = None, html: bool = False) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``.

    Order: a byte-order mark, then UTF-8 (most of the web), then the declared charset (HTTP header
    or ``<meta charset>``), then charset-normalizer's guess. Binary data raises ``UndecodableError``.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    if looks_binary(data):
        raise UndecodableError("binary data (NUL or control bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    if html:
        match = _META_CHARSET.search(data[:4096])
        if match:
            candidates.append(match.group(1).decode("ascii", "ignore"))
    for encoding in candidates:
        try:
            codecs.lookup(encoding)
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes  # imported lazily: only for non-UTF-8 input

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise UndecodableError("undecodable bytes: not UTF-8 and no encoding recognised")
    try:
        return data.decode(best.encoding), best.encoding
    except (LookupError, UnicodeDecodeError):
        raise UndecodableError(f"undecodable bytes (best guess {best.encoding} failed)") from None
