"""Near-duplicate groups: exact hashes, LSH candidates, verified by containment and word alignment.

Verification follows how syndication changes a text: an outlet runs the agency story with a new
headline, its own chrome, a dateline, a few copy-desk word edits and the bottom trimmed. So a copy
is (nearly) a *prefix* of the original, word for word: we align the shorter text against the start
of the longer one (difflib) and require most of its words to line up. Two different articles on one
event share facts and names but not long ordered runs of words, and an update that quotes an older
article at its bottom fails the prefix test.

Memory is bounded by the index: each LSH bucket holds group founders only (a copy that joined a
group is not added), capped at ``BUCKET_CAP`` entries, and at most ``MAX_CANDIDATES`` candidates are
verified per article, so 10,000 copies of one text cost 10,000 hash look-ups, not 10^8 pairs.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from newstrace.link.fingerprint import band_keys, overlap
from newstrace.link.signature import Signature

BUCKET_CAP = 48
MAX_CANDIDATES = 24
FULL_ROWS = 2
LEAD_ROWS = 2
MIN_CONTAINMENT = 0.3
MIN_SHARED = 3
MIN_ALIGNED = 0.78
MIN_ALIGNED_RELEASE = 0.6


@dataclass(frozen=True, slots=True)
class DupMatch:
    other: int
    containment: float
    aligned: float


def aligned_prefix(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the shorter word sequence that aligns, in order, with the start of the longer one."""
    short, long_ = (a, b) if a.size <= b.size else (b, a)
    if short.size == 0:
        return 0.0
    window = long_[: int(short.size * 1.3) + 20]
    matcher = difflib.SequenceMatcher(None, short.tolist(), window.tolist(), autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / short.size


def is_near_copy(a: Signature, b: Signature) -> DupMatch | None:
    """Verify a candidate pair; returns the evidence when ``b`` is a near-copy of ``a``."""
    if a.content_hash and a.content_hash == b.content_hash:
        return DupMatch(-1, 1.0, 1.0)
    shared, cont, _ = overlap(a.shingles, b.shingles)
    if cont < MIN_CONTAINMENT or shared < MIN_SHARED:
        return None
    aligned = aligned_prefix(a.word_ids, b.word_ids)
    # Outlets paste a press release under an intro of their own: no prefix, but long runs.
    release = a.release_org is not None or a.release_wire is not None or b.release_org is not None or b.release_wire is not None
    if aligned < (MIN_ALIGNED_RELEASE if release else MIN_ALIGNED):
        return None
    return DupMatch(-1, cont, aligned)


@dataclass(slots=True)
class DupIndex:
    """Incremental near-duplicate grouping over article positions 0..n-1 (union-find)."""

    parent: list[int] = field(default_factory=list)
    exact: dict[str, int] = field(default_factory=dict)
    buckets: dict[int, list[int]] = field(default_factory=dict)

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            # The lower position stays the representative: stable across incremental adds.
            lo, hi = (ri, rj) if ri < rj else (rj, ri)
            self.parent[hi] = lo

    def add(self, position: int, sig: Signature, signatures: list[Signature]) -> int | None:
        """Place article ``position``; return the position of the article it copies, if any."""
        while len(self.parent) <= position:
            self.parent.append(len(self.parent))
        if sig.skipped or sig.shingles.size == 0:
            return None
        if sig.content_hash in self.exact:
            other = self.exact[sig.content_hash]
            self.union(other, position)
            return other
        self.exact[sig.content_hash] = position
        keys = _keys(sig)
        hits: Counter[int] = Counter()
        for key in keys:
            for other in self.buckets.get(key, ()):
                hits[other] += 1
        best: tuple[float, int] | None = None
        matched: list[int] = []
        for other, _ in hits.most_common(MAX_CANDIDATES):
            match = is_near_copy(signatures[other], sig)
            if match is not None:
                matched.append(other)
                score = match.aligned + match.containment
                if best is None or score > best[0]:
                    best = (score, other)
        # Every non-identical article goes into the buckets (capped), so a later copy that is
        # closer to it than to the group's founder still finds the group.
        self._insert(position, keys)
        for other in matched:
            self.union(other, position)
        return None if best is None else best[1]

    def _insert(self, position: int, keys: list[int]) -> None:
        for key in keys:
            bucket = self.buckets.setdefault(key, [])
            bucket.append(position)
            if len(bucket) > BUCKET_CAP:
                del bucket[0]

    def groups(self, n: int) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for i in range(n):
            out.setdefault(self.find(i), []).append(i)
        return out

    def to_dict(self) -> dict[str, object]:
        return {"parent": list(self.parent)}

    @classmethod
    def rebuild(cls, parent: list[int], signatures: list[Signature]) -> DupIndex:
        """Restore from saved union-find parents; buckets and exact hashes are recomputed."""
        index = cls(parent=list(parent))
        for position, sig in enumerate(signatures):
            if sig.skipped or sig.shingles.size == 0:
                continue
            index.exact.setdefault(sig.content_hash, position)
            if index.find(position) != position:
                continue
            index._insert(position, _keys(sig))
        return index


def _keys(sig: Signature) -> list[int]:
    """LSH keys of the whole text and of its lead (a trimmed copy keeps the lead)."""
    lead_bit = 1 << 50
    return band_keys(sig.minhash, FULL_ROWS) + [lead_bit | k for k in band_keys(sig.lead_minhash, LEAD_ROWS)]
