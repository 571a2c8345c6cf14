"""Store fixtures: a real SQLite file and a real PostgreSQL database per test, and a small
hand-written corpus (synthetic sentences written for these tests) with link records, stories
and claims built by hand."""

from __future__ import annotations

import importlib.util
import os
import uuid
from pathlib import Path
from typing import Any, Iterator

import pytest

from newstrace.store import Store, open_store

ROOT = Path(__file__).resolve().parents[2]


def load_pg_script() -> Any:
    spec = importlib.util.spec_from_file_location("newstrace_pg_server", ROOT / "scripts" / "pg_server.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """A running PostgreSQL: NEWSTRACE_TEST_PG_URL, else one started by scripts/pg_server.py."""
    env = os.environ.get("NEWSTRACE_TEST_PG_URL")
    if env:
        yield env
        return
    script = load_pg_script()  # sets XDG_RUNTIME_DIR before pgserver is imported
    try:
        import pgserver  # noqa: F401
    except ImportError:
        pytest.skip("pgserver is not installed (pip install -r requirements.lock)")
    uri, server = script.start()
    yield uri
    del server


def _with_database(uri: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(uri).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_template(pg_server_url: str) -> Iterator[str]:
    """A database migrated once (from empty, by ``open_store``), copied for every test."""
    import psycopg

    name = "nt_template_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    open_store(_with_database(pg_server_url, name)).close()
    yield name
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url(pg_server_url: str, pg_template: str) -> Iterator[str]:
    """A fresh migrated database on the test server (a copy of the template), dropped afterwards."""
    import psycopg

    name = "nt_" + uuid.uuid4().hex[:16]
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"')
    yield _with_database(pg_server_url, name)
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    yield opened
    opened.close()


@pytest.fixture
def corpus_store(store: Store) -> Store:
    """The store with the synthetic corpus and its hand-built links, stories and claims."""
    from newstrace.store import put_records

    from .store_synthetic import corpus_articles, corpus_links

    links, stories, claims = corpus_links()
    put_records(store, corpus_articles(), links, stories, claims, traces={"claim-resigned": {"steps": ["ledger-1"]}})
    return store
