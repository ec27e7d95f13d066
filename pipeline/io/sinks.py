"""Where a batch writes: SQLite, PostgreSQL, a JSONL file (or stdout), a Parquet file.

TARGET follows the SQLAlchemy URL convention (`sqlite:///rel.db`, `sqlite:////abs.db`,
`postgresql://user@host:5432/db`); a path ending in `.jsonl` or `.parquet` writes that file;
`-` writes JSONL to stdout. Plain sqlite3 and psycopg 3, no ORM (MEASURED.md: SQLAlchemy
costs 2.5x on SQLite).

Every sink takes chunks of (Item, DocumentResult) in input order; a database writes each
chunk in one transaction, together with the `documents` rows that mark those documents
done, so a batch killed at any moment resumes from its last committed chunk. Rows are keyed
by stable ids (document id, record content hash, position), so writing the same chunk again
replaces rows and adds none. SQL is built only from the constant table and column names
below; data always travels as parameters.
"""
from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from milliard.io.sources import Item
from milliard.schema import DocumentResult

SCHEMA_VERSION = 2  # 2: a record is a row per document that states it (evidence offsets are per text)

Pair = tuple[Item, DocumentResult]


class SinkError(Exception):
    """The target cannot be opened or written (the message says why)."""


class TargetError(ValueError):
    """TARGET is not a form this tool knows."""


# -- the relational schema (one definition for SQLite and PostgreSQL) ---------------

@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, SQL type)
    key: tuple[str, ...]
    update: bool = False  # on conflict: update the row (documents) or keep the first one

    @property
    def names(self) -> list[str]:
        return [c for c, _ in self.columns]


T, INT, F, B = "TEXT", "INTEGER", "DOUBLE PRECISION", "BOOLEAN"
_MONEY = lambda p: ((f"{p}_value", F), (f"{p}_low", F), (f"{p}_high", F), (f"{p}_currency", T), (f"{p}_text", T))  # noqa: E731

TABLES = (
    Table("documents", (("id", T), ("source", T), ("url", T), ("title", T), ("published", T),
                        ("published_from", T), ("lang", T), ("status", T), ("n_records", INT),
                        ("content_hash", T), ("text", T)), ("id",), update=True),
    Table("records", (("id", T), ("document_id", T), ("position", INT), ("kind", T), ("company", T),
                      *_MONEY("amount"), *_MONEY("target"), ("round", T), ("announced", T),
                      ("confidence", F), ("evidence", T)), ("document_id", "id")),
    Table("parties", (("document_id", T), ("record_id", T), ("position", INT), ("name", T), ("role", T)),
          ("document_id", "record_id", "position")),
    Table("amounts", (("document_id", T), ("position", INT), ("text", T), ("start_char", INT), ("end_char", INT),
                      ("value", F), ("low", F), ("high", F), ("currency", T), ("approximate", B),
                      ("currency_inferred", B), ("notes", T)), ("document_id", "position")),
    Table("dates", (("document_id", T), ("position", INT), ("text", T), ("start_char", INT), ("end_char", INT),
                    ("value", T), ("grain", T), ("start_date", T), ("end_date", T), ("inferred_year", B)),
          ("document_id", "position")),
    Table("entities", (("document_id", T), ("position", INT), ("text", T), ("start_char", INT), ("end_char", INT),
                       ("label", T), ("name", T)), ("document_id", "position")),
    Table("warnings", (("document_id", T), ("record_id", T), ("position", INT), ("code", T), ("message", T),
                       ("spans", T)), ("document_id", "record_id", "position")),
    Table("errors", (("document_id", T), ("source", T), ("code", T), ("message", T)), ("document_id",)),
)
TABLE = {t.name: t for t in TABLES}

# Rows owned by a chunk's documents, removed before they are written again (children
# first); `{ids}` is the dialect's "one of these ids" test on one array parameter.
DELETES = (
    *(f"DELETE FROM {t} WHERE document_id {{ids}}" for t in ("parties", "records", "amounts", "dates",
                                                           "entities", "warnings", "errors")),
)


