"""The database sinks: SQLite (sqlite3) and PostgreSQL (psycopg 3), one schema (`rows.TABLES`).

Each chunk is written in one transaction, together with the `documents` rows that mark its
documents done, after removing the rows those documents had (children first), so a batch
killed at any moment resumes from its last committed chunk and writing a chunk again adds
no row. SQL is built only from the constant table and column names of `rows`; data always
travels as parameters.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

import milliard.io.sinks.schema as schema
from milliard.io.sinks.errors import SinkError
from milliard.io.sinks.rows import (
    JSON,
    SCHEMA_VERSION,
    TABLES,
    Conflict,
    Pair,
    Table,
    doc_key,
    json_text,
    split_conflicts,
    table_rows,
)

# `{keys}` is the dialect's "one of these keys" test on one array parameter.
DELETES = tuple(f"DELETE FROM {t} WHERE doc_key {{keys}}"
                for t in ("parties", "records", "amounts", "dates", "entities", "warnings", "errors"))


# The oldest version migrated in place to SCHEMA_VERSION (schema.py: tables and columns
# added, types converted, nothing dropped); an older one is refused.
MIGRATES_FROM = 3

SCHEMA_LOCK = 0x6D696C6C  # the advisory lock key taken while the schema is checked and created ("mill")


def conflict_clause(t: Table) -> str:
    if not t.update:
        return f"ON CONFLICT ({', '.join(t.key)}) DO NOTHING"
    sets = ", ".join(f"{c} = excluded.{c}" for c in t.names if c not in t.key)
    return f"ON CONFLICT ({', '.join(t.key)}) DO UPDATE SET {sets}"


def upsert_sql(t: Table, p: str) -> str:
    marks = ", ".join([p] * len(t.columns))
    return f"INSERT INTO {t.name} ({', '.join(t.names)}) VALUES ({marks}) {conflict_clause(t)}"


class SqlSink:
    """Shared by SQLite and PostgreSQL: they differ in the connection, the placeholder, how
    the schema is locked while it is checked and created, and which tables they list."""
    mark = "?"

    def __init__(self, conn, label: str):
        self.conn, self.label = conn, label
        self.create_schema()

    def create_schema(self) -> None:
        """Check the database, then create what is missing, under a lock (concurrent first
        runs must not race): a database of another version, or one that holds tables this
        tool did not make, is refused before anything is written."""
        with self.transaction() as cur:
            self.lock(cur)
            tables = self.tables(cur)
            found = None
            if "schema_version" in tables:
                found = cur.execute("SELECT max(version) FROM schema_version").fetchone()[0]
                self.check_version(found)
            elif foreign := self.foreign(tables):
                raise SinkError(f"{self.label} holds tables milliard did not make ({', '.join(sorted(foreign)[:5])}): "
                                "write to a new database")
            for stmt in schema.table_ddl(self.types):
                cur.execute(stmt)
            if found is not None and found < SCHEMA_VERSION:
                self.migrate(cur, tables)
            for stmt in schema.index_ddl():
                cur.execute(stmt)
            if found != SCHEMA_VERSION:  # a new database, or one migrated in place just now
                for stmt in schema.view_ddl(self.engine):
                    cur.execute(stmt)
                cur.execute(f"INSERT INTO schema_version (version, applied) VALUES ({self.mark}, {self.mark})",
                            (SCHEMA_VERSION, _now()))

    def migrate(self, cur, tables: set[str]) -> None:
        """An older database (holding `tables`) brought to SCHEMA_VERSION in place, every row kept."""
        columns = self.columns(cur)
        added = schema.add_columns(cur, columns, self.types)
        schema.keep_published_as_given(cur, added, self.engine)
        if self.engine == "postgres":
            schema.convert_types(cur, columns)
            schema.add_foreign_keys(cur, tables)
        schema.fill_euros(cur, self.mark)

    def check_version(self, found: int | None) -> None:
        if found is not None and found > SCHEMA_VERSION:
            raise SinkError(f"{self.label} has schema version {found}; this milliard knows up to "
                            f"{SCHEMA_VERSION}: upgrade milliard")
        if found is not None and found < MIGRATES_FROM:
            raise SinkError(f"{self.label} has schema version {found}, older than this milliard's "
                            f"{SCHEMA_VERSION}: write to a new database")

    def done_keys(self) -> dict[str, str | None]:
        """The `doc_key` (rows.doc_key) of every document written, with its source."""
        with self.transaction() as cur:
            return dict(cur.execute("SELECT doc_key, source FROM documents").fetchall())

    def write(self, pairs: Sequence[Pair]) -> list[Conflict]:
        """Write a chunk in one transaction; returns the conflicts (documents not written,
        see rows.split_conflicts), each also a row of `conflicts`."""
        if not pairs:
            return []
        with self.transaction() as cur:
            now = _now()
            pairs, conflicts = split_conflicts(pairs, self.stored(cur, pairs), now)
            rows = table_rows(pairs, now)
            rows["conflicts"] = [c.row for c in conflicts]
            keys = self.key_list([row[-1] for row in rows["documents"]])
            for stmt in DELETES:
                cur.execute(stmt.format(keys=self.in_keys), (keys,))
            for t in TABLES:
                if rows[t.name]:
                    self.insert(cur, t, rows[t.name])
        return conflicts

    def stored(self, cur, pairs: Sequence[Pair]) -> dict[str, tuple]:
        """doc_key -> (source, content_hash) of the stored documents among the chunk's."""
        keys = self.key_list([doc_key(item.id) for item, _ in pairs])
        sql = f"SELECT doc_key, source, content_hash FROM documents WHERE doc_key {self.in_keys}"
        return {key: (source, digest) for key, source, digest in cur.execute(sql, (keys,)).fetchall()}

    def insert(self, cur, t: Table, rows: list[tuple]) -> None:
        cur.executemany(upsert_sql(t, self.mark), rows)

    def close(self, ok: bool = True) -> None:
        self.conn.close()


