"""Word-shingle sets, MinHash signatures and LSH band keys (numpy, vectorised).

A near-copy is found in two steps: LSH over MinHash proposes candidates (any pair sharing one band
of ``rows`` hash values), then the exact shingle sets verify them by *containment*
(|A & B| / min(|A|, |B|)), so a copy trimmed to a third of the original still matches while two
different articles on one event, which share few word n-grams, do not.
"""

from __future__ import annotations

import zlib
from functools import lru_cache

import numpy as np

from newstrace.link.text import content_lines, stable_hash, words

_MASK32 = np.uint64(0xFFFFFFFF)


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    # Read-only constants derived from (num_perm, seed): the same in every process.
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63 - 1, size=num_perm, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63 - 1, size=num_perm, dtype=np.uint64)
    a.flags.writeable = False
    b.flags.writeable = False
    return a, b


def token_hashes(tokens: list[str]) -> np.ndarray:
    return np.fromiter((stable_hash(t) for t in tokens), dtype=np.uint64, count=len(tokens))


def shingles(tokens: list[str], size: int) -> np.ndarray:
    """Sorted unique 32-bit hashes of the word ``size``-grams (the whole text when shorter)."""
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    h = token_hashes(tokens)
    if len(tokens) < size:
        size = len(tokens)
    n = len(tokens) - size + 1
    acc = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(size):
            acc = acc * np.uint64(1000003) + h[k : k + n]
        acc ^= acc >> np.uint64(29)
        acc *= np.uint64(0xBF58476D1CE4E5B9)
        acc ^= acc >> np.uint64(32)
    return np.unique((acc & _MASK32).astype(np.uint32))


def body_shingles(body: str, size: int) -> np.ndarray:
    """Shingles of the body's reporting lines (outlet chrome removed, punctuation folded)."""
    tokens: list[str] = []
    for line in content_lines(body):
        tokens.extend(words(line))
    return shingles(tokens, size)


def minhash(shingle_set: np.ndarray, num_perm: int) -> np.ndarray:
    """MinHash signature (``num_perm`` uint32 values); all-max for an empty set."""
    if shingle_set.size == 0:
        return np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32)
    a, b = _permutations(num_perm)
    x = shingle_set.astype(np.uint64)
    out = np.empty(num_perm, dtype=np.uint32)
    # Chunk the permutations so the temporary matrix stays small for long articles.
    step = max(1, 2_000_000 // max(1, x.size))
    with np.errstate(over="ignore"):
        for lo in range(0, num_perm, step):
            hi = min(num_perm, lo + step)
            hashed = (a[lo:hi, None] * x[None, :] + b[lo:hi, None]) >> np.uint64(32)
            out[lo:hi] = hashed.min(axis=1).astype(np.uint32)
    return out


def band_keys(signature: np.ndarray, rows: int) -> list[int]:
    """One key per LSH band of ``rows`` values; the band index is mixed in so bands never collide."""
    keys = []
    raw = signature.astype("<u4").tobytes()
    width = 4 * rows
    for band in range(len(signature) // rows):
        keys.append((band << 32) | zlib.crc32(raw[band * width : (band + 1) * width]))
    return keys


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """|A & B| / min(|A|, |B|) over two sorted unique shingle arrays."""
    if a.size == 0 or b.size == 0:
        return 0.0
    common = np.intersect1d(a, b, assume_unique=True).size
    return common / min(a.size, b.size)


def overlap(a: np.ndarray, b: np.ndarray) -> tuple[int, float, float]:
    """(shared shingles, containment, Jaccard) of two sorted unique shingle arrays."""
    if a.size == 0 or b.size == 0:
        return 0, 0.0, 0.0
    common = int(np.intersect1d(a, b, assume_unique=True).size)
    return common, common / min(a.size, b.size), common / (a.size + b.size - common)