def ddl() -> list[str]:
    out = ["CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)"]
    for t in TABLES:
        cols = ", ".join(f"{c} {kind}" for c, kind in t.columns)
        out.append(f"CREATE TABLE IF NOT EXISTS {t.name} ({cols}, PRIMARY KEY ({', '.join(t.key)}))")
    out.append("CREATE INDEX IF NOT EXISTS records_id ON records (id)")
    return out


def conflict_clause(t: Table) -> str:
    if not t.update:
        return f"ON CONFLICT ({', '.join(t.key)}) DO NOTHING"
    sets = ", ".join(f"{c} = excluded.{c}" for c in t.names if c not in t.key)
    return f"ON CONFLICT ({', '.join(t.key)}) DO UPDATE SET {sets}"


def upsert_sql(t: Table, p: str) -> str:
    marks = ", ".join([p] * len(t.columns))
    return f"INSERT INTO {t.name} ({', '.join(t.names)}) VALUES ({marks}) {conflict_clause(t)}"


def _json(value) -> str:
    import orjson
    return orjson.dumps(value).decode()


def _money(m) -> tuple:
    if m is None:
        return (None,) * 5
    return (m.value, m.low, m.high, m.currency, m.text)


def content_hash(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def table_rows(pairs: Sequence[Pair]) -> dict[str, list[tuple]]:
    """The rows of every table for a chunk of results, in input order."""
    rows: dict[str, list[tuple]] = {t.name: [] for t in TABLES}
    for item, res in pairs:
        doc = item.doc
        rows["documents"].append((
            item.id, item.source, item.url, doc.title if doc else None, doc.published if doc else None,
            item.published_from if doc and doc.published else None, res.lang,
            "error" if res.error else "ok", len(res.records),
            content_hash(doc.text) if doc else None, doc.text if doc else None))
        if res.error:
            rows["errors"].append((item.id, item.source, res.error.code, res.error.message))
        _mention_rows(rows, item.id, res)
        _record_rows(rows, item.id, res)
    return rows


def _mention_rows(rows: dict, doc_id: str, res: DocumentResult) -> None:
    for i, a in enumerate(res.amounts):
        rows["amounts"].append((doc_id, i, a.text, a.start, a.end, a.value, a.low, a.high, a.currency,
                                a.approximate, a.currency_inferred, _json(a.notes)))
    for i, d in enumerate(res.dates):
        rows["dates"].append((doc_id, i, d.text, d.start, d.end, d.value, d.grain, d.start_date,
                              d.end_date, d.inferred_year))
    for i, e in enumerate(res.entities):
        rows["entities"].append((doc_id, i, e.text, e.start, e.end, e.label, e.name))
    for i, w in enumerate(res.warnings):
        rows["warnings"].append((doc_id, "", i, w.code, w.message, _json(w.spans)))


def _record_rows(rows: dict, doc_id: str, res: DocumentResult) -> None:
    for i, r in enumerate(res.records):
        rows["records"].append((r.id, doc_id, i, r.kind, r.company, *_money(r.amount), *_money(r.target),
                                r.round, r.announced, r.confidence,
                                _json([e.model_dump() for e in r.evidence])))
        for j, p in enumerate(r.parties):
            rows["parties"].append((doc_id, r.id, j, p.name, p.role))
        for j, w in enumerate(r.warnings):
            rows["warnings"].append((doc_id, r.id, j, w.code, w.message, _json(w.spans)))


# -- SQL sinks --------------------------------------------------------------------

class SqlSink:
    """Shared by SQLite and PostgreSQL: they differ in the connection and the placeholder."""
    mark = "?"

    def __init__(self, conn, label: str):
        self.conn, self.label = conn, label
        self.create_schema()

    def create_schema(self) -> None:
        with self.transaction() as cur:
            for stmt in ddl():
                cur.execute(stmt)
            found = cur.execute("SELECT max(version) FROM schema_version").fetchone()[0]
            if found is not None and found > SCHEMA_VERSION:
                raise SinkError(f"{self.label} has schema version {found}; this milliard knows up to "
                                f"{SCHEMA_VERSION}: upgrade milliard")
            if found is not None and found < SCHEMA_VERSION:
                raise SinkError(f"{self.label} has schema version {found}, older than this milliard's "
                                f"{SCHEMA_VERSION}: write to a new database")
            if found is None:
                cur.execute(f"INSERT INTO schema_version (version, applied) VALUES ({self.mark}, {self.mark})",
                            (SCHEMA_VERSION, _now()))

    def done_ids(self) -> set[str]:
        with self.transaction() as cur:
            return {row[0] for row in cur.execute("SELECT id FROM documents").fetchall()}

    def write(self, pairs: Sequence[Pair]) -> None:
        if not pairs:
            return
        rows = table_rows(pairs)
        ids = self.id_list([row[0] for row in rows["documents"]])
        with self.transaction() as cur:
            for stmt in DELETES:
                cur.execute(stmt.format(ids=self.in_ids), (ids,))
            for t in TABLES:
                if rows[t.name]:
                    self.insert(cur, t, rows[t.name])

    def insert(self, cur, t: Table, rows: list[tuple]) -> None:
        cur.executemany(upsert_sql(t, self.mark), rows)

    def close(self, ok: bool = True) -> None:
        self.conn.close()


class SqliteSink(SqlSink):
    mark = "?"
    in_ids = "IN (SELECT value FROM json_each(?))"

    @staticmethod
    def id_list(ids: list[str]) -> str:
        return _json(ids)

    def __init__(self, path: str, label: str):
        import sqlite3

        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(path, isolation_level=None)  # transactions are explicit
            # WAL + NORMAL: a commit does not wait for the disk, and a killed process still
            # loses nothing committed (only a power cut could lose the last chunks, never
            # corrupt the file); readers (`milliard table`) do not block the batch.
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.Error as exc:
            raise SinkError(f"cannot open {label}: {exc}") from None
        super().__init__(conn, label)

    def transaction(self):
        return _SqliteTransaction(self.conn)


class _SqliteTransaction:
    def __init__(self, conn):
        self.conn = conn

    def __enter__(self):
        self.cur = self.conn.cursor()
        self.cur.execute("BEGIN IMMEDIATE")
        return self.cur

    def __exit__(self, exc_type, exc, tb):
        self.cur.execute("ROLLBACK" if exc_type else "COMMIT")
        self.cur.close()


class PostgresSink(SqlSink):
    mark = "%s"
    in_ids = "= ANY(%s)"

    @staticmethod
    def id_list(ids: list[str]) -> list[str]:
        return list(_no_nul(tuple(ids)))

    def __init__(self, url: str, label: str):
        import psycopg

        try:
            conn = psycopg.connect(url, connect_timeout=10, autocommit=True)
        except psycopg.Error as exc:
            raise SinkError(f"cannot connect to {label}: {str(exc).strip().splitlines()[0]}") from None
        super().__init__(conn, label)

    def transaction(self):
        return _PgTransaction(self.conn)

    def insert(self, cur, t: Table, rows: list[tuple]) -> None:
        """COPY into a temporary table, then one upsert (MEASURED.md: ~2x executemany).
        Rows repeating a key within the chunk go through executemany (one INSERT … SELECT
        cannot touch a row twice)."""
        unique, repeats = _split_repeats(t, [_no_nul(row) for row in rows])
        tmp = f"tmp_{t.name}"
        cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS {tmp} (LIKE {t.name}) ON COMMIT DELETE ROWS")
        with cur.copy(f"COPY {tmp} ({', '.join(t.names)}) FROM STDIN") as copy:
            for row in unique:
                copy.write_row(row)
        cols = ", ".join(t.names)
        cur.execute(f"INSERT INTO {t.name} ({cols}) SELECT {cols} FROM {tmp} {conflict_clause(t)}")
        if repeats:  # rows repeating a key within the chunk: the first stays, as in SQLite
            cur.executemany(upsert_sql(t, "%s"), repeats)


def _no_nul(row: tuple) -> tuple:
    """PostgreSQL text cannot hold U+0000 (SQLite can): it is stored as U+FFFD, one
    character for one, so offsets into the stored text stay right."""
    if not any(isinstance(v, str) and "\x00" in v for v in row):
        return row
    return tuple(v.replace("\x00", "\ufffd") if isinstance(v, str) else v for v in row)


def _split_repeats(t: Table, rows: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    where = [t.names.index(k) for k in t.key]
    seen: set[tuple] = set()
    unique, repeats = [], []
    for row in rows:
        key = tuple(row[i] for i in where)
        (repeats if key in seen else unique).append(row)
        seen.add(key)
    return unique, repeats


class _PgTransaction:
    def __init__(self, conn):
        self.conn = conn

    def __enter__(self):
        self.tx = self.conn.transaction()
        self.tx.__enter__()
        self.cur = self.conn.cursor()
        return self.cur

    def __exit__(self, exc_type, exc, tb):
        self.cur.close()
        return self.tx.__exit__(exc_type, exc, tb)


def _now() -> str:
    from datetime import datetime, timezone
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# -- file sinks -------------------------------------------------------------------

class JsonlSink:
    """CONTRACT output lines, in input order. A file is rewritten by a new run; with
    resume, its complete lines are kept (a line cut by a kill is dropped) and appended to."""

    def __init__(self, path: str | None, resume: bool = False):
        self.path = path
        self.done: set[str] = set()
        if path is None:
            self.out = sys.stdout.buffer
            return
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        if resume and os.path.exists(path):
            self.done = _keep_complete_lines(path)
            self.out = open(path, "ab")
        else:
            self.out = open(path, "wb")

    def done_ids(self) -> set[str]:
        return set(self.done)

    def write(self, pairs: Sequence[Pair]) -> None:
        from milliard.io.jsonl import dumps
        self.out.write(b"".join(dumps(res) for _, res in pairs))
        self.out.flush()

    def close(self, ok: bool = True) -> None:
        if self.path is None:
            self.out.flush()
        else:
            self.out.close()


def _keep_complete_lines(path: str) -> set[str]:
    import orjson

    done, good = set(), 0
    with open(path, "rb") as f:
        for line in f:
            if not line.endswith(b"\n"):
                break
            try:
                done.add(orjson.loads(line)["id"])
            except (orjson.JSONDecodeError, KeyError, TypeError):
                break
            good += len(line)
    with open(path, "r+b") as f:
        f.truncate(good)
    return done


def parquet_schema():
    import pyarrow as pa

    s, f, i, b = pa.string(), pa.float64(), pa.int64(), pa.bool_()
    money = pa.struct([("value", f), ("low", f), ("high", f), ("currency", s), ("text", s)])
    warning = pa.struct([("code", s), ("message", s), ("spans", pa.list_(pa.list_(i)))])
    span = [("text", s), ("start", i), ("end", i)]
    record = pa.struct([
        ("id", s), ("kind", s), ("company", s),
        ("parties", pa.list_(pa.struct([("name", s), ("role", s)]))),
        ("amount", money), ("target", money), ("round", s), ("announced", s),
        ("evidence", pa.list_(pa.struct([("start", i), ("end", i), ("text", s)]))),
        ("confidence", f), ("warnings", pa.list_(warning))])
    return pa.schema([
        ("id", s), ("source", s), ("url", s), ("title", s), ("published", s), ("published_from", s),
        ("lang", s), ("error", pa.struct([("code", s), ("message", s)])),
        ("amounts", pa.list_(pa.struct([*span, ("value", f), ("low", f), ("high", f), ("currency", s),
                                        ("approximate", b), ("currency_inferred", b),
                                        ("notes", pa.list_(s))]))),
        ("dates", pa.list_(pa.struct([*span, ("value", s), ("grain", s), ("start_date", s),
                                      ("end_date", s), ("inferred_year", b)]))),
        ("entities", pa.list_(pa.struct([*span, ("label", s), ("name", s)]))),
        ("records", pa.list_(record)), ("warnings", pa.list_(warning))])


class ParquetSink:
    """One row per document (records, mentions and warnings nested), zstd-compressed. The
    file appears only when the batch ends (a Parquet file is unreadable until its footer is
    written): a killed run leaves a `.partial` file and `--resume` starts again, keeping the
    documents of a complete file when there is one."""

    def __init__(self, path: str, resume: bool = False):
        import pyarrow.parquet as pq

        self.path, self.partial = path, path + ".partial"
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.schema = parquet_schema()
        self.writer = pq.ParquetWriter(self.partial, self.schema, compression="zstd")
        self.done: set[str] = set()
        if resume and os.path.exists(path):
            kept = pq.read_table(path, schema=self.schema)
            self.done = set(kept.column("id").to_pylist())
            self.writer.write_table(kept)

    def done_ids(self) -> set[str]:
        return set(self.done)

    def write(self, pairs: Sequence[Pair]) -> None:
        import pyarrow as pa

        rows = []
        for item, res in pairs:
            row = res.to_json(mentions=True)
            doc = item.doc
            row.update(source=item.source, url=item.url, title=doc.title if doc else None,
                       published=doc.published if doc else None,
                       published_from=item.published_from if doc and doc.published else None)
            rows.append(row)
        self.writer.write_table(pa.Table.from_pylist(rows, schema=self.schema))

    def close(self, ok: bool = True) -> None:
        self.writer.close()
        if ok:
            os.replace(self.partial, self.path)


# -- TARGET -----------------------------------------------------------------------

def sqlite_path(url: str) -> str:
    """`sqlite:///rel.db` -> `rel.db`; `sqlite:////abs.db` -> `/abs.db`; `sqlite://` -> memory."""
    rest = url.split(":", 1)[1]
    if rest in ("", "//", "///:memory:"):
        return ":memory:"
    if not rest.startswith("///"):
        raise TargetError(f"{url!r}: a SQLite URL is sqlite:///relative/path.db or sqlite:////absolute/path.db")
    return rest[3:].split("?", 1)[0]


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
        return SqliteSink(sqlite_path(target), _safe(target))
    if kind in ("postgresql", "postgres"):
        return PostgresSink(postgres_url(target), _safe(target))
    if kind:
        raise TargetError(f"unknown target {target!r}: use sqlite:///file.db, postgresql://…, "
                          "a .jsonl or .parquet path, or -")
    if target == "-":
        return JsonlSink(None)
    if target.lower().endswith(".jsonl"):
        return JsonlSink(target, resume=resume)
    if target.lower().endswith(".parquet"):
        return ParquetSink(target, resume=resume)
    raise TargetError(f"unknown target {target!r}: use sqlite:///file.db, postgresql://…, "
                      "a .jsonl or .parquet path, or -")


def open_database(target: str):
    """A read connection for `milliard table` (SQLite or PostgreSQL) and its placeholder."""
    kind = scheme(target)
    if kind == "sqlite":
        import sqlite3
        path = sqlite_path(target)
        if path != ":memory:" and not os.path.exists(path):
            raise SinkError(f"no database at {path}")
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True) if path != ":memory:" else sqlite3.connect(path)
    if kind in ("postgresql", "postgres"):
        import psycopg
        try:
            return psycopg.connect(postgres_url(target), connect_timeout=10)
        except psycopg.Error as exc:
            raise SinkError(f"cannot connect to {_safe(target)}: {str(exc).strip().splitlines()[0]}") from None
    raise TargetError(f"{target!r} is not a database URL (sqlite:///… or postgresql://…)")


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    if "://" not in url or "@" not in url:
        return url
    head, rest = url.split("://", 1)
    cred, host = rest.rsplit("@", 1)
    return f"{head}://{cred.split(':', 1)[0]}@{host}"
