"""The JSON API: records as their to_dict(), cursor pagination, one error shape, the guarded write."""

from __future__ import annotations

import json
from typing import Any

import pytest

from newstrace.store import read

from .web_helpers import TOKEN, hostile_article
from store.store_synthetic import corpus_articles, corpus_links, ledger_article

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code and body["error"]["message"]
    return body


def test_api_article_is_its_record(client: Any) -> None:
    response = client.get("/api/articles/ledger-1")
    assert response.status_code == 200
    data = response.json()
    assert data["article"] == ledger_article().to_dict()
    assert data["link"]["story_id"] == "story-minister"
    assert {c["claim_id"] for c in data["claims"]} >= {"claim-resigned", "claim-denial"}
    odd = client.get("/api/articles/" + "xss-%3Cscript%3E1").json()
    assert odd["article"] == hostile_article().to_dict()


def test_api_articles_cursor_pages(client: Any) -> None:
    ids, cursor, pages = [], None, 0
    while True:
        response = client.get("/api/articles", params={"limit": 2, **({"cursor": cursor} if cursor else {})})
        page = response.json()
        assert len(page["items"]) <= 2
        ids += [item["id"] for item in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert ids == [a.id for a in corpus_articles()] + [hostile_article().id] and pages == 3
    only = client.get("/api/articles", params={"outlet": "Valley Post"}).json()["items"]
    assert {i["id"] for i in only} == {"weather-1", "empty-1"}


def test_api_stories_and_story(client: Any) -> None:
    page = client.get("/api/stories", params={"min_articles": 2}).json()
    assert [s["story_id"] for s in page["items"]] == ["story-minister", "story-<b>xss</b>"]
    detail = client.get("/api/stories/story-minister").json()
    _, stories, _ = corpus_links()
    assert detail["story"] == stories[0].to_dict()
    assert [a["id"] for a in detail["articles"]] == ["ledger-1", "harbor-1", "courier-1"]
    assert detail["articles"][1]["duplicate_of"] == "ledger-1"


def test_api_claim_trace(client: Any) -> None:
    data = client.get("/api/claims/claim-resigned/trace").json()
    assert data["claim"]["claim_id"] == "claim-resigned"
    assert {(e["from"], e["to"], e["type"]) for e in data["chain"]["edges"]} >= {("ledger-1", "harbor-1", "copy")}
    assert client.get("/api/claims/claim-denial").json()["text"] == "the ministry denied the report"


def test_api_search_and_sources(client: Any) -> None:
    data = client.get("/api/search", params={"q": "forecasters"}).json()
    assert [i["id"] for i in data["items"]] == ["weather-1"] and data["total"] == 1
    assert data["items"][0]["snippet"]["highlights"]
    sources = client.get("/api/sources").json()
    ledger = next(o for o in sources["outlets"] if o["outlet"] == "Daily Ledger")
    assert ledger["anonymous_share"] == 0.6
    anonymous = client.get("/api/sources", params={"kind": "anonymous"}).json()["sources"]
    assert anonymous and all(s["kind"] == "anonymous" for s in anonymous)


@pytest.mark.parametrize(
    "method, path, status, code",
    [
        ("get", "/api/articles/nope", 404, "not_found"),
        ("get", "/api/stories/nope", 404, "not_found"),
        ("get", "/api/claims/nope/trace", 404, "not_found"),
        ("get", "/api/nothing-here", 404, "not_found"),
        ("delete", "/api/articles/ledger-1", 405, "method_not_allowed"),
        ("put", "/api/articles", 405, "method_not_allowed"),
        ("get", "/api/articles?limit=501", 422, "validation_error"),
        ("get", "/api/articles?limit=0", 422, "validation_error"),
        ("get", "/api/articles?limit=ten", 422, "validation_error"),
        ("get", "/api/articles?cursor=not-a-cursor", 422, "invalid_cursor"),
        ("get", "/api/stories?cursor=WzFd", 422, "invalid_cursor"),
        ("get", "/api/search", 422, "validation_error"),
        ("get", "/api/sources?kind=alien", 422, "validation_error"),
    ],
)
def test_api_errors_have_one_shape(client: Any, method: str, path: str, status: int, code: str) -> None:
    assert_error(getattr(client, method)(path), status, code)


def test_api_page_sizes_are_capped(client: Any) -> None:
    assert len(client.get("/api/articles", params={"limit": 500}).json()["items"]) == 6
    assert_error(client.get("/api/sources", params={"limit": 10_000}), 422, "validation_error")


# --- the write ------------------------------------------------------------------------------------

NEW = {"id": "api-1", "text": "Harbour reopens after repairs\n\nThe harbour reopened on Monday, the port authority said.",
       "publisher": "Port Gazette", "published_at": "2024-05-06T09:00:00Z"}


def test_api_write_refused_without_token(client: Any) -> None:
    assert_error(client.post("/api/articles", json=NEW), 401, "unauthorized")
    assert_error(client.post("/api/articles", json=NEW, headers={"Authorization": "Bearer wrong"}), 401, "unauthorized")
    assert_error(client.post("/api/articles", json=NEW, headers={"Authorization": TOKEN}), 401, "unauthorized")
    assert_error(client.post("/api/articles", content=b"{not json", headers={"Authorization": "Bearer x"}), 401, "unauthorized")
    assert_error(client.get("/api/articles/api-1"), 404, "not_found")


def test_api_write_disabled_without_configured_token(web_store: Any) -> None:
    from fastapi.testclient import TestClient

    from newstrace.web import create_app

    from .web_helpers import web_settings

    app = create_app(web_settings(web_store.url, **{"web.api_token": ""}), web_store)
    with TestClient(app) as anonymous:
        assert_error(anonymous.post("/api/articles", json=NEW, headers=AUTH), 403, "writes_disabled")


def test_api_write_stores_and_is_queryable(client: Any, web_store: Any) -> None:
    response = client.post("/api/articles", json=NEW, headers=AUTH)
    assert response.status_code == 201, response.text
    assert response.headers["location"] == "/api/articles/api-1"
    created = response.json()
    assert created["created"] is True and created["article"]["id"] == "api-1"
    assert "harbour reopened" in created["article"]["body"].lower()
    assert created["link"]["story_id"]
    assert client.get("/api/articles/api-1").json()["article"] == created["article"]
    assert "api-1" in [h["id"] for h in client.get("/api/search", params={"q": "harbour"}).json()["items"]]
    again = client.post("/api/articles", json=dict(NEW, text="different text"), headers=AUTH)
    assert again.status_code == 200 and again.json()["created"] is False
    assert again.json()["article"] == created["article"]
    with web_store.connect() as conn:
        assert read.get_article(conn, "api-1")["publisher"] == "Port Gazette"


@pytest.mark.parametrize(
    "body, status, code",
    [
        (b"{not json", 422, "validation_error"),
        (json.dumps({"text": "no id"}).encode(), 201, None),
        (json.dumps({"id": "x2"}).encode(), 422, "validation_error"),
        (json.dumps({"id": "x3", "text": 5}).encode(), 422, "validation_error"),
        (json.dumps(["a list"]).encode(), 422, "validation_error"),
        (json.dumps({"id": "", "text": "t"}).encode(), 422, "validation_error"),
    ],
)
def test_api_write_validates_the_input_object(client: Any, body: bytes, status: int, code: str | None) -> None:
    response = client.post("/api/articles", content=body, headers={**AUTH, "Content-Type": "application/json"})
    if code is None:
        assert response.status_code == status and response.json()["article"]["id"]  # a content-hash id
    else:
        assert_error(response, status, code)


def test_api_write_refuses_oversized_bodies(client: Any) -> None:
    big = dict(NEW, id="big", text="word " * 60_000)  # 300 kB > the 200 kB limit of this client
    assert_error(client.post("/api/articles", json=big, headers=AUTH), 413, "payload_too_large")

    def chunks():  # no Content-Length: refused while streaming
        for _ in range(50):
            yield b"x" * 10_000

    assert_error(client.post("/api/articles", content=chunks(), headers={**AUTH, "Content-Type": "application/json"}), 413, "payload_too_large")
    assert_error(client.get("/api/articles/big"), 404, "not_found")


def test_api_openapi_documents_every_route(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/articles", "/api/articles/{article_id}", "/api/stories", "/api/stories/{story_id}",
            "/api/claims/{claim_id}/trace", "/api/search", "/api/sources"} <= paths
    post = spec["paths"]["/api/articles"]["post"]
    assert "requestBody" in post and {"201", "401", "413", "422"} <= set(post["responses"])
    assert not any(p.startswith("/articles") for p in paths)  # HTML pages stay out of the API spec
    assert client.get("/docs").status_code == 404  # no CDN-backed docs page


def test_api_ids_with_slashes(client: Any, web_store: Any) -> None:
    from newstrace.records import Claim, ClaimMention
    from newstrace.store import put_records

    put_records(web_store, claims=[Claim("c/1", "a claim with a slash", (ClaimMention("ledger-1"),), "ledger-1")])
    assert client.get("/api/claims/c/1").json()["claim_id"] == "c/1"
    assert client.get("/api/claims/c/1/trace").json()["claim"]["claim_id"] == "c/1"
    assert client.get("/api/claims/c%2F1/trace").json()["chain"]["nodes"][0]["article_id"] == "ledger-1"
