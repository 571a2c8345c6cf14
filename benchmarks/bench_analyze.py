"""Speed of ``newstrace analyze`` against a bare spaCy parse of the same texts, as whole processes.

Both sides are timed as separate processes (start-up and model load included), interleaved, for
several repetitions; the summary is the ratio of the median CPU times (issue 4 asks for at most
1.3), with the wall-time ratio beside it.

    python benchmarks/bench_analyze.py [--input FILE.jsonl] [--reps 3] [--n-process 1]

The default input is PolNeAR dev (``../shared/data/polnear/dev.inputs.jsonl`` beside the repo, or
``$NEWSTRACE_DATA/polnear/dev.inputs.jsonl``); without it the script says so and exits 77.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from shared_paths import shared_dir  # benchmarks/shared_paths.py

ROOT = Path(__file__).resolve().parents[1]
SKIPPED = 77

BARE = """
import json, sys, spacy
nlp = spacy.load(sys.argv[2])
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
n = sum(1 for _ in nlp.pipe(texts, batch_size=int(sys.argv[3]), n_process=int(sys.argv[4])))
"""


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child process tree): CPU time is what the comparison
    uses, because wall time on a shared machine mostly measures the neighbours."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", type=Path, default=None)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--n-process", type=int, default=1)
    args = ap.parse_args(argv)
    data = shared_dir("data", probe="polnear/dev.inputs.jsonl") or ROOT.parent / "shared" / "data"
    path = args.input or data / "polnear" / "dev.inputs.jsonl"
    if not path.is_file():
        print(f"input not found: {path} (set NEWSTRACE_DATA or pass --input); skipping")
        return SKIPPED
    from newstrace.settings import load_settings

    nlp_settings = load_settings().nlp
    bin_dir = Path(sys.executable).parent
    cli = str(bin_dir / "newstrace") if (bin_dir / "newstrace").exists() else None
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "out.jsonl")
        analyze = ([cli] if cli else [sys.executable, "-m", "newstrace"]) + [
            "analyze", str(path), "-o", out, "--assume-clean", "--n-process", str(args.n_process)]
        bare = [sys.executable, "-c", BARE, str(path), nlp_settings.model, str(nlp_settings.batch_size),
                str(args.n_process)]
        rows: list[tuple[int, float, float, float, float]] = []
        for rep in range(args.reps):
            bare_wall, bare_cpu = timed(bare)
            an_wall, an_cpu = timed(analyze)
            rows.append((rep + 1, bare_wall, bare_cpu, an_wall, an_cpu))
    print(f"{'rep':>3} {'bare wall s':>12} {'bare cpu s':>11} {'analyze wall s':>15} {'analyze cpu s':>14} {'cpu ratio':>10}")
    for rep, bw, bc, aw, ac in rows:
        print(f"{rep:>3} {bw:>12.2f} {bc:>11.2f} {aw:>15.2f} {ac:>14.2f} {ac / bc:>10.2f}")
    med_bc = statistics.median(r[2] for r in rows)
    med_ac = statistics.median(r[4] for r in rows)
    med_bw = statistics.median(r[1] for r in rows)
    med_aw = statistics.median(r[3] for r in rows)
    print(f"analyze/bare parse ratio={med_ac / med_bc:.2f} cpu, {med_aw / med_bw:.2f} wall "
          f"(median cpu analyze {med_ac:.2f}s bare {med_bc:.2f}s; {args.reps} reps, "
          f"n_process={args.n_process}, input={path.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
