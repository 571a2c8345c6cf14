"""Lay out a provenance chain (``store.trace.build_chain``) as an SVG drawing, left to right.

Columns are generations: the first report and other unlinked roots in column 0, an article in the
column after its latest parent. Within a column, articles stay in time order. Edges are cubic
curves from a parent's right edge to a child's left edge. The result is plain numbers and strings
for the template, which escapes every label; nothing here produces markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

NODE_W, NODE_H = 220, 64
COL_GAP, ROW_GAP = 70, 18
PAD = 16
MAX_NODES = 120


@dataclass
class Node:
    id: str
    x: int
    y: int
    outlet: str
    when: str
    headline: str
    stance: str | None
    first: bool
    kind: str  # first | copy | derived | cites | later | root
    href: str


@dataclass
class Edge:
    path: str
    type: str
    label: str


@dataclass
class Layout:
    width: int
    height: int
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    hidden: int = 0


def _cut(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


_PRIORITY = {"copy": 0, "derived": 1, "cites": 2, "later": 3}


def layout(chain: Mapping[str, Any]) -> Layout:
    all_nodes = list(chain.get("nodes") or [])
    nodes = all_nodes[:MAX_NODES]
    ids = {n["article_id"] for n in nodes}
    edges = [e for e in chain.get("edges") or [] if e["from"] in ids and e["to"] in ids]
    order = {n["article_id"]: i for i, n in enumerate(nodes)}
    parents: dict[str, list[Mapping[str, str]]] = {}
    for edge in edges:
        if order[edge["from"]] < order[edge["to"]]:  # time order makes it acyclic
            parents.setdefault(edge["to"], []).append(edge)
    column: dict[str, int] = {}
    kind: dict[str, str] = {}
    for node in nodes:
        me = node["article_id"]
        mine = parents.get(me, [])
        column[me] = 1 + max((column[p["from"]] for p in mine), default=-1)
        if node.get("first"):
            kind[me] = "first"
        elif mine:
            kind[me] = min((p["type"] for p in mine), key=lambda t: _PRIORITY.get(t, 9))
        else:
            kind[me] = "root"
    rows: dict[int, int] = {}
    placed: list[Node] = []
    for node in nodes:
        me = node["article_id"]
        col = column[me]
        row = rows.get(col, 0)
        rows[col] = row + 1
        placed.append(Node(
            id=me,
            x=PAD + col * (NODE_W + COL_GAP),
            y=PAD + row * (NODE_H + ROW_GAP),
            outlet=_cut(node.get("outlet"), 28),
            when=(node.get("published_at") or "date unknown")[:16].replace("T", " "),
            headline=_cut(node.get("headline"), 34),
            stance=node.get("stance"),
            first=bool(node.get("first")),
            kind=kind[me],
            href=f"/articles/{me}",
        ))
    at = {n.id: n for n in placed}
    drawn: list[Edge] = []
    for edge in edges:
        a, b = at[edge["from"]], at[edge["to"]]
        if order[edge["from"]] >= order[edge["to"]]:
            continue
        x1, y1 = a.x + NODE_W, a.y + NODE_H // 2
        x2, y2 = b.x, b.y + NODE_H // 2
        if x2 <= x1:  # same column (should not happen): loop round the right side
            x2 = b.x + NODE_W
            bend = max(x1, x2) + 40
            path = f"M{x1},{y1} C{bend},{y1} {bend},{y2} {x2},{y2}"
        else:
            mid = (x1 + x2) // 2
            path = f"M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}"
        label = {"copy": "copy", "derived": "rewrite", "cites": "cites", "later": "later"}.get(edge["type"], edge["type"])
        drawn.append(Edge(path, edge["type"], label))
    columns = (max(column.values()) + 1) if column else 1
    max_rows = max(rows.values()) if rows else 1
    width = PAD * 2 + columns * NODE_W + (columns - 1) * COL_GAP
    height = PAD * 2 + max_rows * NODE_H + (max_rows - 1) * ROW_GAP
    return Layout(width, height, placed, drawn, hidden=len(all_nodes) - len(nodes))
