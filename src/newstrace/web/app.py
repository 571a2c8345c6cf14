"""The FastAPI application: JSON API under ``/api``, server-rendered pages, static files.

Cross-cutting rules live here: every response carries a strict Content-Security-Policy (scripts,
styles, images only from this origin; no inline script or style; no framing), request bodies are
bounded before any handler reads them (413), and every error has one shape,
``{"error": {"code": ..., "message": ...}}`` (pages show the same as an HTML page to browsers).
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from http import HTTPStatus
from pathlib import Path
from typing import Any, AsyncIterator, Awaitable, Callable, MutableMapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newstrace.settings import Settings
from newstrace.store import Appender, Store, open_store

LOGGER = logging.getLogger(__name__)

HERE = Path(__file__).parent
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    409: "conflict", 413: "payload_too_large", 415: "unsupported_media_type", 422: "validation_error",
    429: "too_many_requests", 500: "internal_error", 503: "unavailable",
}

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class ApiError(Exception):
    """An error with a machine-readable code, rendered in the one error shape."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def error_body(code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False).encode("utf-8")


class GuardMiddleware:
    """Adds the security headers to every response and refuses bodies over ``max_bytes`` (413).

    A declared Content-Length over the limit is refused before the body is read; a body without
    one (chunked) is read up to the limit and refused as soon as it goes over, then replayed.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in present)
                message["headers"] = headers
            await send(message)

        if scope["method"] in ("POST", "PUT", "PATCH", "DELETE"):
            declared = _content_length(scope)
            if declared is not None and declared > self.max_bytes:
                await self._too_large(send_with_headers)
                return
            chunks: list[bytes] = []
            size = 0
            more = True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                body = message.get("body", b"")
                size += len(body)
                if size > self.max_bytes:
                    await self._too_large(send_with_headers)
                    return
                chunks.append(body)
                more = bool(message.get("more_body"))
            replayed = False

            async def replay() -> Message:
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
                return await receive()

            await self.app(scope, replay, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    async def _too_large(self, send: Send) -> None:
        body = error_body("payload_too_large", f"request body is larger than {self.max_bytes} bytes")
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api") or path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


class AppState:
    """What the handlers share: the store, settings, and the single writer (lock + appender)."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.write_lock = threading.Lock()
        self.appender = Appender(store, settings)
        self._pipeline: Any = None

    def pipeline(self) -> Any:
        """The clean+analyze pipeline, built on first use (loading models takes seconds)."""
        if self._pipeline is None:
            from newstrace.pipeline import build_pipeline

            self._pipeline = build_pipeline(["clean", "analyze"], self.settings)
        return self._pipeline


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """The API + UI app over ``store`` (default: ``settings.store.db``, created and migrated)."""
    from newstrace.web import api, pages

    threads = max(1, settings.web.threads)
    if store is None:
        store = open_store(settings.store.db, create=True, pool_size=threads)
    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Handlers are short and CPU-bound: a few threads keep the GIL from thrashing between
        # dozens of them; more requests simply wait their turn on the event loop.
        import anyio.to_thread

        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="newstrace",
        version="0.1.0",
        summary="News provenance: articles, attributions, stories, claims and their provenance.",
        docs_url=None,  # the Swagger/ReDoc pages load scripts from a CDN, which the CSP forbids
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.nt = AppState(store, settings)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return _error_response(request, exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        return _error_response(request, exc.status_code, _CODES.get(exc.status_code, "error"), message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "request"
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return _error_response(request, 422, "validation_error", "; ".join(parts) or "invalid request")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        LOGGER.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return _error_response(request, 500, "internal_error", "internal server error")

    app.add_middleware(GuardMiddleware, max_bytes=settings.web.max_request_bytes)  # type: ignore[arg-type]

    return app


def _error_response(request: Request, status: int, code: str, message: str, headers: Any = None) -> Response:
    if wants_html(request):
        from newstrace.web.pages import render_error

        return render_error(request, status, message)
    return Response(error_body(code, message), status_code=status, media_type="application/json", headers=dict(headers or {}))


def html_response(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status)
