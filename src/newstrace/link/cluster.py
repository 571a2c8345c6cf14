"""Incremental average-link clustering of sparse TF-IDF vectors, blocked by an inverted index.

Used for stories (articles about one event) and for claims (assertions matched across articles).
New items are compared only with candidates that share one of their highest-weighted terms
(posting lists capped to the most recent entries, candidates capped per item), so a batch costs
about linear time however many items fall in one time window. Clusters then merge greedily by
average linkage over the sparse similarity graph (pairs never compared count as 0; optionally each
link mixed with the share of nearest neighbours the two items have in common), and a last pass
attaches small fragments to the big cluster they are closest to (by plain cosines). Clusters keep the position
of their earliest item as their root, so ids stay stable when clusters merge.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np


IDF_PRIOR = 10


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
    posting_cap: int = 150
    max_candidates: int = 40
    min_shared_keys: int = 1
    require_shared_term: bool = False
    """Only items sharing at least one term (not just entity-channel features) can be similar."""
    """A candidate must share this many blocking keys (top terms) with the new item."""
    min_edge: float = 0.08
    max_edges: int = 20
    snn_k: int = 0
    """Shared-nearest-neighbour affinity over each item's ``snn_k`` closest items (0: off)."""
    snn_mix: float = 0.0
    """Share of the SNN affinity in the link between two items (the rest is the cosine)."""


