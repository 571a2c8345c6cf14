"""A short text overview of a store (for ``make demo`` and the terminal): counts, the largest
stories, and the provenance chain of the largest story or its best-attested claim."""

from __future__ import annotations

from typing import Sequence

from newstrace.settings import Settings, load_settings
from newstrace.store import read
from newstrace.store.base import Store
from newstrace.store.ingest import IngestSummary, ingest
from newstrace.store.text import stories_table
from newstrace.store.trace import render_trace_text, trace_in


def ingest_into(db: str, paths: Sequence[str], settings: Settings | None = None) -> IngestSummary:
    """Open (creating and migrating) the store at ``db``, ingest ``paths``, close it."""
    store = Store.open(db, create=True)
    try:
        return ingest(list(paths), store, settings or load_settings(overrides={"store.db": db}))
    finally:
        store.close()


def overview(store: Store, n_stories: int = 5) -> str:
    with store.connect() as conn:
        counts = read.counts(conn)
        stories, _ = read.list_stories(conn, None, n_stories)
        heads = read.article_summaries(conn, [s["article_ids"][0] for s in stories if s["article_ids"]])
        lines = [
            f"store {store.url}: {counts['articles']} articles ({counts['skipped']} skipped), {counts['stories']} stories "
            f"({counts['multi_article_stories']} with several articles), {counts['claims']} claims, "
            f"{counts['attributions']} attributions from {counts['outlets']} outlets",
            "",
        ]
        if not stories:
            return "\n".join(lines) + "\n"
        titles = {s["story_id"]: heads.get(s["article_ids"][0], {}).get("headline") for s in stories if s["article_ids"]}
        lines.append(stories_table(stories, titles))
        top = stories[0]
        claims = read.claims_of_story(conn, top["story_id"], 1)
        target = claims[0]["claim_id"] if claims else top["story_id"]
        lines.append(render_trace_text(trace_in(conn, target)))
    return "\n".join(lines)
