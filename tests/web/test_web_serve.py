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
