"""A canonical dump of a store's data: every data table, rows in key order, as JSON lines.

Two stores hold the same corpus exactly when their dumps are equal (the test of resumable ingest
compares a killed-and-resumed run with an uninterrupted one this way). The ingest run log is left
out (it records when runs happened), and so are search indexes (derived from ``articles``).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Iterator

import sqlalchemy as sa

from newstrace.store import schema as s
from newstrace.store.base import Store


def _value(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    return value


def dump_lines(store: Store) -> Iterator[str]:
    with store.connect() as conn:
        for name in s.DATA_TABLES:
            table = s.TABLES[name]
            query = sa.select(*table.c).order_by(*table.primary_key.columns)
            for row in conn.execute(query).mappings():
                yield json.dumps({"table": name, "row": {k: _value(v) for k, v in row.items()}},
                                 ensure_ascii=False, sort_keys=True)


def canonical_dump(store: Store) -> str:
    return "\n".join(dump_lines(store)) + "\n"
