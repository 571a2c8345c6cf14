"""Provenance traces: where a story or a claim came from, as a tree with dates.

The tree follows the origin graph: each article hangs under the article it derives from
(``origin.article_id``); a rewrite citing an outlet that is not in the corpus hangs under a node
for that outlet, which is then the story's first report when it predates everything else; wire
copies of one agency story are listed together under it as ONE source. Denials, confirmations and
refusals to confirm are listed apart, and direct quotes printed by several articles are shown once,
with their earliest appearance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from newstrace.link.meta import norm_name
from newstrace.link.text import quote_key

if TYPE_CHECKING:
    from newstrace.link.index import _View

STANCE_LABELS = {"deny": "denials", "confirm": "confirmations", "decline": "refusals to confirm"}


def _when(epoch: float | None) -> str | None:
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(slots=True)
class Node:
    """One article (or an outlet outside the corpus) in the provenance tree."""

    article_id: str | None
    outlet: str | None
    published_at: str | None
    headline: str | None
    origin: dict[str, Any]
    copies: list[dict[str, Any]] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    external: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "outlet": self.outlet,
            "published_at": self.published_at,
            "headline": self.headline,
            "origin": self.origin,
            "in_corpus": not self.external,
            "copies": self.copies,
            "children": [c.to_dict() for c in self.children],
        }


@dataclass(slots=True)
class Trace:
    """The provenance of a story (or of one claim within it)."""

    kind: str
    id: str
    story_id: str
    title: str | None
    first_report: Node | None
    roots: list[Node]
    reactions: dict[str, list[dict[str, Any]]]
    quotes: list[dict[str, Any]]
    articles: int
    independent_sources: int
    claim: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "story_id": self.story_id,
            "title": self.title,
            "articles": self.articles,
            "independent_sources": self.independent_sources,
            "first_report": self.first_report.to_dict() if self.first_report else None,
            "tree": [r.to_dict() for r in self.roots],
            "reactions": self.reactions,
            "quotes": self.quotes,
            "claim": self.claim,
        }

    def to_text(self) -> str:
        lines: list[str] = []
        if self.claim is not None:
            lines.append(f"Claim {self.claim['claim_id']}: \"{self.claim['text']}\"")
            for mention in self.claim["articles"]:
                lines.append(f"  {mention['stance']:<8} {mention['id']}" + (f" (via {mention['source']})" if mention.get("source") else ""))
        lines.append(f"Story {self.story_id}: {self.title or '(untitled)'}")
        lines.append(f"  {_count(self.articles, 'article', 'articles')}, "
                     f"{_count(self.independent_sources, 'independent source', 'independent sources')}")
        if self.first_report is not None:
            fr = self.first_report
            where = "not in the input" if fr.external else f"[{fr.article_id}]"
            lines.append(f"First report: {fr.published_at or 'date unknown'}  {fr.outlet or 'unknown outlet'} {where}")
        lines.append("Chain:")
        for i, root in enumerate(self.roots):
            _render(root, lines, "", i == len(self.roots) - 1)
        for stance, items in self.reactions.items():
            if items:
                lines.append(f"{STANCE_LABELS.get(stance, stance).capitalize()}:")
                for item in items:
                    lines.append(f"  {item['published_at'] or 'date unknown'}  {item['outlet'] or '?'} [{item['article_id']}]  {item['headline'] or ''}")
        if self.quotes:
            lines.append("Quotes printed by several articles (first appearance):")
            for quote in self.quotes:
                lines.append(f"  \"{quote['quote']}\" - first {quote['first_published'] or 'date unknown'} "
                             f"[{quote['first_article_id']}], then {len(quote['article_ids']) - 1} more")
        return "\n".join(lines)


def _count(n: int, one: str, many: str) -> str:
    """``1 copy``, ``2 copies``."""
    return f"{n} {one if n == 1 else many}"


def _render(node: Node, lines: list[str], prefix: str, last: bool) -> None:
    branch = "└─ " if last else "├─ "
    origin = node.origin
    kind = origin.get("type") or ""
    if node.external:
        label = f"{node.outlet} (not in the input; cited by the articles below)"
    else:
        cites = f", cites {origin['source']}" if kind == "rewrite" and origin.get("source") else ""
        via = f" of {origin['source']}" if kind in ("wire_copy", "press_release") and origin.get("source") else ""
        label = (f"{node.published_at or 'date unknown'}  {node.outlet or 'unknown outlet'} [{node.article_id}] "
                 f"{kind}{via}{cites}  {node.headline or ''}").rstrip()
    lines.append(prefix + branch + label)
    child_prefix = prefix + ("   " if last else "│  ")
    if node.copies:
        names = "; ".join(f"{c['outlet'] or '?'} [{c['article_id']}] {c['published_at'] or ''}".rstrip() for c in node.copies)
        more = "└─ " if not node.children else "├─ "
        lines.append(child_prefix + more + f"{_count(len(node.copies), 'copy', 'copies')} of this story (one source): {names}")
    for i, child in enumerate(node.children):
        _render(child, lines, child_prefix, i == len(node.children) - 1)


def build_trace(view: _View, id: str) -> Trace | None:
    """The trace of an article's story, a story (``s-...``) or a claim (``c-...``); None if unknown."""
    claim = None
    members: list[int] | None = None
    if id in view.by_id:
        position = view.by_id[id]
        members = view.story_groups[view.story_root[position]]
    else:
        c = view.claim(id)
        if c is not None:
            claim = c.to_dict()
            ids = {m.id for m in c.articles}
            positions = [view.by_id[i] for i in ids if i in view.by_id]
            story_members: set[int] = set()
            for p in positions:
                story_members.update(view.story_groups[view.story_root[p]])
            members = [m for m in sorted(story_members) if view.sigs[m].id in ids]
        else:
            for root, group in view.story_groups.items():
                if view.story_id(group[0]) == id:
                    members = group
                    break
    if not members:
        return None
    return _story_trace(view, members, "claim" if claim else ("article" if id in view.by_id else "story"), id, claim)


