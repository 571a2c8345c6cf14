"""Adding analysed articles to a store: one transaction per batch for the articles, the linker's
new link records / stories / claims, and the linker's state, so a store is never half-updated.

The linker lives in memory between batches. Its state row carries a version; a writer that finds
another version in the store (another process wrote meanwhile) reloads it first. When the stored
state is of another linker format (the linker was upgraded), the linker is rebuilt by replaying the
stored articles batch by batch, in their original order, and the link tables are rewritten.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Sequence

import sqlalchemy as sa

from newstrace.records import Article, Claim, LinkRecord, Story
from newstrace.settings import Settings
from newstrace.store import schema as s
from newstrace.store import write as w
from newstrace.store.base import Store
from newstrace.store.linking import LinkerLike, linker_class, linker_format, load_linker, new_linker, trace_dict
from newstrace.store.read import get_articles

LOGGER = logging.getLogger(__name__)


@dataclass
class LinkState:
    """The in-memory linker and the link rows the store holds for it (to write only changes)."""

    linker: LinkerLike
    version: int
    batches: int
    links: dict[str, LinkRecord] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    rewrite_all: bool = False


@dataclass(frozen=True)
class AppendResult:
    added: list[str]
    existing: list[str]


class Appender:
    """Appends batches of analysed articles to a store and keeps the link tables in step."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self._state: LinkState | None = None

    def add(self, articles: Sequence[Article]) -> AppendResult:
        """Store the articles whose ids are new (in one transaction) and link them."""
        unique: dict[str, Article] = {}
        for article in articles:
            unique.setdefault(article.id, article)
        try:
            with self.store.write() as conn:
                state = self._state_for(conn)
                existing = w.existing_ids(conn, list(unique))
                new = [a for i, a in unique.items() if i not in existing]
                if not new:
                    return AppendResult([], [a.id for a in articles])
                state.linker.add(new)
                batch = state.batches + 1
                w.insert_articles(conn, new, w.next_seq(conn), batch)
                snapshot = self._sync(conn, state)
                fmt = linker_format(linker_class())
                w.save_linker_state(conn, state.version + 1, batch, fmt, state.linker.dump())
        except BaseException:
            self._state = None  # the linker may hold articles the store does not: reload next time
            raise
        state.version += 1
        state.batches = batch
        state.links, state.stories, state.claims = snapshot
        state.rewrite_all = False
        return AppendResult([a.id for a in new], _others(articles, new))

    # --- state -----------------------------------------------------------------------------------

    def _state_for(self, conn: sa.Connection) -> LinkState:
        row = w.read_linker_state(conn)
        version = int(row["version"]) if row else 0
        if self._state is not None and self._state.version == version:
            return self._state
        self._state = self._load_state(conn, row)
        return self._state

    def _load_state(self, conn: sa.Connection, row: Any) -> LinkState:
        linker = load_linker(bytes(row["data"]), row["format"], self.settings) if row else None
        version = int(row["version"]) if row else 0
        batches = int(row["batches"]) if row else 0
        if linker is not None:
            return LinkState(
                linker, version, batches,
                links={r.id: r for r in linker.link_records()},
                stories={st.story_id: st for st in linker.stories()},
                claims={c.claim_id: c for c in linker.claims()},
            )
        linker = new_linker(self.settings)
        replayed = self._replay(conn, linker)
        if replayed:
            LOGGER.info("linker rebuilt from %d stored batches", replayed)
        # The link tables were written by another linker (or by hand): rewrite them all.
        return LinkState(linker, version, max(batches, replayed), rewrite_all=True)

    def _replay(self, conn: sa.Connection, linker: LinkerLike) -> int:
        """Feed the stored articles to a fresh linker, batch by batch in their stored order."""
        query = sa.select(s.articles.c.batch, s.articles.c.id).order_by(s.articles.c.seq)
        batches: dict[int, list[str]] = {}
        for batch, article_id in conn.execute(query):
            batches.setdefault(int(batch), []).append(article_id)
        for ids in batches.values():
            found = get_articles(conn, ids)
            linker.add([Article.from_dict(found[i]) for i in ids])
        return len(batches)

    # --- link tables -----------------------------------------------------------------------------

    def _sync(
        self, conn: sa.Connection, state: LinkState
    ) -> tuple[dict[str, LinkRecord], dict[str, Story], dict[str, Claim]]:
        """Write the link records, stories and claims that changed; return the new snapshot."""
        linker = state.linker
        links = {r.id: r for r in linker.link_records()}
        stories = {st.story_id: st for st in linker.stories()}
        claims = {c.claim_id: c for c in linker.claims()}
        old_links, old_stories, old_claims = state.links, state.stories, state.claims
        if state.rewrite_all:
            for table in (s.link_records, s.story_articles, s.stories, s.claim_mentions, s.claims):
                conn.execute(table.delete())
            old_links, old_stories, old_claims = {}, {}, {}
        w.delete_link_records(conn, sorted(set(old_links) - set(links)))
        w.put_link_records(conn, [r for i, r in links.items() if old_links.get(i) != r])
        w.delete_stories(conn, sorted(set(old_stories) - set(stories)))
        w.put_stories(conn, [st for i, st in stories.items() if old_stories.get(i) != st])
        w.delete_claims(conn, sorted(set(old_claims) - set(claims)))
        changed_claims = [c for i, c in claims.items() if old_claims.get(i) != c]
        traces = {c.claim_id: trace_dict(linker, c.claim_id) for c in changed_claims}
        w.put_claims(conn, changed_claims, traces)
        return links, stories, claims


def _others(articles: Sequence[Article], added: Sequence[Article]) -> list[str]:
    """Ids of the input articles not stored by this call (duplicates after the first included)."""
    pending = {id(a) for a in added}
    return [a.id for a in articles if id(a) not in pending]


def put_records(
    store: Store,
    articles: Sequence[Article] = (),
    links: Sequence[LinkRecord] = (),
    stories: Sequence[Story] = (),
    claims: Sequence[Claim] = (),
    traces: dict[str, dict[str, Any]] | None = None,
) -> None:
    """Write precomputed records as they are, without running a linker (tests, bulk loads).

    Articles already stored are left alone; link records, stories and claims replace any with
    the same id. A later ``Appender`` rebuilds its linker from the stored articles.
    """
    with store.write() as conn:
        existing = w.existing_ids(conn, [a.id for a in articles])
        new: list[Article] = []
        seen: set[str] = set()
        for article in articles:
            if article.id not in existing and article.id not in seen:
                seen.add(article.id)
                new.append(article)
        if new:
            batch = int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(s.articles.c.batch), 0))).scalar_one()) + 1
            w.insert_articles(conn, new, w.next_seq(conn), batch)
        w.put_link_records(conn, list(links))
        w.put_stories(conn, list(stories))
        w.put_claims(conn, list(claims), traces or {})
        if new:
            # The stored linker state no longer covers every article: mark it stale (a new version
            # of an unknown format), so the next writer rebuilds its linker from the articles.
            state = w.read_linker_state(conn)
            version = int(state["version"]) + 1 if state else 1
            batches = int(state["batches"]) if state else 0
            w.save_linker_state(conn, version, batches, "stale", b"")
