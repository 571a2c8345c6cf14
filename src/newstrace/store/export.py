"""Exports: tables as JSONL, CSV or Parquet, and the who-cites-whom graph as GEXF or GraphML.

Tables: ``articles`` (JSONL = ``Article.to_dict()`` per line; CSV/Parquet = one flat row per
article), ``attributions`` (one row per attribution, with its outlet), ``links``, ``stories``,
``claims``, ``sources``. The graph has a node per outlet and per cited source and an edge
outlet -> source weighted by mentions; a source that is itself an outlet of the corpus points at
that outlet's node, so outlet -> outlet edges show who re-reports whom.
"""

from __future__ import annotations

import json
import re
from typing import IO, Any, Callable, Iterator, Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

import sqlalchemy as sa

from newstrace.store import read
from newstrace.store import schema as s
from newstrace.store.base import Store
from newstrace.store.rows import attribution_dict, link_dict, source_name

TABLE_FORMATS = ("jsonl", "csv", "parquet")
GRAPH_FORMATS = ("gexf", "graphml")
TABLES = ("articles", "attributions", "links", "stories", "claims", "sources")
PAGE = 500

_ARTICLE_COLUMNS = {
    "id": "string", "url": "string", "headline": "string", "publisher": "string", "outlet": "string",
    "published_at": "string", "updated_at": "string", "authors": "list", "dateline": "string",
    "language": "string", "skipped": "string", "story_id": "string", "duplicate_of": "string",
    "origin_type": "string", "origin_source": "string", "origin_article_id": "string",
    "n_attributions": "int", "n_removed": "int", "body": "string",
}
_ATTRIBUTION_COLUMNS = {
    "article_id": "string", "idx": "int", "outlet": "string", "published_at": "string",
    "source_text": "string", "source_kind": "string", "source_name": "string", "resolved_text": "string",
    "cue_text": "string", "content_text": "string", "type": "string", "stance": "string", "hedged": "bool",
    "method": "string", "source_start": "int", "source_end": "int", "cue_start": "int", "cue_end": "int",
    "content_start": "int", "content_end": "int",
}
_LINK_COLUMNS = {
    "id": "string", "story_id": "string", "duplicate_of": "string", "origin_type": "string",
    "origin_source": "string", "origin_article_id": "string", "skipped": "string",
}
_STORY_COLUMNS = {"story_id": "string", "title": "string", "first_published": "string", "n_articles": "int", "article_ids": "list"}
_CLAIM_COLUMNS = {
    "claim_id": "string", "text": "string", "story_id": "string", "first_article_id": "string",
    "n_articles": "int", "article_ids": "list", "stances": "list",
}
_SOURCE_COLUMNS = {"outlet": "string", "name": "string", "display": "string", "kind": "string", "mentions": "int", "articles": "int"}


# --- rows per table ------------------------------------------------------------------------------


def _article_pages(conn: sa.Connection) -> Iterator[list[str]]:
    after: int | None = None
    while True:
        rows, after = read.list_articles(conn, after, PAGE)
        if rows:
            yield [r["id"] for r in rows]
        if after is None:
            return


def article_dicts(conn: sa.Connection) -> Iterator[dict[str, Any]]:
    """Every article's ``to_dict()``, in ingestion order."""
    for ids in _article_pages(conn):
        found = read.get_articles(conn, ids)
        for article_id in ids:
            yield found[article_id]


def _flat_articles(conn: sa.Connection) -> Iterator[dict[str, Any]]:
    for ids in _article_pages(conn):
        found = read.get_articles(conn, ids)
        summaries = read.article_summaries(conn, ids)
        for article_id in ids:
            art, summary = found[article_id], summaries[article_id]
            yield {
                **{k: art.get(k) for k in ("id", "url", "headline", "publisher", "published_at", "updated_at",
                                            "dateline", "language", "skipped", "body")},
                "authors": art.get("authors") or [],
                "outlet": summary["outlet"],
                **{k: summary.get(k) for k in ("story_id", "duplicate_of", "origin_type", "origin_source", "origin_article_id")},
                "n_attributions": len(art.get("attributions") or []),
                "n_removed": len(art.get("removed") or []),
            }


def _attribution_rows(conn: sa.Connection) -> Iterator[dict[str, Any]]:
    a, art = s.attributions, s.articles
    query = (
        sa.select(a, art.c.published_at)
        .select_from(a.join(art, art.c.id == a.c.article_id))
        .order_by(art.c.seq, a.c.idx)
        .execution_options(yield_per=PAGE)
    )
    for row in conn.execute(query).mappings():
        data = attribution_dict(row)
        source = data.get("source") or {}
        cue, content = data["cue"], data.get("content") or {}
        resolved = source.get("resolved") or {}
        yield {
            "article_id": row["article_id"], "idx": row["idx"], "outlet": row["outlet"],
            "published_at": row["published_at"], "source_text": source.get("text"),
            "source_kind": source.get("kind"), "source_name": row["source_name"],
            "resolved_text": resolved.get("text"), "cue_text": cue["text"], "content_text": content.get("text"),
            "type": data["type"], "stance": data["stance"], "hedged": bool(data.get("hedged")),
            "method": data.get("method"), "source_start": source.get("start"), "source_end": source.get("end"),
            "cue_start": cue["start"], "cue_end": cue["end"],
            "content_start": content.get("start"), "content_end": content.get("end"),
        }