def _story_trace(view: _View, members: list[int], kind: str, id: str, claim: dict[str, Any] | None) -> Trace:
    ordered = sorted(members, key=view.sort_key)
    member_set = set(members)
    nodes: dict[int, Node] = {}
    for m in ordered:
        sig = view.sigs[m]
        nodes[m] = Node(sig.id, sig.publisher, _when(sig.published), sig.headline, view.origins[m].to_dict())
    # An article without a named publisher is known by the name its re-reporters cite it under.
    for m in ordered:
        origin = view.origins[m]
        parent = view.by_id.get(origin.article_id) if origin.article_id else None
        if parent is not None and parent in nodes and nodes[parent].outlet is None and origin.source:
            nodes[parent].outlet = origin.source
    for m in ordered:
        if nodes[m].outlet is None and view.sigs[m].publisher_keys:
            nodes[m].outlet = view.sigs[m].publisher_keys[0]
    external: dict[str, Node] = {}
    root_keys: list[tuple[float, int, Node]] = []
    for m in ordered:
        origin = view.origins[m]
        node = nodes[m]
        parent_id = origin.article_id
        parent = view.by_id.get(parent_id) if parent_id else None
        if parent is None and origin.type == "wire_copy":
            source = view.dup_source.get(m)
            parent = source if source is not None and source != m else None
        if parent is not None and parent in member_set and parent != m:
            if origin.type == "wire_copy":
                nodes[parent].copies.append({"article_id": node.article_id, "outlet": node.outlet, "published_at": node.published_at})
            else:
                nodes[parent].children.append(node)
            continue
        if origin.type in ("rewrite", "wire_copy") and origin.source:
            key = norm_name(origin.source)
            if key not in external:
                ext = Node(None, origin.source, None, None, {"type": "original", "source": None, "article_id": None}, external=True)
                external[key] = ext
                root_keys.append((view.sort_key(m)[0], -1, ext))
            if origin.type == "wire_copy":
                external[key].copies.append({"article_id": node.article_id, "outlet": node.outlet, "published_at": node.published_at})
            else:
                external[key].children.append(node)
            continue
        root_keys.append((view.sort_key(m)[0], m, node))
    root_keys.sort(key=lambda t: (t[0], t[1]))
    roots = [n for _, _, n in root_keys]
    first = next((n for n in roots if n.external or n.origin.get("type") in ("original", "press_release")), roots[0] if roots else None)
    reactions: dict[str, list[dict[str, Any]]] = {"deny": [], "confirm": [], "decline": []}
    for m in ordered:
        stance = view.sigs[m].stance
        if stance in reactions and view.origins[m].type == "original":
            n = nodes[m]
            reactions[stance].append({"article_id": n.article_id, "outlet": n.outlet, "published_at": n.published_at, "headline": n.headline})
    independent = sum(1 for m in ordered if view.origins[m].type == "original") + len(external)
    sig0 = view.sigs[ordered[0]]
    return Trace(kind=kind, id=id, story_id=view.story_id(members[0]), title=sig0.headline, first_report=first,
                 roots=roots, reactions=reactions, quotes=quote_reuse(view, ordered), articles=len(members),
                 independent_sources=independent, claim=claim)


def quote_reuse(view: _View, ordered: list[int]) -> list[dict[str, Any]]:
    """Direct quotes printed by several articles: one entry each, with its earliest appearance.

    Articles are taken in time order, but a copy never counts as first when the article it copies
    also prints the quote (a copy's time may be coarse, a date without a time)."""
    printed: dict[str, list[int]] = {}
    text: dict[str, str] = {}
    for m in ordered:
        for quote in view.sigs[m].quotes:
            key = quote_key(quote)
            text.setdefault(key, quote)
            if m not in printed.setdefault(key, []):
                printed[key].append(m)
    out = []
    for key, members in printed.items():
        if len(members) < 2:
            continue
        ids = {view.sigs[m].id for m in members}
        first = next((m for m in members if view.origins[m].article_id not in ids), members[0])
        rest = [m for m in members if m != first]
        out.append({"quote": text[key], "first_article_id": view.sigs[first].id,
                    "first_published": _when(view.sigs[first].published),
                    "article_ids": [view.sigs[m].id for m in [first] + rest]})
    return out
