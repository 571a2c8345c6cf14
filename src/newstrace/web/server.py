"""Run the app with uvicorn (``newstrace serve``).

With ``workers > 1`` on Linux each worker process listens on its own ``SO_REUSEPORT`` socket, so
the kernel spreads new connections evenly over the workers. uvicorn's own multi-worker mode shares
one listening socket, and whichever worker wakes first accepts every pending connection: 20
keep-alive clients arriving together ended up 18/2 or 20/0 on two workers, leaving one core idle
while the other queued the lot. (As with any ``SO_REUSEPORT`` server, a second server started by
the same user on the same port would share the traffic rather than fail to bind.)
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import signal
import socket
import time
from typing import Any

from newstrace.settings import Settings, settings_from_dict, settings_to_dict

LOGGER = logging.getLogger(__name__)

_ENV = "NEWSTRACE_SERVE_SETTINGS"
_UVICORN = {"proxy_headers": False, "server_header": False}


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
        if hasattr(socket, "SO_REUSEPORT"):
            _run_reuseport(host, port, workers, log_level, access_log)
            return
        uvicorn.run("newstrace.web.server:app_from_env", factory=True, host=host, port=port, workers=workers,
                    log_level=log_level, access_log=access_log, **_UVICORN)
        return
    uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level, access_log=access_log, **_UVICORN)


def listen_socket(host: str, port: int, listen: bool = True) -> socket.socket:
    """A listening TCP socket on ``host:port`` that other processes of this user may share."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(address)
        if listen:
            sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def _worker(host: str, port: int, log_level: str, access_log: bool) -> None:
    """One worker process: its own socket, its own app and store connections."""
    import uvicorn

    sock = listen_socket(host, port)
    config = uvicorn.Config("newstrace.web.server:app_from_env", factory=True, host=host, port=port,
                            log_level=log_level, access_log=access_log, **_UVICORN)  # type: ignore[arg-type]
    uvicorn.Server(config).run(sockets=[sock])


def _run_reuseport(host: str, port: int, workers: int, log_level: str, access_log: bool) -> None:
    """Start ``workers`` processes, restart any that dies, stop them all on SIGINT/SIGTERM."""
    listen_socket(host, port, listen=False).close()  # a port taken by another program fails here, before any worker starts
    context = multiprocessing.get_context("spawn")
    stopping = False

    def stop(_signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}

    def start() -> Any:
        process = context.Process(target=_worker, args=(host, port, log_level, access_log), daemon=False)
        process.start()
        return process

    procs = [start() for _ in range(workers)]
    LOGGER.info("serving on %s:%d with %d worker processes (SO_REUSEPORT)", host, port, workers)
    try:
        started = time.monotonic()
        while not stopping:
            time.sleep(0.2)
            for i, process in enumerate(procs):
                if process.is_alive() or stopping:
                    continue
                if time.monotonic() - started < 5:  # dying at start-up (bad port, bad store): give up
                    raise SystemExit(f"newstrace serve: a worker exited at start-up (code {process.exitcode})")
                LOGGER.warning("worker %d exited with code %s; restarting it", process.pid, process.exitcode)
                procs[i] = start()
    finally:
        for process in procs:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn finishes in-flight requests, then exits
        deadline = time.monotonic() + 10
        for process in procs:
            process.join(max(0.1, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