def _link_rows(conn: sa.Connection) -> Iterator[dict[str, Any]]:
    query = sa.select(s.link_records).order_by(s.link_records.c.article_id).execution_options(yield_per=PAGE)
    for row in conn.execute(query).mappings():
        yield link_dict(row)


def _flat_links(conn: sa.Connection) -> Iterator[dict[str, Any]]:
    for data in _link_rows(conn):
        origin = data.get("origin") or {}
        yield {
            "id": data["id"], "story_id": data["story_id"], "duplicate_of": data.get("duplicate_of"),
            "origin_type": origin.get("type"), "origin_source": origin.get("source"),
            "origin_article_id": origin.get("article_id"), "skipped": data.get("skipped"),
        }


def _flat_stories(conn: sa.Connection) -> Iterator[dict[str, Any]]:
    for story in read.iter_stories(conn):
        yield {"story_id": story["story_id"], "title": story.get("title"), "first_published": story.get("first_published"),
               "n_articles": len(story["article_ids"]), "article_ids": story["article_ids"]}


def _flat_claims(conn: sa.Connection) -> Iterator[dict[str, Any]]:
    for claim in read.iter_claims(conn):
        yield {"claim_id": claim["claim_id"], "text": claim["text"], "story_id": claim.get("story_id"),
               "first_article_id": claim.get("first_article_id"), "n_articles": len(claim["articles"]),
               "article_ids": [m["id"] for m in claim["articles"]], "stances": [m["stance"] for m in claim["articles"]]}


def _source_rows(conn: sa.Connection) -> Iterator[dict[str, Any]]:
    src = s.sources
    query = sa.select(src).order_by(src.c.outlet, src.c.mentions.desc(), src.c.name, src.c.kind)
    for row in conn.execute(query).mappings():
        yield {k: row[k] for k in _SOURCE_COLUMNS}


# table -> (JSONL rows, flat rows, flat column types)
_SPECS: dict[str, tuple[Callable[[sa.Connection], Iterator[dict[str, Any]]], Callable[[sa.Connection], Iterator[dict[str, Any]]], dict[str, str]]] = {
    "articles": (article_dicts, _flat_articles, _ARTICLE_COLUMNS),
    "attributions": (_attribution_rows, _attribution_rows, _ATTRIBUTION_COLUMNS),
    "links": (_link_rows, _flat_links, _LINK_COLUMNS),
    "stories": (lambda c: read.iter_stories(c), _flat_stories, _STORY_COLUMNS),
    "claims": (lambda c: read.iter_claims(c), _flat_claims, _CLAIM_COLUMNS),
    "sources": (_source_rows, _source_rows, _SOURCE_COLUMNS),
}


# --- writers -------------------------------------------------------------------------------------


def export_table(store: Store, table: str, fmt: str, out: IO[Any]) -> int:
    """Write ``table`` to ``out`` (a text stream for jsonl/csv, a binary one for parquet)."""
    if table not in _SPECS:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
    rows_json, rows_flat, columns = _SPECS[table]
    with store.connect() as conn:
        if fmt == "jsonl":
            count = 0
            for row in rows_json(conn):
                out.write(json.dumps(row, ensure_ascii=False))
                out.write("\n")
                count += 1
            return count
        if fmt == "csv":
            return _write_csv(rows_flat(conn), columns, out)
        if fmt == "parquet":
            return _write_parquet(rows_flat(conn), columns, out)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(TABLE_FORMATS)}")


def _csv_cell(value: Any, kind: str) -> Any:
    if value is None:
        return ""
    if kind == "list":
        return json.dumps(value, ensure_ascii=False)
    if kind == "bool":
        return "true" if value else "false"
    return value


def _write_csv(rows: Iterator[Mapping[str, Any]], columns: Mapping[str, str], out: IO[str]) -> int:
    import csv

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(list(columns))
    count = 0
    for row in rows:
        writer.writerow([_csv_cell(row.get(c), kind) for c, kind in columns.items()])
        count += 1
    return count


def _write_parquet(rows: Iterator[Mapping[str, Any]], columns: Mapping[str, str], out: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"string": pa.string(), "int": pa.int64(), "bool": pa.bool_(), "list": pa.list_(pa.string())}
    schema = pa.schema([(c, types[k]) for c, k in columns.items()])
    count = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        batch: list[Mapping[str, Any]] = []
        for row in rows:
            batch.append(row)
            count += 1
            if len(batch) >= 5000:
                writer.write_table(pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in batch], schema=schema))
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in batch], schema=schema))
    return count


# --- the who-cites-whom graph --------------------------------------------------------------------

_XML_BAD = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: Any) -> str:
    return _XML_BAD.sub("\ufffd", str(text))


