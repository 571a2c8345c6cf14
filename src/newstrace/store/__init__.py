"""The store: articles, attributions, link records, stories, claims and sources in SQLite or PostgreSQL.

    store = open_store("sqlite:///newstrace.db")       # creates and migrates when needed
    summary = ingest(["corpus/"], store, settings)      # the whole pipeline, committed per batch
    with store.connect() as conn:
        article = read.get_article(conn, "a1")          # exactly Article.to_dict()

Modules: ``engine`` (URLs, SQLite pragmas), ``schema`` (tables), ``migrations`` (versioned DDL),
``rows`` (records <-> rows), ``write`` / ``append`` (transactions), ``linking`` (the linker adapter),
``ingest`` (the run loop), ``read`` / ``search`` (queries), ``trace`` (provenance views),
``export`` (JSONL, CSV, Parquet, GEXF, GraphML), ``dump`` (canonical dump for comparisons).
"""

from __future__ import annotations

from newstrace.store.append import Appender, AppendResult, put_records
from newstrace.store.base import DEFAULT_URL, Store, safe_url
from newstrace.store.ingest import IngestProgress, IngestSummary, ingest
from newstrace.store.trace import NotFound, render_trace_text, trace_from_store

__all__ = [
    "DEFAULT_URL",
    "Store",
    "open_store",
    "safe_url",
    "ingest",
    "IngestProgress",
    "IngestSummary",
    "Appender",
    "AppendResult",
    "put_records",
    "trace_from_store",
    "render_trace_text",
    "NotFound",
]


def open_store(url: str = DEFAULT_URL, *, create: bool = True, pool_size: int = 8) -> Store:
    """Open the store at ``url`` (a SQLAlchemy URL), creating and migrating it when needed."""
    return Store.open(url, create=create, pool_size=pool_size)
