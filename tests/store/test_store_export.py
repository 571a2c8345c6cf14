"""Exports: JSONL records, CSV and Parquet tables, GEXF and GraphML graphs."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyarrow.parquet as pq
import pytest

from newstrace.store import Store
from newstrace.store.export import export_graph, export_table

from .store_synthetic import corpus_articles, corpus_links


def test_export_articles_jsonl_is_the_records(corpus_store: Store) -> None:
    out = io.StringIO()
    assert export_table(corpus_store, "articles", "jsonl", out) == 5
    assert [json.loads(line) for line in out.getvalue().splitlines()] == [a.to_dict() for a in corpus_articles()]


def test_export_stories_and_claims_jsonl(corpus_store: Store) -> None:
    links, stories, claims = corpus_links()
    out = io.StringIO()
    export_table(corpus_store, "stories", "jsonl", out)
    assert sorted(json.loads(x)["story_id"] for x in out.getvalue().splitlines()) == sorted(st.story_id for st in stories)
    out = io.StringIO()
    export_table(corpus_store, "claims", "jsonl", out)
    assert [json.loads(x) for x in out.getvalue().splitlines()] == sorted((c.to_dict() for c in claims), key=lambda d: d["claim_id"])


def test_export_attributions_csv(corpus_store: Store) -> None:
    out = io.StringIO()
    n = export_table(corpus_store, "attributions", "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert n == len(rows) == sum(len(a.attributions) for a in corpus_articles())
    denial = next(r for r in rows if r["article_id"] == "ledger-1" and r["stance"] == "deny")
    assert (denial["source_text"], denial["source_kind"], denial["cue_text"], denial["outlet"]) == (
        "The ministry", "organization", "denied", "Daily Ledger")


@pytest.mark.parametrize("table", ["articles", "attributions", "links", "stories", "claims", "sources"])
def test_export_parquet_matches_csv(corpus_store: Store, table: str) -> None:
    binary = io.BytesIO()
    n = export_table(corpus_store, table, "parquet", binary)
    text = io.StringIO()
    export_table(corpus_store, table, "csv", text)
    frame = pq.read_table(io.BytesIO(binary.getvalue()))
    rows = list(csv.DictReader(io.StringIO(text.getvalue())))
    assert frame.num_rows == n == len(rows)
    assert frame.column_names == list(rows[0]) if rows else True
    first_col = frame.column_names[0]
    assert [str(v) for v in frame.column(first_col).to_pylist()] == [r[first_col] for r in rows]


def test_export_gexf_and_graphml_have_the_citations(corpus_store: Store) -> None:
    gexf, graphml = io.StringIO(), io.StringIO()
    nodes, edges = export_graph(corpus_store, "gexf", gexf)
    assert export_graph(corpus_store, "graphml", graphml) == (nodes, edges)
    ns = {"g": "http://gexf.net/1.3"}
    root = ET.fromstring(gexf.getvalue())
    node_ids = {n.get("id") for n in root.iterfind(".//g:node", ns)}
    pairs = {(e.get("source"), e.get("target")) for e in root.iterfind(".//g:edge", ns)}
    assert len(node_ids) == nodes and len(pairs) == edges
    assert ("outlet:Coastal Courier", "outlet:Daily Ledger") in pairs  # an outlet citing an outlet of the corpus
    assert ("outlet:Daily Ledger", "source:outlet:reuters") in pairs
    assert ("outlet:Daily Ledger", "source:anonymous:one official") in pairs
    groot = ET.fromstring(graphml.getvalue())
    gns = {"m": "http://graphml.graphdrawing.org/xmlns"}
    assert {n.get("id") for n in groot.iterfind(".//m:node", gns)} == node_ids


def test_export_graph_escapes_hostile_names(store: Store) -> None:
    from newstrace.records import Article, Attribution, Source, Span
    from newstrace.store import put_records

    body = 'The "<x&y>" group\x01 said it.'
    put_records(store, [Article(id="h", body=body, publisher="<Evil & \"Co\">",
                                attributions=(Attribution(Source('"<x&y>" group\x01', 4, 18, "organization"), Span.of(body, 19, 23), None),))])
    for fmt in ("gexf", "graphml"):
        out = io.StringIO()
        export_graph(store, fmt, out)
        ET.fromstring(out.getvalue())  # well-formed
        assert "<Evil" not in out.getvalue()
