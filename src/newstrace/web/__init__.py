"""The HTTP API and web UI (``newstrace serve``): ``create_app(settings)``."""

from __future__ import annotations

from newstrace.web.app import create_app

__all__ = ["create_app"]
