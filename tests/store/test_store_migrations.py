"""Versioned migrations: applied once, recorded, refused when the store is newer."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateIndex, CreateTable

from newstrace.errors import StoreError
from newstrace.store import Store, open_store
from newstrace.store import schema as s
from newstrace.store.migrations import MIGRATIONS, MIGRATIONS_TABLE, applied_migrations, apply_migrations


def test_migrations_create_every_table(store: Store) -> None:
    names = set(sa.inspect(store.engine).get_table_names())
    assert set(s.TABLES) <= names
    assert MIGRATIONS_TABLE in names
    with store.connect() as conn:
        assert applied_migrations(conn) == [name for name, _ in MIGRATIONS]


def test_migrations_columns_match_schema(store: Store) -> None:
    inspector = sa.inspect(store.engine)
    for name, table in s.TABLES.items():
        columns = {c["name"] for c in inspector.get_columns(name)}
        assert {c.name for c in table.columns} <= columns, name


def test_migrations_second_apply_is_a_no_op(store_url: str) -> None:
    first = open_store(store_url)
    first.close()
    engine = open_store(store_url).engine
    assert apply_migrations(engine) == []
    engine.dispose()


def test_migrations_refuse_a_newer_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'n.db'}"
    store = open_store(url)
    with store.write() as conn:
        conn.execute(sa.text(f"INSERT INTO {MIGRATIONS_TABLE} (name, applied_at) VALUES ('9999_future', 'x')"))
    store.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(url)


def test_migrations_v1_ddl_is_frozen() -> None:
    """Migration 0001 builds today's ``schema.build_tables``: changing a table without a new
    migration would silently give old and new stores different schemas. If this fails, freeze the
    old ``build_tables`` for migration 0001, write migration 0003 for the change, then update this."""
    metadata = sa.MetaData()
    s.build_tables(metadata)
    dialect = sqlite.dialect()
    ddl = []
    for table in metadata.sorted_tables:
        ddl.append(str(CreateTable(table).compile(dialect=dialect)).strip())
        ddl.extend(str(CreateIndex(i).compile(dialect=dialect)) for i in sorted(table.indexes, key=lambda i: i.name or ""))
    digest = hashlib.sha256("\n".join(ddl).encode()).hexdigest()[:16]
    assert digest == V1_DDL_DIGEST, f"v1 DDL changed (digest {digest})"


V1_DDL_DIGEST = "5ae4476b04eba97d"
