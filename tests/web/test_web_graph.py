"""Provenance graph layout."""

from __future__ import annotations

from newstrace.web.graph import MAX_NODES, NODE_W, layout


def _node(i: str, first: bool = False) -> dict:
    return {"article_id": i, "outlet": f"Outlet {i}", "published_at": f"2023-01-0{len(i)}T00:00:00Z", "headline": "h",
            "stance": "assert", "first": first}


def test_graph_columns_follow_generations() -> None:
    chain = {"nodes": [_node("a", True), _node("b"), _node("c"), _node("d")],
             "edges": [{"from": "a", "to": "b", "type": "copy"}, {"from": "b", "to": "c", "type": "cites"},
                       {"from": "a", "to": "d", "type": "later"}]}
    drawing = layout(chain)
    x = {n.id: n.x for n in drawing.nodes}
    assert x["a"] < x["b"] < x["c"] and x["d"] == x["b"]
    kinds = {n.id: n.kind for n in drawing.nodes}
    assert kinds == {"a": "first", "b": "copy", "c": "cites", "d": "later"}
    assert len(drawing.edges) == 3 and all(e.path.startswith("M") for e in drawing.edges)
    assert drawing.width >= 3 * NODE_W


def test_graph_caps_nodes_and_ignores_dangling_edges() -> None:
    nodes = [_node(f"n{i}") for i in range(MAX_NODES + 5)]
    drawing = layout({"nodes": nodes, "edges": [{"from": "n0", "to": "zzz", "type": "copy"}]})
    assert len(drawing.nodes) == MAX_NODES and drawing.hidden == 5 and drawing.edges == []


def test_graph_empty_chain() -> None:
    drawing = layout({"nodes": [], "edges": []})
    assert drawing.nodes == [] and drawing.width > 0
