#!/usr/bin/env python3
"""Start, stop or locate the PostgreSQL server the test-suite uses (PostgreSQL 16 from ``pgserver``).

``pgserver`` (a test dependency in the lock) bundles the server binaries, so nothing is installed
system-wide; as root it runs the server as a ``pgserver`` system user. The data directory lives in
the system temp dir, keyed by this checkout's path, so several checkouts never share a server. The
server listens on a Unix socket only.

    python scripts/pg_server.py start    # prints the connection URL
    python scripts/pg_server.py url
    python scripts/pg_server.py stop

The test-suite imports ``start()`` (see tests/store/conftest.py); ``NEWSTRACE_TEST_PG_URL``
overrides all this with an existing server (its user must be allowed to CREATE DATABASE).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# pgserver computes a runtime dir when imported and warns when XDG_RUNTIME_DIR is unset.
if "XDG_RUNTIME_DIR" not in os.environ:
    _RUNTIME = Path(tempfile.gettempdir()) / f"newstrace-runtime-{os.getuid()}"
    _RUNTIME.mkdir(mode=0o700, exist_ok=True)
    os.environ["XDG_RUNTIME_DIR"] = str(_RUNTIME)


def data_dir() -> Path:
    key = hashlib.sha1(str(ROOT).encode()).hexdigest()[:10]
    return Path(tempfile.gettempdir()) / f"newstrace-pg-{os.getuid()}" / key / "data"


def start(cleanup: str | None = "stop") -> tuple[str, Any]:
    """Start the server (or attach to a running one); return its URL and the server handle.

    With ``cleanup="stop"`` the server stops when the last process that attached to it exits.
    """
    import pgserver

    path = data_dir()
    path.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(path, cleanup_mode=cleanup)
    return server.get_uri(), server


def url() -> str | None:
    """The URL of the running server, or None."""
    from pgserver.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(data_dir())
    if info is None or not info.is_running():
        return None
    return str(info.get_uri())


def stop() -> bool:
    """Stop the server if it runs; True when one was stopped."""
    from pgserver._commands import pg_ctl

    path = data_dir()
    if url() is None:
        return False
    user = "pgserver" if os.geteuid() == 0 else None
    pg_ctl(["-w", "stop"], pgdata=path, user=user)
    return True


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "start"
    if command == "start":
        uri, _server = start(cleanup=None)  # keep running after this script exits
        print(uri)
        return 0
    if command == "url":
        found = url()
        print(found or "not running", file=sys.stdout if found else sys.stderr)
        return 0 if found else 1
    if command == "stop":
        print("stopped" if stop() else "not running")
        return 0
    print(f"usage: {argv[0]} start|url|stop", file=sys.stderr)
    return 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except (ImportError, subprocess.CalledProcessError) as exc:
        print(f"pg_server: {exc}", file=sys.stderr)
        sys.exit(1)
