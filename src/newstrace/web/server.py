"""Run the app with uvicorn (``newstrace serve``)."""

from __future__ import annotations

import json
import os
from typing import Any

from newstrace.settings import Settings, settings_from_dict, settings_to_dict

_ENV = "NEWSTRACE_SERVE_SETTINGS"


def app_from_env() -> Any:
    """App factory for worker processes: the settings travel in an environment variable."""
    from newstrace.web.app import create_app

    return create_app(settings_from_dict(json.loads(os.environ[_ENV])))


def run_server(settings: Settings, workers: int = 1, log_level: str = "info", access_log: bool = True) -> None:
    """Create/migrate the store, then serve until interrupted."""
    import uvicorn

    from newstrace.store import open_store
    from newstrace.web.app import create_app

    open_store(settings.store.db, create=True).close()  # fail fast on a bad URL; migrate once
    host, port = settings.web.host, settings.web.port
    if workers > 1:
        os.environ[_ENV] = json.dumps(settings_to_dict(settings))
        uvicorn.run("newstrace.web.server:app_from_env", factory=True, host=host, port=port, workers=workers,
                    log_level=log_level, access_log=access_log, proxy_headers=False, server_header=False)
        return
    uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level, access_log=access_log, proxy_headers=False, server_header=False)
