"""Incremental average-link clustering of sparse TF-IDF vectors, blocked by an inverted index.

Used for stories (articles about one event) and for claims (assertions matched across articles).
New items are compared only with candidates that share one of their highest-weighted terms
(posting lists capped to the most recent entries, candidates capped per item), so a batch costs
about linear time however many items fall in one time window. Clusters then merge greedily by
average linkage over the sparse similarity graph (pairs never compared count as 0), and a last
pass attaches small fragments to the big cluster they are closest to. Clusters keep the position
of their earliest item as their root, so ids stay stable when clusters merge.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    threshold: float = 0.21
    attach_threshold: float = 0.1
    attach_max_size: int = 2
    window_seconds: float | None = None
    ent_weight: float = 0.5
    year_penalty: float = 0.8
    window_penalty: float = 0.0
    """Similarity factor for two items further apart than the window (0: never together)."""
    posting_terms: int = 24
    ent_posting_terms: int = 0
    """Also block on this many top entity-channel features (claims use character n-grams there)."""
    posting_cap: int = 400
    max_candidates: int = 60
    min_edge: float = 0.05
    max_edges: int = 40


@dataclass(slots=True)
class Item:
    terms: dict[str, float]
    ents: dict[str, float] = field(default_factory=dict)
    time: float | None = None
    year: int | None = None
    weight: float = 1.0
    """How many articles this item stands for (an original and its near-copies)."""

    def to_list(self) -> list[Any]:
        return [self.terms, self.ents, self.time, self.year, self.weight]

    @classmethod
    def from_list(cls, data: list[Any]) -> Item:
        return cls(dict(data[0]), dict(data[1]), data[2], data[3], float(data[4]) if len(data) > 4 else 1.0)


@dataclass(slots=True)
class SparseClusterer:
    config: ClusterConfig
    items: dict[int, Item] = field(default_factory=dict)
    df: Counter[str] = field(default_factory=Counter)
    ent_df: Counter[str] = field(default_factory=Counter)
    postings: dict[str, list[int]] = field(default_factory=dict)
    edges: dict[int, dict[int, float]] = field(default_factory=dict)
    parent: dict[int, int] = field(default_factory=dict)
    members: dict[int, list[int]] = field(default_factory=dict)

    # -- union-find ---------------------------------------------------------------------------
    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def _merge(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        lo, hi = (ra, rb) if ra < rb else (rb, ra)
        self.parent[hi] = lo
        self.members[lo].extend(self.members.pop(hi))
        return lo

    # -- vectors --------------------------------------------------------------------------------
    def _idf(self, df: Counter[str], term: str) -> float:
        n = len(self.items)
        return math.log((n + 1) / (df.get(term, 0) + 1)) + 0.05

    def _vector(self, counts: dict[str, float], df: Counter[str]) -> dict[str, float]:
        vec = {t: (1.0 + math.log(c)) * self._idf(df, t) for t, c in counts.items() if c > 0}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    def similarity(self, a: int, b: int, cache: dict[int, tuple[dict[str, float], dict[str, float]]]) -> float:
        ia, ib = self.items[a], self.items[b]
        window = self.config.window_seconds
        factor = 1.0
        if window is not None and ia.time is not None and ib.time is not None and abs(ia.time - ib.time) > window:
            factor = self.config.window_penalty
            if factor <= 0.0:
                return 0.0
        va, ea = self._vectors(a, cache)
        vb, eb = self._vectors(b, cache)
        text = _dot(va, vb)
        sim = text
        if self.config.ent_weight and (ea or eb):
            sim = (1 - self.config.ent_weight) * text + self.config.ent_weight * _dot(ea, eb)
        if ia.year is not None and ib.year is not None and ia.year != ib.year:
            sim *= self.config.year_penalty
        return sim * factor

    def _vectors(self, i: int, cache: dict[int, tuple[dict[str, float], dict[str, float]]]) -> tuple[dict[str, float], dict[str, float]]:
        if i not in cache:
            item = self.items[i]
            cache[i] = (self._vector(item.terms, self.df), self._vector(item.ents, self.ent_df) if item.ents else {})
        return cache[i]

    # -- adding ---------------------------------------------------------------------------------
    def add(self, new: list[tuple[int, Item]], reweighted: dict[int, float] | None = None) -> None:
        """Add items (position, features), change the weight of existing ones, update the clusters."""
        touched: set[int] = set()
        for position, weight in (reweighted or {}).items():
            if position in self.items:
                self.items[position].weight = weight
                touched.add(position)
        for position, item in new:
            self.items[position] = item
            self.df.update(item.terms.keys())
            self.ent_df.update(item.ents.keys())
            self.parent[position] = position
            self.members[position] = [position]
            self.edges.setdefault(position, {})
        cache: dict[int, tuple[dict[str, float], dict[str, float]]] = {}
        for position, _ in new:
            touched.add(position)
            vec, ent_vec = self._vectors(position, cache)
            top = sorted(vec.items(), key=lambda kv: -kv[1])[: self.config.posting_terms]
            if self.config.ent_posting_terms:
                top += [("\x00" + t, w) for t, w in sorted(ent_vec.items(), key=lambda kv: -kv[1])[: self.config.ent_posting_terms]]
            scores: Counter[int] = Counter()
            for term, weight in top:
                for other in self.postings.get(term, ()):
                    scores[other] += weight
            for other, _ in scores.most_common(self.config.max_candidates):
                sim = self.similarity(position, other, cache)
                if sim >= self.config.min_edge:
                    self._edge(position, other, sim)
                    touched.add(other)
            for term, _ in top:
                posting = self.postings.setdefault(term, [])
                posting.append(position)
                if len(posting) > self.config.posting_cap:
                    del posting[0]
        self._agglomerate({self.find(t) for t in touched})

    def _edge(self, a: int, b: int, sim: float) -> None:
        for x, y in ((a, b), (b, a)):
            adjacency = self.edges.setdefault(x, {})
            adjacency[y] = sim
            if len(adjacency) > self.config.max_edges:
                weakest = min(adjacency, key=adjacency.__getitem__)
                del adjacency[weakest]

    def _cluster_sums(self, roots: set[int]) -> dict[int, dict[int, float]]:
        sums: dict[int, dict[int, float]] = {r: {} for r in roots}
        for root in roots:
            row = sums[root]
            for member in self.members[root]:
                weight = self.items[member].weight
                for other, sim in self.edges.get(member, {}).items():
                    other_root = self.find(other)
                    if other_root != root:
                        row[other_root] = row.get(other_root, 0.0) + sim * weight * self.items[other].weight
        for root in list(sums):  # make the table symmetric (edges may have been capped on one side)
            for other, value in list(sums[root].items()):
                sums.setdefault(other, {})
                sums[other][root] = max(sums[other].get(root, 0.0), value)
        return sums

    def _agglomerate(self, roots: set[int]) -> None:
        sums = self._cluster_sums(roots)
        size = {r: sum(self.items[m].weight for m in self.members[r]) for r in sums}
        heap: list[tuple[float, int, int]] = []
        for a, row in sums.items():
            for b, total in row.items():
                if a < b:
                    heapq.heappush(heap, (-total / (size[a] * size[b]), a, b))
        threshold = self.config.threshold
        while heap:
            negative, a, b = heapq.heappop(heap)
            if -negative < threshold:
                break
            if a not in sums or b not in sums:
                continue
            current = sums[a].get(b, 0.0) / (size[a] * size[b])
            if abs(current + negative) > 1e-12:
                continue  # stale entry
            keep = self._merge(a, b)
            gone = b if keep == a else a
            row = sums.pop(gone)
            size[keep] = size[a] + size[b]
            del size[gone]
            for other, value in row.items():
                if other == keep:
                    continue
                sums[keep][other] = sums[keep].get(other, 0.0) + value
                sums[other][keep] = sums[other].get(keep, 0.0) + value
                sums[other].pop(gone, None)
            sums[keep].pop(gone, None)
            for other, value in sums[keep].items():
                heapq.heappush(heap, (-value / (size[keep] * size[other]), min(keep, other), max(keep, other)))
        self._attach(sums, size)

    def _attach(self, sums: dict[int, dict[int, float]], size: dict[int, int]) -> None:
        small = self.config.attach_max_size
        for root in sorted(sums, key=lambda r: size.get(r, 0)):
            if root not in size or size[root] > small:
                continue
            best, best_link = None, self.config.attach_threshold
            for other, value in sums[root].items():
                if other in size and size[other] > small:
                    link = value / (size[root] * size[other])
                    if link > best_link:
                        best, best_link = other, link
            if best is None:
                continue
            keep = self._merge(root, best)
            gone = best if keep == root else root
            row = sums.pop(gone)
            size[keep] = size[root] + size[best]
            del size[gone]
            for other, value in row.items():
                if other == keep or other not in sums:
                    continue
                sums[keep][other] = sums[keep].get(other, 0.0) + value
                sums[other][keep] = sums[other].get(keep, 0.0) + value
                sums[other].pop(gone, None)
            sums[keep].pop(gone, None)

    # -- persistence ------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "items": {str(k): v.to_list() for k, v in self.items.items()},
            "edges": {str(k): {str(o): s for o, s in v.items()} for k, v in self.edges.items()},
            "parent": {str(k): v for k, v in self.parent.items()},
            "postings": self.postings,
        }

    @classmethod
    def from_dict(cls, config: ClusterConfig, data: dict[str, Any]) -> SparseClusterer:
        out = cls(config)
        for key, value in data["items"].items():
            item = Item.from_list(value)
            out.items[int(key)] = item
            out.df.update(item.terms.keys())
            out.ent_df.update(item.ents.keys())
        out.edges = {int(k): {int(o): float(s) for o, s in v.items()} for k, v in data["edges"].items()}
        out.parent = {int(k): int(v) for k, v in data["parent"].items()}
        out.postings = {k: [int(x) for x in v] for k, v in data["postings"].items()}
        for position in out.parent:
            out.members.setdefault(out.find(position), []).append(position)
        return out


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())
