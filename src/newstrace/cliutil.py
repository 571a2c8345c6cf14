"""CLI plumbing: progress and error reporting on stderr, JSONL output. Only the CLI uses this."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from typing import IO, Any, Iterator

import click


def write_jsonl(out: IO[str], obj: Any) -> None:
    # One write per line: a run stopped between two articles never leaves half a line behind.
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")


def open_for_writing(path: str, option: str) -> IO[str]:
    """Open an output file named by a CLI option; an unwritable path is a usage error (exit 2)."""
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise click.BadParameter(f"cannot write {path}: {exc.strerror or exc}", param_hint=option) from None


def check_outputs_apart_from_inputs(outputs: dict[str, str | None], inputs: tuple[str, ...]) -> None:
    """Refuse an output file that is an input, or that a directory input would read back in."""
    from newstrace.ingest import format_of

    for option, output in outputs.items():
        if output is None or output == "-":
            continue
        target = os.path.realpath(output)
        for path in inputs:
            if path == "-":
                continue
            real = os.path.realpath(path)
            if real == target:
                raise click.BadParameter(f"{output} is also an input and would be overwritten before it is read", param_hint=option)
            inside = os.path.isdir(real) and target.startswith(real.rstrip(os.sep) + os.sep)
            hidden = inside and any(part.startswith(".") for part in os.path.relpath(target, real).split(os.sep))
            if inside and not hidden and format_of(target) is not None:
                raise click.BadParameter(f"{output} is inside the input directory {path} and would be read as input", param_hint=option)


@contextlib.contextmanager
def open_output(path: str) -> Iterator[IO[str]]:
    """``-`` is stdout; a file is written in UTF-8 and flushed on exit."""
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with open_for_writing(path, "'-o' / '--output'") as handle:
        yield handle


class Reporter:
    """Counts output lines and rejections, shows progress, writes the rejects file."""

    def __init__(self, progress: bool | None = None, rejects_path: str | None = None, label: str = "articles") -> None:
        self.progress = sys.stderr.isatty() if progress is None else progress
        self.rejects_file = open_for_writing(rejects_path, "'--rejects'") if rejects_path else None
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


class ProgressBar:
    """A one-line progress bar on stderr (``[####......] 45% 120/268 12.3/s ETA 0:12 | extra``)."""

    def __init__(self, enabled: bool | None = None, label: str = "articles", width: int = 24) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.label = label
        self.width = width
        self._last = 0.0
        self._drawn = False

    def update(self, done: int, total: int | None, elapsed: float, extra: str = "", force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if not force and now - self._last < 0.2:
            return
        self._last = now
        rate = done / elapsed if elapsed > 0 else 0.0
        if total:
            frac = min(done / total, 1.0)
            filled = int(frac * self.width)
            eta = (total - done) / rate if rate > 0 else 0.0
            bar = f"[{'#' * filled}{'.' * (self.width - filled)}] {frac:4.0%} {done}/{total} {self.label}"
            bar += f" {rate:,.1f}/s ETA {int(eta) // 60}:{int(eta) % 60:02d}"
        else:
            bar = f"{done} {self.label} {rate:,.1f}/s"
        sys.stderr.write("\r\033[K" + bar + (f" | {extra}" if extra else ""))
        sys.stderr.flush()
        self._drawn = True

    def clear(self) -> None:
        if self.enabled and self._drawn:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
            self._drawn = False
