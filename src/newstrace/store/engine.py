"""Engines for the store: SQLite (default, a file) or PostgreSQL, both through SQLAlchemy 2 Core.

SQLite gets real transactions (``BEGIN`` emitted by us, so DDL is transactional too), WAL (readers
never block the writer), foreign keys, a busy timeout, and ``synchronous=NORMAL`` (with WAL a
committed transaction survives a killed process; only a power cut may lose the last one).
PostgreSQL URLs are routed to psycopg 3.
"""

from __future__ import annotations

import logging
import os
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from newstrace.errors import StoreError

LOGGER = logging.getLogger(__name__)

SUPPORTED = ("sqlite", "postgresql")


def parse_url(url: str) -> URL:
    """Validate a store URL and route PostgreSQL to psycopg 3; raise ``StoreError`` otherwise."""
    text = url.strip()
    if text.startswith("postgres://"):
        text = "postgresql://" + text[len("postgres://") :]
    try:
        parsed = make_url(text)
    except ArgumentError:
        raise StoreError(f"invalid store URL {url!r}; expected sqlite:///path.db or postgresql://user@host/db") from None
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED:
        raise StoreError(f"unsupported store URL {url!r}; expected sqlite:///path.db or postgresql://user@host/db")
    if backend == "postgresql" and parsed.drivername in ("postgresql", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def sqlite_path(parsed: URL) -> str | None:
    """The file of a SQLite URL, or None for an in-memory database."""
    database = parsed.database
    if not database or database == ":memory:" or parsed.query.get("mode") == "memory":
        return None
    return database


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see _on_begin)
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA cache_size=-8000")
        # Read through a shared memory map: every pooled connection sees the OS page cache instead
        # of warming a private cache of its own (many readers, one writer).
        cursor.execute("PRAGMA mmap_size=1073741824")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # Writers take the write lock up front: a deferred transaction that upgrades later can fail
        # with SQLITE_BUSY without waiting, whereas BEGIN IMMEDIATE waits for busy_timeout.
        mode = conn.get_execution_options().get("sqlite_begin", "")
        conn.exec_driver_sql(f"BEGIN {mode}".strip())


def create_store_engine(url: str, *, create: bool = True, pool_size: int = 8) -> Engine:
    """An engine for ``url``. With ``create=False`` a missing SQLite file is an error, not a new store."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(parsed)
        if path is None:
            engine = sa.create_engine(
                "sqlite://",
                poolclass=StaticPool,
                connect_args={"check_same_thread": False},
            )
        else:
            if not create and not os.path.exists(path):
                raise StoreError(f"no store at {path!r}; create one with `newstrace ingest INPUT --db {url}`")
            directory = os.path.dirname(os.path.abspath(path))
            if not os.path.isdir(directory):
                raise StoreError(f"cannot create store {path!r}: directory {directory!r} does not exist")
            engine = sa.create_engine(
                parsed,
                pool_size=pool_size,
                max_overflow=pool_size * 2,
                connect_args={"check_same_thread": False, "timeout": 30},
            )
        _install_sqlite_hooks(engine)
        return engine
    try:
        return sa.create_engine(parsed, pool_size=pool_size, max_overflow=pool_size * 2, pool_pre_ping=True)
    except ImportError as exc:  # pragma: no cover - psycopg is in the lock
        raise StoreError(f"PostgreSQL driver missing: {exc}") from None