class SqliteSink(SqlSink):
    mark = "?"
    engine, types = "sqlite", schema.SQLITE_TYPES
    in_keys = "IN (SELECT value FROM json_each(?))"

    @staticmethod
    def key_list(keys: list[str]) -> str:
        return json_text(keys)

    def __init__(self, path: str, label: str):
        import sqlite3

        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(path, isolation_level=None)  # transactions are explicit
            super().__init__(conn, label)
            # after the schema check, which must leave a foreign file as it was: WAL + NORMAL,
            # a commit does not wait for the disk, and a killed process still loses nothing
            # committed (only a power cut could lose the last chunks, never corrupt the
            # file); readers (`milliard table`) do not block the batch.
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")  # SQLite checks them only when asked, per connection
        except sqlite3.Error as exc:
            raise SinkError(f"cannot open {label}: {exc}") from None

    def transaction(self):
        return _SqliteTransaction(self.conn)

    def lock(self, cur) -> None:
        """BEGIN IMMEDIATE already holds the database's write lock."""

    @staticmethod
    def tables(cur) -> set[str]:
        return {r[0] for r in cur.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}

    @staticmethod
    def foreign(tables: set[str]) -> set[str]:
        """A SQLite file is one database: any table in it that is not ours makes it foreign."""
        return tables

    @staticmethod
    def columns(cur) -> dict[str, dict[str, str]]:
        return {t.name: {r[1]: r[2].lower() for r in cur.execute(f"PRAGMA table_info({t.name})").fetchall()}
                for t in TABLES}


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
    engine, types = "postgres", schema.POSTGRES_TYPES
    in_keys = "= ANY(%s)"

    @staticmethod
    def key_list(keys: list[str]) -> list[str]:
        return keys

    def __init__(self, url: str, label: str):
        import psycopg

        try:
            conn = psycopg.connect(url, connect_timeout=10, autocommit=True)
        except psycopg.Error as exc:
            raise SinkError(f"cannot connect to {label}: {str(exc).strip().splitlines()[0]}") from None
        super().__init__(conn, label)

    def transaction(self):
        return _PgTransaction(self.conn)

    @staticmethod
    def lock(cur) -> None:
        """A transaction-scoped advisory lock: concurrent first runs on a fresh schema would
        otherwise race in CREATE TABLE IF NOT EXISTS (UniqueViolation on the catalog)."""
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))

    @staticmethod
    def tables(cur) -> set[str]:
        return {r[0] for r in cur.execute("SELECT table_name FROM information_schema.tables "
                                          "WHERE table_schema = current_schema()").fetchall()}

    @staticmethod
    def foreign(tables: set[str]) -> set[str]:
        """A PostgreSQL schema is often shared with other tools: only tables of our names are
        in the way."""
        return tables & {t.name for t in TABLES}

    @staticmethod
    def columns(cur) -> dict[str, dict[str, str]]:
        found: dict[str, dict[str, str]] = {t.name: {} for t in TABLES}
        for table, column, kind in cur.execute(
                "SELECT table_name, column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = current_schema()").fetchall():
            if table in found:
                found[table][column] = kind
        return found

    def insert(self, cur, t: Table, rows: list[tuple]) -> None:
        """COPY into a temporary table, then one upsert (MEASURED.md: ~2x executemany).
        Rows repeating a key within the chunk go through executemany (one INSERT … SELECT
        cannot touch a row twice)."""
        json_at = frozenset(i for i, (_, kind) in enumerate(t.columns) if kind == JSON)
        unique, repeats = _split_repeats(t, [_no_nul(row, json_at) for row in rows])
        tmp = f"tmp_{t.name}"
        cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS {tmp} (LIKE {t.name}) ON COMMIT DELETE ROWS")
        with cur.copy(f"COPY {tmp} ({', '.join(t.names)}) FROM STDIN") as copy:
            for row in unique:
                copy.write_row(row)
        cols = ", ".join(t.names)
        cur.execute(f"INSERT INTO {t.name} ({cols}) SELECT {cols} FROM {tmp} {conflict_clause(t)}")
        if repeats:  # rows repeating a key within the chunk: the first stays, as in SQLite
            cur.executemany(upsert_sql(t, "%s"), repeats)


def _no_nul(row: tuple, json_at: frozenset[int]) -> tuple:
    """PostgreSQL text cannot hold U+0000 (SQLite can): it is stored as U+FFFD, one
    character for one, so offsets into the stored text stay right. JSONB cannot hold it
    either: in the JSON columns (`json_at`), its escape `\\u0000` becomes `\\ufffd`."""
    if not any(isinstance(v, str) and ("\x00" in v or (i in json_at and "\\u0000" in v)) for i, v in enumerate(row)):
        return row
    return tuple(_one_no_nul(v, i in json_at) for i, v in enumerate(row))


def _one_no_nul(value, is_json: bool):
    if not isinstance(value, str):
        return value
    value = value.replace("\x00", "\ufffd")
    return _JSON_NUL.sub(r"\1\\ufffd", value) if is_json else value


# the JSON escape of U+0000: `\u0000` after an even number of backslashes (an escaped
# backslash followed by the letters `u0000` is text, left alone)
_JSON_NUL = re.compile(r"(?<!\\)((?:\\\\)*)\\u0000")


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
