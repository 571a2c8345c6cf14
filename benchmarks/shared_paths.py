"""Where the benchmarks find the shared folder (``../shared/data`` and ``../shared/eval``).

One rule for every script: a folder given on the command line is the only one looked at;
otherwise the first of ``$NEWSTRACE_DATA`` (or the older ``$NEWSTRACE_SHARED_DATA``) / ``$NEWSTRACE_EVAL``,
``../shared/<kind>`` beside the repository and ``../../shared/<kind>`` (beside a worktree's
parent) that holds the file the script needs, as an absolute path (the scripts run the CLI in a temporary
directory, where a relative one would point nowhere). ``None`` when there is none: the script then says
so and measures nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = {"data": ("NEWSTRACE_DATA", "NEWSTRACE_SHARED_DATA"), "eval": ("NEWSTRACE_EVAL",)}


def shared_dir(kind: str, explicit: str | Path | None = None, probe: str = "") -> Path | None:
    """The shared ``kind`` folder ("data" or "eval") holding ``probe`` (a relative path)."""
    if explicit:
        return Path(explicit).resolve() if (Path(explicit) / probe).exists() else None
    candidates = [os.environ.get(name) for name in ENV[kind]]
    candidates += [ROOT.parent / "shared" / kind, ROOT.parent.parent / "shared" / kind]
    for cand in candidates:
        if cand and (Path(cand) / probe).exists():
            return Path(cand).resolve()
    return None