@dataclass(slots=True)
class Item:
    terms: dict[str, float]
    ents: dict[str, float] = field(default_factory=dict)
    time: float | None = None
    year: int | None = None
    weight: float = 1.0
    """How many articles this item stands for (an original and its near-copies)."""
    attach_threshold: float | None = None
    """This item's own attach threshold (a reaction article shares few words with its story)."""
    query_ns: str = ""
    """Blocking namespace the item searches in ("" = global, "s12" = only story 12's items)."""
    insert_ns: tuple[str, ...] = ("",)
    """Blocking namespaces the item is indexed under."""

    def to_list(self) -> list[Any]:
        return [self.terms, self.ents, self.time, self.year, self.weight, self.query_ns, list(self.insert_ns), self.attach_threshold]

    @classmethod
    def from_list(cls, data: list[Any]) -> Item:
        weight = float(data[4]) if len(data) > 4 else 1.0
        query_ns = str(data[5]) if len(data) > 5 else ""
        insert_ns = tuple(data[6]) if len(data) > 6 else ("",)
        attach = data[7] if len(data) > 7 else None
        return cls(dict(data[0]), dict(data[1]), data[2], data[3], weight, attach, query_ns, insert_ns)


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
    _vocab: dict[str, int] = field(default_factory=dict)
    _ent_vocab: dict[str, int] = field(default_factory=dict)
    _names: list[str] = field(default_factory=list)
    _ent_names: list[str] = field(default_factory=list)

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
    def _sparse(self, counts: dict[str, float], df: Counter[str], vocab: dict[str, int], names: list[str]) -> _Vec:
        """The unit TF-IDF vector of ``counts`` as sorted (term index, weight) arrays."""
        if not counts:
            return _EMPTY
        n = len(self.items)
        terms = [t for t, c in counts.items() if c > 0]
        for term in terms:
            if term not in vocab:
                vocab[term] = len(names)
                names.append(term)
        idx = np.fromiter((vocab[t] for t in terms), dtype=np.int64, count=len(terms))
        tf = np.fromiter((counts[t] for t in terms), dtype=np.float64, count=len(terms))
        dfs = np.fromiter((df.get(t, 0) for t in terms), dtype=np.float64, count=len(terms))
        # A few pseudo-documents without the term keep IDF meaningful in a tiny corpus.
        val = (1.0 + np.log(tf)) * (np.log((n + 1 + IDF_PRIOR) / (dfs + 1)) + 0.05)
        order = np.argsort(idx)
        idx, val = idx[order], val[order]
        norm = float(np.sqrt(np.dot(val, val))) or 1.0
        return idx, val / norm

    @staticmethod
    def _top_keys(vec: _Vec, k: int, names: list[str]) -> list[str]:
        """The ``k`` highest-weighted terms of a vector: the item's blocking keys."""
        idx, val = vec
        if idx.size == 0 or k <= 0:
            return []
        best = np.argsort(-val, kind="stable")[:k]
        return [names[i] for i in idx[best].tolist()]

    def _vectors(self, i: int, cache: dict[int, tuple[_Vec, _Vec]]) -> tuple[_Vec, _Vec]:
        if i not in cache:
            item = self.items[i]
            cache[i] = (self._sparse(item.terms, self.df, self._vocab, self._names), self._sparse(item.ents, self.ent_df, self._ent_vocab, self._ent_names))
        return cache[i]

    def similarities(self, query: int, others: list[int], cache: dict[int, tuple[_Vec, _Vec]]) -> np.ndarray:
        """Similarity of ``query`` to each of ``others`` (text and entity cosines, time and year factors)."""
        if not others:
            return np.zeros(0)
        q_text, q_ents = self._vectors(query, cache)
        vectors = [self._vectors(o, cache) for o in others]
        sims = _batch_dot(q_text, [v[0] for v in vectors])
        weight = self.config.ent_weight
        text = sims
        if weight:
            has_ents = np.array([q_ents[0].size > 0 or v[1][0].size > 0 for v in vectors])
            ents = _batch_dot(q_ents, [v[1] for v in vectors])
            sims = np.where(has_ents, (1 - weight) * sims + weight * ents, sims)
        if self.config.require_shared_term:
            sims = np.where(text > 0, sims, 0.0)
        item = self.items[query]
        if item.year is not None and self.config.year_penalty != 1.0:
            years = np.array([self.items[o].year if self.items[o].year is not None else -1 for o in others])
            sims = np.where((years >= 0) & (years != item.year), sims * self.config.year_penalty, sims)
        window = self.config.window_seconds
        if window is not None and item.time is not None:
            times = np.array([self.items[o].time if self.items[o].time is not None else np.nan for o in others])
            gap = np.abs(times - item.time)  # NaN compares False: undated is never far
            # Beyond the window similarity is damped, and damped again past four windows: a
            # follow-up comes days later, a look-alike event (a second quake) weeks or months.
            sims = np.where(gap > window, sims * self.config.window_penalty, sims)
            sims = np.where(gap > 4 * window, sims * self.config.window_penalty, sims)
        return sims

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
        cache: dict[int, tuple[_Vec, _Vec]] = {}
        for position, item in new:
            touched.add(position)
            vec, ent_vec = self._vectors(position, cache)
            top = self._top_keys(vec, self.config.posting_terms, self._names)
            if self.config.ent_posting_terms:
                top += ["\x00" + t for t in self._top_keys(ent_vec, self.config.ent_posting_terms, self._ent_names)]
            scores: Counter[int] = Counter()
            prefix = item.query_ns + "\x01" if item.query_ns else ""
            for term in top:
                scores.update(self.postings.get(prefix + term, ()))
            others = [o for o, hits in scores.most_common(self.config.max_candidates) if hits >= self.config.min_shared_keys]
            sims = self.similarities(position, others, cache)
            for other, sim in zip(others, sims.tolist()):
                if sim >= self.config.min_edge:
                    self._edge(position, other, sim)
                    touched.add(other)
            for namespace in item.insert_ns:
                prefix = namespace + "\x01" if namespace else ""
                for term in top:
                    posting = self.postings.setdefault(prefix + term, [])
                    posting.append(position)
                    if len(posting) > self.config.posting_cap:
                        del posting[: len(posting) - self.config.posting_cap]
        self._agglomerate({self.find(t) for t in touched})

    def _edge(self, a: int, b: int, sim: float) -> None:
        for x, y in ((a, b), (b, a)):
            adjacency = self.edges.setdefault(x, {})
            adjacency[y] = sim
            if len(adjacency) > 2 * self.config.max_edges:
                # Prune in bulk (amortised): keep the strongest edges only.
                kept = sorted(adjacency.items(), key=lambda kv: -kv[1])[: self.config.max_edges]
                self.edges[x] = dict(kept)

    def _neighbours(self, i: int, cache: dict[int, frozenset[int]]) -> frozenset[int]:
        """The item and its ``snn_k`` most similar items."""
        found = cache.get(i)
        if found is None:
            edges = self.edges.get(i, {})
            k = self.config.snn_k
            top = heapq.nlargest(k, edges, key=edges.__getitem__) if len(edges) > k else list(edges)
            found = cache[i] = frozenset(top) | {i}
        return found

    def affinity(self, a: int, b: int, sim: float, cache: dict[int, frozenset[int]]) -> float:
        """The link strength of two items: their cosine, mixed with the share of nearest
        neighbours they have in common (Jarvis & Patrick 1973; Ertoz et al. 2003). Shared
        neighbours adapt to density: two look-alike events whose articles are each other's
        second choice share few neighbours, while a loose story's articles share many."""
        mix = self.config.snn_mix
        if not mix or not self.config.snn_k:
            return sim
        shared = len(self._neighbours(a, cache) & self._neighbours(b, cache)) / (self.config.snn_k + 1)
        return (1.0 - mix) * sim + mix * shared

    def _cluster_sums(self, roots: set[int]) -> dict[int, dict[int, float]]:
        sums: dict[int, dict[int, float]] = {r: {} for r in roots}
        cache: dict[int, frozenset[int]] = {}
        for root in roots:
            row = sums[root]
            for member in self.members[root]:
                weight = self.items[member].weight
                for other, sim in self.edges.get(member, {}).items():
                    other_root = self.find(other)
                    if other_root != root:
                        link = self.affinity(member, other, sim, cache)
                        row[other_root] = row.get(other_root, 0.0) + link * weight * self.items[other].weight
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
        # Lazy best-first merging: a merge pushes nothing. The link of a merged cluster to a third
        # one is a weighted mean of its parts' links, so some entry naming a part (mapped to its
        # current root) is an upper bound on it; an entry found stale when popped is pushed back
        # at its current value. A merge costs the absorbed cluster's row, not the merged row's
        # whole neighbourhood pushed again (which grew with corpus density).
        while heap:
            negative, a, b = heapq.heappop(heap)
            if -negative < threshold:
                break
            a, b = self.find(a), self.find(b)
            if a == b or a not in sums or b not in sums:
                continue
            current = sums[a].get(b, 0.0) / (size[a] * size[b])
            if current < -negative - 1e-12:
                if current >= threshold:
                    heapq.heappush(heap, (-current, min(a, b), max(a, b)))
                continue
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
        self._attach(sums, size)

    def _attach(self, sums: dict[int, dict[int, float]], size: dict[int, int]) -> None:
        small = self.config.attach_max_size
        for root in sorted(sums, key=lambda r: size.get(r, 0)):
            if root not in size or size[root] > small:
                continue
            best, best_link = None, self.config.attach_threshold
            # A fragment is too small for shared neighbours to mean anything: plain cosines.
            for other, value in self._raw_row(root).items():
                if other in size and size[other] > small:
                    link = value / (size[root] * size[other])
                    if link > best_link:
                        best, best_link = other, link
            if best is None:
                best = self._reaction_attach(root, size)
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

    def _raw_row(self, root: int) -> dict[int, float]:
        """Summed weighted cosines from cluster ``root`` to each other cluster it has edges to."""
        row: dict[int, float] = {}
        for member in self.members[root]:
            weight = self.items[member].weight
            for other, sim in self.edges.get(member, {}).items():
                other_root = self.find(other)
                if other_root != root:
                    row[other_root] = row.get(other_root, 0.0) + sim * weight * self.items[other].weight
        return row

    def _reaction_attach(self, root: int, size: dict[int, float]) -> int | None:
        """For a fragment holding a reaction item: the big cluster of its single closest neighbour,
        when that similarity reaches the item's own threshold (average linkage would dilute it)."""
        best, best_sim = None, 0.0
        for member in self.members[root]:
            threshold = self.items[member].attach_threshold
            if threshold is None:
                continue
            for other, sim in self.edges.get(member, {}).items():
                other_root = self.find(other)
                if other_root != root and size.get(other_root, 0) > self.config.attach_max_size and sim >= threshold and sim > best_sim:
                    best, best_sim = other_root, sim
        return best

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


_Vec = tuple[np.ndarray, np.ndarray]
_EMPTY: _Vec = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))


def _batch_dot(query: _Vec, vectors: list[_Vec]) -> np.ndarray:
    """Dot products of one sparse vector with many, in one vectorised pass."""
    q_idx, q_val = query
    out = np.zeros(len(vectors))
    if q_idx.size == 0 or not vectors:
        return out
    lengths = np.array([v[0].size for v in vectors])
    if lengths.sum() == 0:
        return out
    idx = np.concatenate([v[0] for v in vectors])
    val = np.concatenate([v[1] for v in vectors])
    pos = np.searchsorted(q_idx, idx)
    pos[pos >= q_idx.size] = 0
    contrib = np.where(q_idx[pos] == idx, q_val[pos] * val, 0.0)
    owner = np.repeat(np.arange(len(vectors)), lengths)
    return np.bincount(owner, weights=contrib, minlength=len(vectors))
