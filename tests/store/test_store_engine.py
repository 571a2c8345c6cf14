"""Store URLs and engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.errors import StoreError
from newstrace.store import open_store, safe_url
from newstrace.store.engine import parse_url


@pytest.mark.parametrize(
    "url, driver",
    [
        ("sqlite:///news.db", "sqlite"),
        ("sqlite://", "sqlite"),
        ("postgresql://u@localhost/news", "postgresql+psycopg"),
        ("postgres://u@localhost/news", "postgresql+psycopg"),
        ("postgresql+psycopg://u@localhost/news", "postgresql+psycopg"),
    ],
)
def test_engine_parse_url_routes_drivers(url: str, driver: str) -> None:
    assert parse_url(url).drivername == driver


@pytest.mark.parametrize("url", ["mysql://u@h/db", "not a url", "", "oracle://x"])
def test_engine_parse_url_rejects_other_databases(url: str) -> None:
    with pytest.raises(StoreError):
        parse_url(url)


def test_engine_missing_file_is_an_error_without_create(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        open_store(f"sqlite:///{tmp_path / 'absent.db'}", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_engine_missing_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(f"sqlite:///{tmp_path / 'nope' / 'x.db'}")


def test_engine_safe_url_hides_password() -> None:
    assert "secret" not in safe_url("postgresql://user:secret@db.example/news")
    assert "user" in safe_url("postgresql://user:secret@db.example/news")


def test_engine_sqlite_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    with store.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()
