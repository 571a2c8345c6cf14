"""The incremental clusterer against a plain average-linkage reference on the same similarity graph."""

from __future__ import annotations

import random

from newstrace.link.cluster import ClusterConfig, Item, SparseClusterer


def _reference(edges: dict[int, dict[int, float]], items: list[int], threshold: float) -> set[frozenset[int]]:
    """Greedy average linkage from scratch: merge the best pair while its mean link reaches the threshold."""
    clusters = [frozenset([i]) for i in items]
    while True:
        best, pair = threshold, None
        for x in range(len(clusters)):
            for y in range(x + 1, len(clusters)):
                a, b = clusters[x], clusters[y]
                total = sum(edges.get(i, {}).get(j, 0.0) for i in a for j in b)
                link = total / (len(a) * len(b))
                if link >= best - 1e-12 and (pair is None or link > best + 1e-12):
                    best, pair = link, (x, y)
        if pair is None:
            return set(clusters)
        x, y = pair
        clusters[x] = clusters[x] | clusters[y]
        del clusters[y]


def _corpus(seed: int, n: int) -> list[tuple[int, Item]]:
    rng = random.Random(seed)
    topics = [[f"w{rng.randrange(60)}" for _ in range(8)] for _ in range(5)]
    out = []
    for i in range(n):
        words = rng.choice(topics)
        terms: dict[str, float] = {}
        for _ in range(10):
            word = rng.choice(words) if rng.random() < 0.6 else f"w{rng.randrange(60)}"
            terms[word] = terms.get(word, 0.0) + 1.0
        out.append((i, Item(terms)))
    return out


def test_cluster_lazy_merging_matches_plain_average_linkage() -> None:
    config = ClusterConfig(threshold=0.3, attach_threshold=2.0, ent_weight=0.0, year_penalty=1.0,
                           posting_terms=60, posting_cap=1000, max_candidates=1000, min_edge=0.0, max_edges=1000)
    for seed in range(4):
        clusterer = SparseClusterer(config)
        items = _corpus(seed, 30)
        clusterer.add(items)
        got: dict[int, set[int]] = {}
        for position, _ in items:
            got.setdefault(clusterer.find(position), set()).add(position)
        expected = _reference(clusterer.edges, [p for p, _ in items], config.threshold)
        assert {frozenset(g) for g in got.values()} == expected
        assert 1 < len(expected) < len(items)  # the case is not trivial


def test_cluster_shared_neighbours_weaken_a_bridge_between_dense_groups() -> None:
    edges: dict[int, dict[int, float]] = {i: {} for i in range(8)}
    for group in (range(0, 4), range(4, 8)):
        for a in group:
            for b in group:
                if a != b:
                    edges[a][b] = 0.35
    edges[3][4] = edges[4][3] = 0.34  # a look-alike article of the other group: almost as close
    plain = SparseClusterer(ClusterConfig())
    snn = SparseClusterer(ClusterConfig(snn_k=3, snn_mix=0.5))
    for clusterer in (plain, snn):
        clusterer.edges = edges
    cache: dict[int, frozenset[int]] = {}
    assert plain.affinity(3, 4, 0.34, cache) == 0.34  # off by default: the cosine itself
    inside, bridge = snn.affinity(0, 1, 0.35, {}), snn.affinity(3, 4, 0.34, {})
    assert inside > 0.5 > bridge
