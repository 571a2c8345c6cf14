"""The eval gate: run every quality benchmark and fail when any figure drops below its floor.

Each ``benchmarks/*_quality.py`` script runs the CLI on a dev set, scores it with the scorer in
``../shared/eval`` and compares the figures with its section of ``benchmarks/floors.toml``
(exit 0 = floors held, 1 = a floor broke, 77 = data not available here). This script runs them
all in turn and prints one line per gate, like trafilatura's ``eval_gate.py``.

    python benchmarks/eval_gate.py            # all gates
    python benchmarks/eval_gate.py clean html # some
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SKIPPED = 77


def main(argv: list[str]) -> int:
    scripts = sorted(HERE.glob("*_quality.py"))
    if argv:
        scripts = [s for s in scripts if s.stem.removesuffix("_quality") in argv]
    failed = 0
    for script in scripts:
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        last = (proc.stdout.strip().splitlines() or [""])[-1]
        status = {0: "PASS", SKIPPED: "SKIP"}.get(proc.returncode, "FAIL")
        failed += status == "FAIL"
        print(f"{status} {script.stem:<22} {elapsed:6.1f}s  {last}")
        if status == "FAIL":
            sys.stdout.write(proc.stdout[-3000:] + proc.stderr[-3000:])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
