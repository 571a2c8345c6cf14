"""Helpers shared by the web tests: the hostile article, store filling, settings, a live server, screenshots."""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any, Iterator


from newstrace.records import Article, Attribution, Claim, ClaimMention, LinkRecord, Origin, Removal, Source, Span, Story  # noqa: E402
from newstrace.settings import Settings, load_settings  # noqa: E402
from newstrace.store import Store, open_store, put_records  # noqa: E402

from store.store_synthetic import corpus_articles, corpus_links  # noqa: E402


ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TOKEN = "test-token-0123456789"

# Markup an attacker could put in a scraped article: each would set window.__pwned or the title.
XSS = [
    "<script>window.__pwned = 'script'; document.title = 'pwned';</script>",
    "<img src=x onerror=\"window.__pwned='img'\">",
    "<svg onload=\"window.__pwned='svg'\"></svg>",
    "\"><script>window.__pwned='attr'</script>",
    "<a href=\"javascript:window.__pwned='href'\">click</a>",
    "</span></p><iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe>",
    "{{ 7*7 }} {% raw %}",
]


def hostile_article() -> Article:
    body = (
        "Officials said " + XSS[0] + " was found in the page.\n\n"
        + XSS[1] + " The agency denied " + XSS[2] + " any breach.\n\n"
        + "A note: " + XSS[5] + " " + XSS[6]
    )
    src_start = body.index("Officials")
    cue = body.index("said")
    deny = body.index("denied")
    agency = body.index("The agency")
    return Article(
        id="xss-<script>1",
        body=body,
        headline="Breach " + XSS[3],
        publisher="Evil " + XSS[1],
        url="javascript:window.__pwned='url'",
        published_at="2023-11-20T10:00:00Z",
        authors=(XSS[0],),
        removed=(Removal(XSS[4], "promo"), Removal(XSS[5], "embed")),
        attributions=(
            Attribution(Source("Officials", src_start, src_start + 9, "official"), Span.of(body, cue, cue + 4),
                        Span.of(body, cue + 5, cue + 5 + len(XSS[0])), "indirect", "assert"),
            Attribution(Source("The agency", agency, agency + 10, "organization\"><script>"), Span.of(body, deny, deny + 6),
                        Span.of(body, deny + 7, deny + 7 + len(XSS[2])), "indirect", "deny\" onmouseover=\"window.__pwned='stance'"),
            Attribution(None, Span.of(body, 0, 9), None),
            Attribution(Source("bad offsets", 5000, 5011, "person"), Span("x", 9000, 9001), None),  # never trusted
        ),
    )


def hostile_links() -> tuple[list[LinkRecord], list[Story], list[Claim]]:
    aid = "xss-<script>1"
    return (
        [LinkRecord(aid, "story-<b>xss</b>", origin=Origin("rewrite", XSS[3], "ledger-1"))],
        [Story("story-<b>xss</b>", (aid, "ledger-1"), "2023-11-20T10:00:00Z", "Title " + XSS[0])],
        [Claim("claim-<i>xss</i>", "Claim " + XSS[1], (ClaimMention(aid, "deny", XSS[2]), ClaimMention("ledger-1", "assert", "<u>x</u>")),
               aid, "story-<b>xss</b>")],
    )


def fill_store(store: Store) -> None:
    links, stories, claims = corpus_links()
    put_records(store, corpus_articles(), links, stories, claims)
    h_links, h_stories, h_claims = hostile_links()
    put_records(store, [hostile_article()], h_links, h_stories, h_claims)


def web_settings(url: str, **overrides: Any) -> Settings:
    return load_settings(environ={}, overrides={"store.db": url, "web.api_token": TOKEN, **overrides})


class LiveServer:
    """uvicorn serving the app on a free loopback port, in a background thread."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.socket.close()


def screenshot(tab: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path
