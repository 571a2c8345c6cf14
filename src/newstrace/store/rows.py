"""Records <-> rows: how an ``Article``, ``LinkRecord``, ``Story`` and ``Claim`` map onto the tables.

Writers turn a record into rows; readers turn rows back into exactly the record's ``to_dict()``.
When the columns would not rebuild ``to_dict()`` exactly (a field added to ``records.py`` after this
module was written), the whole dict goes into the row's ``extra`` column and readers return it as is.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import datetime, timezone
from typing import Any, Mapping, Sequence
from urllib.parse import urlsplit

from newstrace.records import Article, Claim, LinkRecord, Story

UNKNOWN_OUTLET = "(unknown outlet)"
LIST_KEYS = ("removed", "attributions", "entities", "times")
_WS = re.compile(r"\s+")
_EDGE_PUNCT = "\"'“”‘’«»()[]{},.;:!?-–— "
_LEADING = ("the ", "a ", "an ")


def dumps(value: Any) -> str:
    """Compact, deterministic JSON (key order as given, no ASCII escaping)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def to_utc(value: str | None) -> str | None:
    """An ISO date/time as a sortable UTC string ``YYYY-MM-DDTHH:MM:SSZ`` (date only = midnight)."""
    if not value:
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            moment = datetime.fromisoformat(text).replace(tzinfo=timezone.utc)
        else:
            moment = datetime.fromisoformat(text.replace("z", "Z"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=timezone.utc)
    except ValueError:
        return None
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def outlet_of(publisher: str | None, url: str | None) -> str:
    """The outlet an article belongs to: its publisher, else its URL's host, else a placeholder."""
    if publisher and publisher.strip():
        return _WS.sub(" ", publisher).strip()[:200]
    if url:
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            host = ""
        if host.startswith("www."):
            host = host[4:]
        if host:
            return host[:200]
    return UNKNOWN_OUTLET


def source_name(text: str) -> str:
    """Normalise a source mention to a key: case-folded, spaces collapsed, edge punctuation and a
    leading article removed ("The Ministry's" -> "ministry"), so spellings of one source meet."""
    name = unicodedata.normalize("NFKC", text)
    name = _WS.sub(" ", name).strip(_EDGE_PUNCT).casefold()
    for lead in _LEADING:
        if name.startswith(lead) and len(name) > len(lead):
            name = name[len(lead) :]
            break
    if name.endswith(("'s", "’s")):
        name = name[:-2]
    return name.strip(_EDGE_PUNCT)[:300]


def source_display(text: str) -> str:
    return _WS.sub(" ", text).strip()[:300]


# --- articles ------------------------------------------------------------------------------------


def article_rows(article: Article, seq: int, batch: int) -> dict[str, Any]:
    """All rows of one article: ``{"articles": row, "removals": [...], "attributions": [...], ...}``."""
    data = article.to_dict()
    outlet = outlet_of(article.publisher, article.url)
    row = {
        "id": article.id,
        "seq": seq,
        "batch": batch,
        "url": article.url,
        "headline": article.headline,
        "publisher": article.publisher,
        "published_at": article.published_at,
        "published_utc": to_utc(article.published_at),
        "updated_at": article.updated_at,
        "authors": dumps(list(article.authors)),
        "dateline": article.dateline,
        "language": article.language,
        "body": article.body,
        "skipped": article.skipped,
        "input_source": article.source,
        "outlet": outlet,
        "n_attributions": len(article.attributions),
        "lists": dumps({k: data[k] for k in LIST_KEYS}),
        "extras": dumps(dict(article.extras)) if article.extras else None,
        "extra": None,
    }
    rows: dict[str, Any] = {
        "articles": row,
        "removals": [
            {"article_id": article.id, "idx": i, "text": r.text, "reason": r.reason, "extra": None}
            for i, r in enumerate(article.removed)
        ],
        "attributions": [_attribution_row(article.id, i, a, outlet) for i, a in enumerate(data["attributions"])],
        "entities": [
            {"article_id": article.id, "idx": i, "text": e["text"], "label": e["label"], "start": e["start"],
             "end": e["end"], "canonical": e.get("canonical"), "extra": None}
            for i, e in enumerate(data["entities"])
        ],
        "times": [
            {"article_id": article.id, "idx": i, "text": t["text"], "start": t["start"], "end": t["end"],
             "value": t.get("value"), "extra": None}
            for i, t in enumerate(data["times"])
        ],
    }
    rebuilt = article_dict({**row, "lists": None}, rows["removals"], rows["attributions"], rows["entities"], rows["times"])
    if rebuilt != data:
        row["extra"] = dumps(data)
    return rows


def _span(prefix: str, span: Mapping[str, Any] | None) -> dict[str, Any]:
    if span is None:
        return {f"{prefix}_text": None, f"{prefix}_start": None, f"{prefix}_end": None}
    return {f"{prefix}_text": span["text"], f"{prefix}_start": span["start"], f"{prefix}_end": span["end"]}


def _attribution_row(article_id: str, idx: int, a: Mapping[str, Any], outlet: str) -> dict[str, Any]:
    source = a.get("source")
    row: dict[str, Any] = {"article_id": article_id, "idx": idx, "outlet": outlet}
    row.update(_span("source", source))
    row["source_kind"] = source.get("kind") if source else None
    row.update(_span("resolved", source.get("resolved") if source else None))
    row.update(_span("cue", a["cue"]))
    row.update(_span("content", a.get("content")))
    row.update(type=a["type"], stance=a["stance"], hedged=bool(a.get("hedged", False)), method=a.get("method") or "")
    if source:
        named = (source.get("resolved") or source)["text"]
        row["source_name"] = source_name(named) or source_name(source["text"]) or None
    else:
        row["source_name"] = None
    rebuilt = attribution_dict(row)
    row["extra"] = None if rebuilt == dict(a) else dumps(dict(a))
    return row


def attribution_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    if row.get("extra"):
        return dict(json.loads(row["extra"]))
    source: dict[str, Any] | None = None
    if row["source_text"] is not None:
        source = {"text": row["source_text"], "start": row["source_start"], "end": row["source_end"],
                  "kind": row["source_kind"]}
        if row["resolved_text"] is not None:
            source["resolved"] = {"text": row["resolved_text"], "start": row["resolved_start"], "end": row["resolved_end"]}
    content = None
    if row["content_text"] is not None:
        content = {"text": row["content_text"], "start": row["content_start"], "end": row["content_end"]}
    return {
        "source": source,
        "cue": {"text": row["cue_text"], "start": row["cue_start"], "end": row["cue_end"]},
        "content": content,
        "type": row["type"],
        "stance": row["stance"],
        "hedged": bool(row["hedged"]),
        "method": row["method"],
    }


def article_dict(
    row: Mapping[str, Any],
    removed: Sequence[Mapping[str, Any]],
    attributions: Sequence[Mapping[str, Any]],
    entities: Sequence[Mapping[str, Any]],
    times: Sequence[Mapping[str, Any]],
) -> dict[str, Any]:
    """Rebuild ``Article.to_dict()`` from an ``articles`` row and its child rows (in ``idx`` order)."""
    if row.get("extra"):
        return dict(json.loads(row["extra"]))
    lists = json.loads(row["lists"]) if row.get("lists") else None
    out: dict[str, Any] = {
        "id": row["id"],
        "url": row["url"],
        "headline": row["headline"],
        "publisher": row["publisher"],
        "published_at": row["published_at"],
        "updated_at": row["updated_at"],
        "authors": json.loads(row["authors"]),
        "dateline": row["dateline"],
        "language": row["language"],
        "body": row["body"],
    }
    if lists is not None:
        out.update(lists)
    else:
        out.update(_lists_from_rows(removed, attributions, entities, times))
    if row["skipped"] is not None:
        out["skipped"] = row["skipped"]
    if row["extras"]:
        out["extras"] = json.loads(row["extras"])
    return out


def _lists_from_rows(
    removed: Sequence[Mapping[str, Any]],
    attributions: Sequence[Mapping[str, Any]],
    entities: Sequence[Mapping[str, Any]],
    times: Sequence[Mapping[str, Any]],
) -> dict[str, Any]:
    return {
        "removed": [{"text": r["text"], "reason": r["reason"]} for r in removed],
        "attributions": [attribution_dict(a) for a in attributions],
        "entities": [
            {"text": e["text"], "label": e["label"], "start": e["start"], "end": e["end"],
             "canonical": e["canonical"]}
            for e in entities
        ],
        "times": [{"text": t["text"], "start": t["start"], "end": t["end"], "value": t["value"]} for t in times],
    }


# --- link records, stories, claims ---------------------------------------------------------------


def link_row(record: LinkRecord) -> dict[str, Any]:
    data = record.to_dict()
    row = {
        "article_id": record.id,
        "story_id": record.story_id,
        "duplicate_of": record.duplicate_of,
        "origin_type": record.origin.type,
        "origin_source": record.origin.source,
        "origin_article_id": record.origin.article_id,
        "skipped": record.skipped,
        "extras": dumps(dict(record.extras)) if record.extras else None,
        "extra": None,
    }
    if link_dict(row) != data:
        row["extra"] = dumps(data)
    return row


def link_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    if row.get("extra"):
        return dict(json.loads(row["extra"]))
    out: dict[str, Any] = {
        "id": row["article_id"],
        "story_id": row["story_id"],
        "duplicate_of": row["duplicate_of"],
        "origin": {"type": row["origin_type"], "source": row["origin_source"], "article_id": row["origin_article_id"]},
    }
    if row["skipped"] is not None:
        out["skipped"] = row["skipped"]
    if row["extras"]:
        out.update({k: v for k, v in json.loads(row["extras"]).items() if k not in out})
    return out


def story_rows(story: Story) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    data = story.to_dict()
    row = {
        "story_id": story.story_id,
        "first_published": story.first_published,
        "first_published_utc": to_utc(story.first_published),
        "title": story.title,
        "n_articles": len(story.article_ids),
        "extra": None,
    }
    members = [{"story_id": story.story_id, "position": i, "article_id": a} for i, a in enumerate(story.article_ids)]
    if story_dict(row, members) != data:
        row["extra"] = dumps(data)
    return row, members


def story_dict(row: Mapping[str, Any], members: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    if row.get("extra"):
        return dict(json.loads(row["extra"]))
    out: dict[str, Any] = {
        "story_id": row["story_id"],
        "article_ids": [m["article_id"] for m in members],
        "first_published": row["first_published"],
    }
    if row["title"] is not None:
        out["title"] = row["title"]
    return out


def claim_rows(claim: Claim, trace: Mapping[str, Any] | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    data = claim.to_dict()
    row = {
        "claim_id": claim.claim_id,
        "text": claim.text,
        "first_article_id": claim.first_article_id,
        "story_id": claim.story_id,
        "n_articles": len(claim.articles),
        "trace": dumps(dict(trace)) if trace is not None else None,
        "extra": None,
    }
    mentions = [
        {"claim_id": claim.claim_id, "position": i, "article_id": m.id, "stance": m.stance, "source": m.source, "extra": None}
        for i, m in enumerate(claim.articles)
    ]
    if claim_dict(row, mentions) != data:
        row["extra"] = dumps(data)
    return row, mentions


def claim_dict(row: Mapping[str, Any], mentions: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    if row.get("extra"):
        return dict(json.loads(row["extra"]))
    out: dict[str, Any] = {
        "claim_id": row["claim_id"],
        "text": row["text"],
        "articles": [{"id": m["article_id"], "stance": m["stance"], "source": m["source"]} for m in mentions],
        "first_article_id": row["first_article_id"],
    }
    if row["story_id"] is not None:
        out["story_id"] = row["story_id"]
    return out
