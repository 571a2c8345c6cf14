"""CLI plumbing: progress and error reporting on stderr, JSONL output. Only the CLI uses this."""

from __future__ import annotations

import contextlib
import json
import sys
import time
from typing import IO, Any, Iterator


def write_jsonl(out: IO[str], obj: Any) -> None:
    out.write(json.dumps(obj, ensure_ascii=False))
    out.write("\n")


@contextlib.contextmanager
def open_output(path: str) -> Iterator[IO[str]]:
    """``-`` is stdout; a file is written in UTF-8 and flushed on exit."""
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with open(path, "w", encoding="utf-8") as handle:
        yield handle


class Reporter:
    """Counts output lines and rejections, shows progress, writes the rejects file."""

    def __init__(self, progress: bool | None = None, rejects_path: str | None = None, label: str = "articles") -> None:
        self.progress = sys.stderr.isatty() if progress is None else progress
        self.rejects_file = open(rejects_path, "w", encoding="utf-8") if rejects_path else None
        self.label = label
        self.emitted = 0
        self.skipped = 0
        self.rejected = 0
        self.errors = 0
        self.started = time.perf_counter()
        self._last = 0.0

    def reject(self, source: str, message: str) -> None:
        self.rejected += 1
        self._clear()
        sys.stderr.write(f"newstrace: rejected {source}: {message}\n")
        if self.rejects_file is not None:
            write_jsonl(self.rejects_file, {"input": source, "error": message})

    def error(self, message: str) -> None:
        self.errors += 1
        self._clear()
        sys.stderr.write(f"newstrace: error {message}\n")
        if self.rejects_file is not None:
            write_jsonl(self.rejects_file, {"input": message.split(": ", 1)[0], "error": message})

    def tick(self, skipped: str | None = None) -> None:
        self.emitted += 1
        if skipped:
            self.skipped += 1
        if self.progress:
            now = time.perf_counter()
            if now - self._last > 0.25:
                self._last = now
                rate = self.emitted / max(now - self.started, 1e-9)
                sys.stderr.write(f"\r{self.emitted} {self.label} ({rate:,.0f}/s), {self.skipped} skipped, {self.rejected} rejected")
                sys.stderr.flush()

    def _clear(self) -> None:
        if self.progress and self._last:
            sys.stderr.write("\r\033[K")

    def close(self, summary: str | None = None) -> None:
        self._clear()
        elapsed = time.perf_counter() - self.started
        line = f"newstrace: {self.emitted} {self.label} written, {self.skipped} skipped, {self.rejected} rejected in {elapsed:.1f}s"
        if summary:
            line += f" [{summary}]"
        sys.stderr.write(line + "\n")
        if self.rejects_file is not None:
            self.rejects_file.close()
            self.rejects_file = None
