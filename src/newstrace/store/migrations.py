"""Versioned schema migrations: ordered, named functions, each applied once and recorded.

Why not Alembic: the store's schema belongs to this one application, the full-text index needs
hand-written DDL per dialect anyway (FTS5 virtual table vs. a generated ``tsvector`` column + GIN),
and we need no autogeneration. The sqlite-utils pattern (an ordered list of named functions, the
applied names recorded in a table) is a page of code, needs no extra dependency or ``alembic.ini``,
and runs each migration and its record in one transaction (SQLite and PostgreSQL both have
transactional DDL), so a migration killed halfway leaves nothing behind. Concurrent starters are
serialised (``BEGIN IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL).

Rules: never edit or reorder a released migration; add a new one at the end.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Callable

import sqlalchemy as sa

from newstrace.errors import StoreError
from newstrace.store.schema import build_tables

LOGGER = logging.getLogger(__name__)

MIGRATIONS_TABLE = "newstrace_migrations"
_PG_LOCK_KEY = 7_301_229_117  # any constant: the advisory lock all newstrace migrators share

Migration = Callable[[sa.Connection, str], None]


def m001_tables(conn: sa.Connection, dialect: str) -> None:
    """Articles and their lists, link records, stories, claims, sources, outlets, runs, linker state."""
    metadata = sa.MetaData()
    build_tables(metadata)
    metadata.create_all(conn)


def m002_search(conn: sa.Connection, dialect: str) -> None:
    """Full-text search over headline (weighted higher) and body."""
    if dialect == "sqlite":
        # External-content FTS5: the text lives once, in ``articles``; rowid = articles.seq.
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE articles_fts USING fts5("
            "headline, body, content='articles', content_rowid='seq', "
            "tokenize='porter unicode61 remove_diacritics 2')"
        )
    else:
        # A tsvector is limited to 1 MB, so only the first 100,000 body characters are indexed.
        conn.exec_driver_sql(
            "ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('english'::regconfig, coalesce(headline, '')), 'A') || "
            "setweight(to_tsvector('english'::regconfig, left(body, 100000)), 'B')) STORED"
        )
        conn.exec_driver_sql("CREATE INDEX ix_articles_search ON articles USING GIN (search)")


MIGRATIONS: list[tuple[str, Migration]] = [
    ("0001_tables", m001_tables),
    ("0002_search", m002_search),
]


def _migrations_table() -> sa.Table:
    return sa.Table(
        MIGRATIONS_TABLE,
        sa.MetaData(),
        sa.Column("name", sa.Text(), primary_key=True),
        sa.Column("applied_at", sa.Text(), nullable=False),
    )


def applied_migrations(conn: sa.Connection) -> list[str]:
    if not sa.inspect(conn).has_table(MIGRATIONS_TABLE):
        return []
    table = _migrations_table()
    return [r[0] for r in conn.execute(sa.select(table.c.name).order_by(table.c.name))]


def _lock(conn: sa.Connection, dialect: str) -> None:
    if dialect == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})


def apply_migrations(engine: sa.Engine) -> list[str]:
    """Bring the store's schema up to date; return the names applied now (empty when current)."""
    dialect = engine.dialect.name
    known = [name for name, _ in MIGRATIONS]
    with engine.connect() as conn:
        done = applied_migrations(conn)
        conn.rollback()
    unknown = sorted(set(done) - set(known))
    if unknown:
        raise StoreError(f"the store was written by a newer newstrace (unknown migrations: {', '.join(unknown)})")
    if set(known) <= set(done):
        return []
    table = _migrations_table()
    applied: list[str] = []
    for name, migration in MIGRATIONS:
        with engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn:
            with conn.begin():
                _lock(conn, dialect)
                table.create(conn, checkfirst=True)
                if conn.execute(sa.select(table.c.name).where(table.c.name == name)).first():
                    continue
                LOGGER.info("applying store migration %s", name)
                migration(conn, dialect)
                now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
                conn.execute(table.insert().values(name=name, applied_at=now))
                applied.append(name)
    return applied
