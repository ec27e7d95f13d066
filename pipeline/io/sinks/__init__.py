"""Where a batch writes: SQLite, PostgreSQL, a JSONL file (or stdout), a Parquet file.

TARGET follows the SQLAlchemy URL convention (`sqlite:///rel.db`, `sqlite:////abs.db`,
`postgresql://user@host:5432/db`); a path ending in `.jsonl` or `.parquet` writes that file;
`-` writes JSONL to stdout. Plain sqlite3 and psycopg 3, no ORM (MEASURED.md: SQLAlchemy
costs 2.5x on SQLite).

Every sink takes chunks of (Item, DocumentResult) in input order. `rows` holds the tables
and their rows, `sql` the database sinks (a chunk is one transaction, rows keyed by stable
ids, so writing a chunk again adds no row), `files` the JSONL and Parquet sinks.
"""
from __future__ import annotations

import os
from urllib.parse import quote

from milliard.io.sinks.errors import SinkError, TargetError, shown
from milliard.io.sinks.files import JsonlSink, ParquetSink
from milliard.io.sinks.sql import PostgresSink, SqliteSink

__all__ = ["SinkError", "TargetError", "open_database", "open_sink", "shown"]

KINDS = "use sqlite:///file.db, postgresql://…, a .jsonl or .parquet path, or -"


def sqlite_path(url: str) -> str:
    """`sqlite:///rel.db` -> `rel.db`; `sqlite:////abs.db` -> `/abs.db`; `sqlite://` -> memory."""
    rest = url.split(":", 1)[1]
    if rest in ("", "//", "///:memory:"):
        return ":memory:"
    path = rest[3:].split("?", 1)[0]
    if not rest.startswith("///") or not path:  # `sqlite:///` would write to memory and lose the batch
        raise TargetError(f"{url!r}: a SQLite URL is sqlite:///relative/path.db or sqlite:////absolute/path.db")
    return path


def scheme(target: str) -> str:
    head = target.split("://", 1)[0] if "://" in target else ""
    return head.split("+", 1)[0].lower()  # `postgresql+psycopg://` names a driver: same database


def postgres_url(target: str) -> str:
    rest = target.split("://", 1)[1]
    return f"postgresql://{rest}"


def open_sink(target: str, resume: bool = False):
    """A sink for TARGET (see the module doc); raises TargetError or SinkError."""
    kind = scheme(target)
    if kind == "sqlite":
        return SqliteSink(sqlite_path(target), shown(target))
    if kind in ("postgresql", "postgres"):
        return PostgresSink(postgres_url(target), shown(target))
    if kind:
        raise TargetError(f"unknown target {shown(target)!r}: {KINDS}")
    if target == "-":
        return JsonlSink(None)
    if target.lower().endswith(".jsonl"):
        return JsonlSink(target, resume=resume)
    if target.lower().endswith(".parquet"):
        return ParquetSink(target, resume=resume)
    raise TargetError(f"unknown target {shown(target)!r}: {KINDS}")


def open_database(target: str):
    """A read connection for `milliard table` (SQLite or PostgreSQL)."""
    kind = scheme(target)
    if kind == "sqlite":
        import sqlite3
        path = sqlite_path(target)
        if path != ":memory:" and not os.path.exists(path):
            raise SinkError(f"no database at {path}")
        if path == ":memory:":
            return sqlite3.connect(path)
        # a URI, for read-only: `#`, `?` and `%` in the file name must be escaped in it
        return sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True)
    if kind in ("postgresql", "postgres"):
        import psycopg
        try:
            return psycopg.connect(postgres_url(target), connect_timeout=10)
        except psycopg.Error as exc:
            raise SinkError(f"cannot connect to {shown(target)}: {str(exc).strip().splitlines()[0]}") from None
    raise TargetError(f"{shown(target)!r} is not a database URL (sqlite:///… or postgresql://…)")
