"""Provenance chains read from the store: for a claim, a story, or an article's story.

A chain is a small graph: one node per article (time, outlet, stance, the source it cites), and
edges for what the link records say: ``copy`` (near-duplicate of the earlier article: the same wire
text, not an independent source), ``derived`` (``origin.article_id``: rewritten from it), ``cites``
(the article attributes the claim to an outlet that published an earlier node), and ``later``
(published after the first report with no stated link). The linker's own trace, when it stored one,
is returned next to it untouched.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import sqlalchemy as sa

from newstrace.store import read
from newstrace.store.base import Store
from newstrace.store.rows import source_name


class NotFound(LookupError):
    """No claim, story or article has this id."""


def _sort_key(node: Mapping[str, Any]) -> tuple[str, str]:
    return (node.get("published_utc") or "9999", node["article_id"])


def build_chain(
    summaries: Mapping[str, Mapping[str, Any]],
    order: Sequence[str],
    mentions: Mapping[str, Mapping[str, Any]] | None = None,
    first_id: str | None = None,
) -> dict[str, Any]:
    """Nodes (in time order) and edges of a chain over the articles ``order`` (known ids only)."""
    mentions = mentions or {}
    ids = [i for i in dict.fromkeys(order) if i in summaries]
    nodes = []
    for article_id in ids:
        row = summaries[article_id]
        mention = mentions.get(article_id, {})
        nodes.append({
            "article_id": article_id,
            "headline": row.get("headline"),
            "outlet": row.get("outlet"),
            "published_at": row.get("published_at"),
            "published_utc": row.get("published_utc"),
            "stance": mention.get("stance"),
            "source": mention.get("source"),
            "duplicate_of": row.get("duplicate_of"),
            "origin": {"type": row.get("origin_type"), "source": row.get("origin_source"),
                       "article_id": row.get("origin_article_id")},
        })
    nodes.sort(key=_sort_key)
    if first_id not in ids:
        first_id = nodes[0]["article_id"] if nodes else None
    position = {n["article_id"]: i for i, n in enumerate(nodes)}
    outlet_first: dict[str, str] = {}
    for node in nodes:
        outlet_first.setdefault(source_name(node["outlet"] or ""), node["article_id"])
    edges: list[dict[str, str]] = []
    for node in nodes:
        me = node["article_id"]
        linked = False
        for kind, parent in (("copy", node["duplicate_of"]), ("derived", node["origin"]["article_id"])):
            if parent and parent in position and parent != me and not any(e["from"] == parent and e["to"] == me for e in edges):
                edges.append({"from": parent, "to": me, "type": kind})
                linked = True
        for cited in (node["source"], node["origin"]["source"]):
            parent = outlet_first.get(source_name(cited)) if cited else None
            if parent and parent != me and position[parent] < position[me] and not any(
                e["from"] == parent and e["to"] == me for e in edges
            ):
                edges.append({"from": parent, "to": me, "type": "cites"})
                linked = True
        if not linked and first_id and me != first_id and position[first_id] < position[me]:
            edges.append({"from": first_id, "to": me, "type": "later"})
    for node in nodes:
        node["first"] = node["article_id"] == first_id
        node.pop("published_utc")
    return {"first_article_id": first_id, "nodes": nodes, "edges": edges}


def claim_chain(conn: sa.Connection, claim_id: str) -> dict[str, Any] | None:
    claim = read.get_claim(conn, claim_id)
    if claim is None:
        return None
    mentions = {m["id"]: m for m in claim["articles"]}
    summaries = read.article_summaries(conn, list(mentions))
    chain = build_chain(summaries, list(mentions), mentions, claim.get("first_article_id"))
    return {"kind": "claim", "claim": claim, "trace": read.stored_trace(conn, claim_id), "chain": chain}


def story_chain(conn: sa.Connection, story_id: str) -> dict[str, Any] | None:
    story = read.get_story(conn, story_id)
    if story is None:
        return None
    summaries = read.article_summaries(conn, story["article_ids"])
    chain = build_chain(summaries, story["article_ids"])
    return {"kind": "story", "story": story, "trace": None, "chain": chain}


def trace_in(conn: sa.Connection, item_id: str) -> dict[str, Any]:
    """The chain of a claim id, a story id, or an article id (its story); ``NotFound`` otherwise."""
    found = claim_chain(conn, item_id) or story_chain(conn, item_id)
    if found is None:
        story_id = read.story_id_of(conn, item_id)
        if story_id is not None:
            found = story_chain(conn, story_id)
            if found is not None:
                found["article_id"] = item_id
    if found is None:
        raise NotFound(item_id)
    return found


def trace_from_store(db: str | Store, item_id: str) -> dict[str, Any]:
    """``newstrace trace ID --db URL``: the provenance chain of a claim, story or article."""
    store = db if isinstance(db, Store) else Store.open(db, create=False)
    try:
        with store.connect() as conn:
            return trace_in(conn, item_id)
    finally:
        if store is not db:
            store.close()


_RELATION = {"copy": "copy of", "derived": "rewritten from", "cites": "cites", "later": "after"}


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def render_trace_text(result: Mapping[str, Any]) -> str:
    """A terminal rendering of ``trace_in``: one line per article, in time order, with its link."""
    chain = result["chain"]
    lines = []
    if result["kind"] == "claim":
        claim = result["claim"]
        lines.append(f"claim {claim['claim_id']}: {claim['text']}")
        lines.append(f"  {_n(len(chain['nodes']), 'article')}" + (f", story {claim['story_id']}" if claim.get("story_id") else ""))
    else:
        story = result["story"]
        title = story.get("title") or ""
        lines.append(f"story {story['story_id']}" + (f": {title}" if title else ""))
        lines.append(f"  {_n(len(chain['nodes']), 'article')}, first published {story.get('first_published') or 'unknown'}")
    parents: dict[str, list[dict[str, str]]] = {}
    for edge in chain["edges"]:
        parents.setdefault(edge["to"], []).append(edge)
    by_id = {n["article_id"]: n for n in chain["nodes"]}
    for node in chain["nodes"]:
        when = (node["published_at"] or "date unknown")[:16].replace("T", " ")
        if node["first"]:
            relation = "FIRST REPORT"
        else:
            relation = "; ".join(
                f"{_RELATION[e['type']]} {by_id[e['from']]['outlet']}" + (f" ({e['from']})" if e["type"] != "cites" else "")
                for e in parents.get(node["article_id"], [])
            ) or "independent report"
        stance = f" [{node['stance']}]" if node.get("stance") else ""
        source = f" via {node['source']}" if node.get("source") else ""
        lines.append(f"  {when:<16}  {(node['outlet'] or '')[:28]:<28}  {node['article_id']}  {relation}{stance}{source}")
        if node.get("headline"):
            lines.append(f"  {'':<16}  {'':<28}  {node['headline'][:90]}")
    return "\n".join(lines) + "\n"
