"""The ``Store``: an engine on a migrated database, with read connections and write transactions."""

from __future__ import annotations

import contextlib
import logging
from typing import Iterator

import sqlalchemy as sa
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from newstrace.errors import StoreError
from newstrace.store.engine import create_store_engine, parse_url
from newstrace.store.migrations import apply_migrations

LOGGER = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///newstrace.db"
_PG_WRITE_LOCK = 7_301_229_118  # advisory lock held by every writer transaction on PostgreSQL


class Store:
    """One newstrace database. ``Store.open(url)`` connects and migrates it.

    Reads use ``connect()``; every write goes through ``write()``, one transaction that holds the
    store's write lock (``BEGIN IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL), so writers
    (an ``ingest`` run, the API's ``POST``) take turns while readers go on.
    """

    def __init__(self, engine: sa.Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.dialect = engine.dialect.name

    @classmethod
    def open(cls, url: str = DEFAULT_URL, *, create: bool = True, pool_size: int = 8) -> Store:
        """Open (and with ``create`` make) the store at ``url`` and apply pending migrations."""
        engine = create_store_engine(url, create=create, pool_size=pool_size)
        try:
            applied = apply_migrations(engine)
        except StoreError:
            engine.dispose()
            raise
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"cannot open store {safe_url(url)}: {_short(exc)}") from None
        if applied:
            LOGGER.info("store %s migrated: %s", safe_url(url), ", ".join(applied))
        return cls(engine, url)

    @contextlib.contextmanager
    def connect(self) -> Iterator[sa.Connection]:
        """A read connection (its implicit transaction is rolled back at the end)."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except OperationalError as exc:
            raise StoreError(f"store {safe_url(self.url)}: {_short(exc)}") from None

    @contextlib.contextmanager
    def write(self) -> Iterator[sa.Connection]:
        """One write transaction holding the store's write lock; committed when the block ends."""
        with self.engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn:
            with conn.begin():
                if self.dialect == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_WRITE_LOCK})
                yield conn

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return parse_url(url).render_as_string(hide_password=True)
    except StoreError:
        return "<invalid URL>"


def _short(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.strip().splitlines()[0][:300] if text.strip() else type(exc).__name__
