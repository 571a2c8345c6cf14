"""Plain-text renderings of store query results, for the terminal (the CLI's ``--format text``)."""

from __future__ import annotations

import textwrap
from typing import Any, Mapping, Sequence


def _when(value: str | None) -> str:
    return (value or "")[:16].replace("T", " ") or "-"


def _cut(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def stories_table(stories: Sequence[Mapping[str, Any]], titles: Mapping[str, str | None]) -> str:
    lines = [f"{'STORY':<24} {'ARTICLES':>8}  {'FIRST PUBLISHED':<16}  TITLE"]
    for story in stories:
        title = story.get("title") or titles.get(story["story_id"]) or ""
        lines.append(
            f"{_cut(story['story_id'], 24):<24} {len(story['article_ids']):>8}  {_when(story.get('first_published')):<16}  {_cut(title, 70)}"
        )
    return "\n".join(lines) + "\n"


def article_text(article: Mapping[str, Any], link: Mapping[str, Any] | None, claims: Sequence[Mapping[str, Any]]) -> str:
    out = [article.get("headline") or "(no headline)", ""]
    meta = [
        ("id", article["id"]), ("publisher", article.get("publisher")), ("published", article.get("published_at")),
        ("authors", ", ".join(article.get("authors") or [])), ("url", article.get("url")),
        ("skipped", article.get("skipped")),
    ]
    if link:
        meta += [("story", link.get("story_id")), ("copy of", link.get("duplicate_of")),
                 ("origin", (link.get("origin") or {}).get("type"))]
    out += [f"  {k:<10} {v}" for k, v in meta if v]
    out.append("")
    for paragraph in (article.get("body") or "").split("\n\n"):
        out.append(textwrap.fill(paragraph, 100) if paragraph.strip() else "")
        out.append("")
    attributions = article.get("attributions") or []
    out.append(f"attributions ({len(attributions)}):")
    for a in attributions:
        source = a.get("source") or {}
        who = f"{source.get('text')} ({source.get('kind')})" if source else "(no source)"
        content = (a.get("content") or {}).get("text") or ""
        out.append(f"  - {who} {a['cue']['text']!r} [{a['stance']}, {a['type']}]: {_cut(content, 80)}")
    removed = article.get("removed") or []
    out.append(f"removed ({len(removed)}):")
    out += [f"  - [{r['reason']}] {_cut(r['text'], 90)}" for r in removed]
    if claims:
        out.append(f"claims ({len(claims)}):")
        out += [f"  - {c['claim_id']}: {_cut(c['text'], 90)} ({len(c['articles'])} articles)" for c in claims]
    return "\n".join(out) + "\n"


def search_text(query: str, hits: Sequence[Mapping[str, Any]], total: int, capped: bool) -> str:
    count = f"{total}+" if capped else str(total)
    lines = [f"{count} articles match {query!r}"]
    for i, hit in enumerate(hits, 1):
        lines.append(f"{i:>3}. {_cut(hit.get('headline') or '(no headline)', 80)}")
        lines.append(f"     {hit['id']} | {hit.get('outlet')} | {_when(hit.get('published_at'))}")
        snippet = hit.get("snippet") or {}
        text = snippet.get("text") or ""
        marked, last = [], 0
        for start, end in snippet.get("highlights") or []:
            marked.append(text[last:start] + "[" + text[start:end] + "]")
            last = end
        marked.append(text[last:])
        if text:
            lines.append("     " + _cut("".join(marked), 110))
    return "\n".join(lines) + "\n"


def sources_text(outlets: Sequence[Mapping[str, Any]], top: Sequence[Mapping[str, Any]], by_outlet: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    lines = [f"{'OUTLET':<32} {'ARTICLES':>8} {'ATTRIB.':>8} {'ANON.':>7} {'NO SRC':>7}  MOST CITED"]
    for o in outlets:
        share = "-" if o["anonymous_share"] is None else f"{o['anonymous_share']:.0%}"
        cited = ", ".join(f"{s['display']} ({s['mentions']})" for s in by_outlet.get(o["outlet"], [])[:3])
        lines.append(f"{_cut(o['outlet'], 32):<32} {o['articles']:>8} {o['attributions']:>8} {share:>7} {o['unsourced']:>7}  {_cut(cited, 60)}")
    lines.append("")
    lines.append(f"{'SOURCE':<40} {'KIND':<13} {'MENTIONS':>8} {'ARTICLES':>8} {'OUTLETS':>7}")
    for src in top:
        lines.append(f"{_cut(src['display'], 40):<40} {src['kind']:<13} {src['mentions']:>8} {src['articles']:>8} {src['outlets']:>7}")
    return "\n".join(lines) + "\n"
