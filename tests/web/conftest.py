"""Web fixtures: a store with the synthetic corpus plus a hostile article, an in-process client,
a live server on a free loopback port, and Debian's chromium driven by Playwright."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Iterator

import pytest


from newstrace.store import Store, open_store  # noqa: E402

from .web_helpers import CHROMIUM, CHROMIUM_ARGS, LiveServer, fill_store, web_settings  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    # Starlette's TestClient warns that it will move from httpx to httpx2; the lock has httpx.
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")


@pytest.fixture
def web_store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(f"sqlite:///{tmp_path / 'web.db'}")
    fill_store(store)
    yield store
    store.close()


@pytest.fixture
def client(web_store: Store) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from newstrace.web import create_app

    app = create_app(web_settings(web_store.url, **{"web.max_request_bytes": 200_000}), web_store)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from newstrace.web import create_app

    path = tmp_path_factory.mktemp("live") / "live.db"
    store = open_store(f"sqlite:///{path}")
    fill_store(store)
    app = create_app(web_settings(store.url), store)
    with LiveServer(app) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=True)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


