"""``newstrace serve`` as a real process: it creates and migrates a new store, then answers."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_web_serve_creates_the_store_and_takes_a_write(tmp_path: Path) -> None:
    port = _free_port()
    db = tmp_path / "served.db"
    env = dict(os.environ, NEWSTRACE_API_TOKEN="serve-token")
    server = subprocess.Popen(
        [sys.executable, "-m", "newstrace", "serve", "--db", f"sqlite:///{db}", "--port", str(port), "--no-access-log"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/api/articles", timeout=2) as response:
                    assert json.load(response) == {"items": [], "next_cursor": None}
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert db.exists()
        body = json.dumps({"id": "feed/2024/05/1", "text": "Ferry resumes\n\nThe ferry resumed service, the operator said."}).encode()
        request = urllib.request.Request(base + "/api/articles", data=body, method="POST",
                                         headers={"Content-Type": "application/json", "Authorization": "Bearer serve-token"})
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 201
            assert response.headers["Location"] == "/api/articles/feed%2F2024%2F05%2F1"
        with urllib.request.urlopen(base + "/api/articles/feed/2024/05/1", timeout=5) as response:  # ids may hold '/'
            assert json.load(response)["article"]["id"] == "feed/2024/05/1"
        with urllib.request.urlopen(base + "/articles/feed%2F2024%2F05%2F1", timeout=5) as response:
            assert "Ferry resumes" in response.read().decode()
    finally:
        server.terminate()
        server.wait(15)


def _listeners(port: int) -> set[int]:
    """Pids of the processes with a socket listening on ``port`` (from /proc; Linux only)."""
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as fh:
                rows = fh.read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # 0A = LISTEN
                inodes.add(fields[9])
    pids: set[int] = set()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                if os.readlink(f"/proc/{pid}/fd/{fd}").removeprefix("socket:[").rstrip("]") in inodes:
                    pids.add(int(pid))
        except OSError:
            continue
    return pids


def test_web_serve_workers_each_listen_and_stop_on_sigterm(tmp_path: Path) -> None:
    if not hasattr(socket, "SO_REUSEPORT") or not os.path.exists("/proc/net/tcp"):
        import pytest

        pytest.skip("SO_REUSEPORT workers are Linux-only")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newstrace", "serve", "--db", f"sqlite:///{tmp_path / 'w.db'}", "--port", str(port),
         "--workers", "2", "--no-access-log"],
        env=dict(os.environ, NEWSTRACE_API_TOKEN=""), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while len(_listeners(port)) < 2:  # both workers up, each with its own listening socket
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
            assert time.monotonic() < deadline, f"workers listening: {_listeners(port)}"
            time.sleep(0.3)
        assert server.pid not in _listeners(port)  # the supervisor itself never accepts
        for _ in range(20):  # every connection is answered, whichever worker the kernel picked
            with urllib.request.urlopen(base + "/api/articles", timeout=10) as response:
                assert json.load(response) == {"items": [], "next_cursor": None}
        server.terminate()
        assert server.wait(20) == 0
        assert not _listeners(port)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(10)