def citation_graph(conn: sa.Connection) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Nodes ``{id, label, type, articles}`` and edges ``{source, target, weight, articles, kind}``."""
    nodes: dict[str, dict[str, Any]] = {}
    outlet_ids: dict[str, str] = {}
    for row in conn.execute(sa.select(s.outlets).order_by(s.outlets.c.outlet)).mappings():
        node_id = f"outlet:{row['outlet']}"
        nodes[node_id] = {"id": node_id, "label": row["outlet"], "type": "outlet", "articles": row["articles"]}
        outlet_ids[source_name(row["outlet"])] = node_id
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    src = s.sources
    for row in conn.execute(sa.select(src).order_by(src.c.outlet, src.c.name, src.c.kind)).mappings():
        target = outlet_ids.get(row["name"]) if row["kind"] in ("outlet", "organization", "unknown") else None
        if target is None:
            target = f"source:{row['kind']}:{row['name']}"
            node = nodes.setdefault(target, {"id": target, "label": row["display"], "type": row["kind"], "articles": 0})
            node["articles"] += row["articles"]
        source = f"outlet:{row['outlet']}"
        if source == target:
            continue  # an outlet quoting its own earlier reporting
        edge = edges.setdefault((source, target), {"source": source, "target": target, "weight": 0, "articles": 0, "kind": row["kind"]})
        edge["weight"] += row["mentions"]
        edge["articles"] += row["articles"]
    return list(nodes.values()), list(edges.values())


def export_graph(store: Store, fmt: str, out: IO[str]) -> tuple[int, int]:
    with store.connect() as conn:
        nodes, edges = citation_graph(conn)
    if fmt == "gexf":
        _write_gexf(nodes, edges, out)
    elif fmt == "graphml":
        _write_graphml(nodes, edges, out)
    else:
        raise ValueError(f"unknown graph format {fmt!r}; expected one of {', '.join(GRAPH_FORMATS)}")
    return len(nodes), len(edges)


def _attr(value: Any) -> str:
    return quoteattr(_xml(value))


def _write_gexf(nodes: Sequence[Mapping[str, Any]], edges: Sequence[Mapping[str, Any]], out: IO[str]) -> None:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3" version="1.3">\n')
    out.write("  <meta><creator>newstrace</creator><description>who cites whom: outlet -&gt; cited source</description></meta>\n")
    out.write('  <graph defaultedgetype="directed" mode="static">\n')
    out.write('    <attributes class="node"><attribute id="type" title="type" type="string"/>'
              '<attribute id="articles" title="articles" type="integer"/></attributes>\n')
    out.write('    <attributes class="edge"><attribute id="kind" title="kind" type="string"/>'
              '<attribute id="articles" title="articles" type="integer"/></attributes>\n')
    out.write("    <nodes>\n")
    for n in nodes:
        out.write(f"      <node id={_attr(n['id'])} label={_attr(n['label'])}><attvalues>"
                  f"<attvalue for=\"type\" value={_attr(n['type'])}/><attvalue for=\"articles\" value=\"{int(n['articles'])}\"/>"
                  "</attvalues></node>\n")
    out.write("    </nodes>\n    <edges>\n")
    for i, e in enumerate(edges):
        out.write(f"      <edge id=\"{i}\" source={_attr(e['source'])} target={_attr(e['target'])} weight=\"{int(e['weight'])}\">"
                  f"<attvalues><attvalue for=\"kind\" value={_attr(e['kind'])}/>"
                  f"<attvalue for=\"articles\" value=\"{int(e['articles'])}\"/></attvalues></edge>\n")
    out.write("    </edges>\n  </graph>\n</gexf>\n")


def _write_graphml(nodes: Sequence[Mapping[str, Any]], edges: Sequence[Mapping[str, Any]], out: IO[str]) -> None:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    out.write('  <key id="label" for="node" attr.name="label" attr.type="string"/>\n')
    out.write('  <key id="type" for="node" attr.name="type" attr.type="string"/>\n')
    out.write('  <key id="narticles" for="node" attr.name="articles" attr.type="int"/>\n')
    out.write('  <key id="weight" for="edge" attr.name="weight" attr.type="int"/>\n')
    out.write('  <key id="kind" for="edge" attr.name="kind" attr.type="string"/>\n')
    out.write('  <key id="earticles" for="edge" attr.name="articles" attr.type="int"/>\n')
    out.write('  <graph id="citations" edgedefault="directed">\n')
    for n in nodes:
        out.write(f"    <node id={_attr(n['id'])}><data key=\"label\">{escape(_xml(n['label']))}</data>"
                  f"<data key=\"type\">{escape(_xml(n['type']))}</data><data key=\"narticles\">{int(n['articles'])}</data></node>\n")
    for e in edges:
        out.write(f"    <edge source={_attr(e['source'])} target={_attr(e['target'])}><data key=\"weight\">{int(e['weight'])}</data>"
                  f"<data key=\"kind\">{escape(_xml(e['kind']))}</data><data key=\"earticles\">{int(e['articles'])}</data></edge>\n")
    out.write("  </graph>\n</graphml>\n")
