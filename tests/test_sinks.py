"""Sinks: SQLite, PostgreSQL, JSONL, Parquet. Results come from a fake extractor (no model),
so these tests are about storage: idempotent upserts, parameters only, schema versioning."""
from __future__ import annotations

import hashlib
import re
import sqlite3
import time
from datetime import date

import orjson
import pytest

from milliard.extraction.extractor import error_result
from milliard.io.sinks import SinkError, TargetError, open_sink, postgres_url, sqlite_path
from milliard.io.sinks.files import JsonlSink
from milliard.io.sinks.rows import TABLES, doc_key, table_rows
from milliard.io.sources import Item, input_item
from milliard.schema import (
    Amount,
    DateMention,
    DocumentResult,
    Entity,
    Evidence,
    FundingRecord,
    InputDocument,
    Money,
    Party,
    WarningInfo,
)

ALL_TABLES = [t.name for t in TABLES]
INJECTION = "x'); DROP TABLE documents; --"


class FakeExtractor:
    """Deterministic results without spaCy: one record per capitalised word (its id a hash of
    the word, so two documents naming the same company share a record id, as content hashes
    do), one amount, one date, one entity per document. `BOOM` in a text raises."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay

    def extract(self, doc: InputDocument) -> DocumentResult:
        if self.delay:
            time.sleep(self.delay)
        if "BOOM" in doc.text:
            raise RuntimeError("the fake extractor exploded")
        return fake_result(doc)


def fake_result(doc: InputDocument) -> DocumentResult:
    names = list(dict.fromkeys(re.findall(r"\b[A-Z][a-z]{2,}\b", doc.text)))
    records = [FundingRecord(
        id=hashlib.sha1(n.encode()).hexdigest()[:16], kind="funding_round", company=n,
        parties=[Party(name=n, role="recipient"), Party(name="Fonds Exemple", role="investor")],
        amount=Money(value=len(n) * 1e6, currency="EUR", text=f"{len(n)} M€"), round="seed",
        announced="2026-01-05", evidence=[Evidence(start=0, end=len(n), text=n)], confidence=0.5,
        warnings=[WarningInfo(code="inferred_currency", message="fake", spans=[(0, 1)])]) for n in names]
    text = doc.text
    return DocumentResult(
        id=doc.id, lang="fr", records=records,
        amounts=[Amount(text=text[:1], start=0, end=min(1, len(text)), value=1.0, currency="EUR", notes=["fake"])],
        dates=[DateMention(text=text[:1], start=0, end=min(1, len(text)), value="2026-01-05")],
        entities=[Entity(text=n, start=0, end=len(n), label="ORG", name=n) for n in names[:1]],
        warnings=[WarningInfo(code="duplicate_text", message="fake")] if "bis" in text else [])


def pairs_of(docs: list[InputDocument]):
    return [(input_item(d, f"src:{i}"), fake_result(d)) for i, d in enumerate(docs)]


DOCS = [
    InputDocument(id="d1", text="Alpha lève des fonds avec Beta.", published="2026-01-03"),
    InputDocument(id="d2", text="Gamma rachète Delta bis."),
    InputDocument(id=INJECTION, text="Robert'); DROP TABLE records;-- et Alpha", title="'; DELETE FROM errors; --"),
]


def counts(conn) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ALL_TABLES + ["schema_version"]}


def error_pair(doc_id="bad.txt"):
    item = Item(id=doc_id, source=doc_id, error=None)
    from milliard.schema import ErrorInfo
    item.error = ErrorInfo(code="unreadable", message="not UTF-8")
    return item, error_result(doc_id, "unreadable", "not UTF-8")


# -- SQLite ----------------------------------------------------------------------

def test_sqlite_url_forms():
    assert sqlite_path("sqlite:///out/m.db") == "out/m.db"
    assert sqlite_path("sqlite:////tmp/m.db") == "/tmp/m.db"
    assert sqlite_path("sqlite://") == ":memory:"
    with pytest.raises(TargetError):
        sqlite_path("sqlite://host/m.db")
    assert postgres_url("postgresql+psycopg://u@h:5432/db") == "postgresql://u@h:5432/db"
    with pytest.raises(TargetError):
        open_sink("mysql://u@h/db")
    with pytest.raises(TargetError):
        open_sink("out/file.csv")


def write_twice(target: str, conn_factory):
    sink = open_sink(target)
    sink.write(pairs_of(DOCS) + [error_pair()])
    sink.close()
    with conn_factory() as conn:
        first = counts(conn)
    sink = open_sink(target)
    sink.write(pairs_of(DOCS) + [error_pair()])
    sink.close()
    with conn_factory() as conn:
        return first, counts(conn), conn


def test_sqlite_rewrite_adds_no_row_and_keeps_payloads_verbatim(tmp_path):
    db = tmp_path / "m.db"
    first, second, _ = write_twice(f"sqlite:///{db}", lambda: sqlite3.connect(db))
    assert first == second
    # Alpha is named in d1 and in the injection doc: the same record id (content hash) is a row for
    # each document that states it, with that document's evidence and parties
    assert first == {"documents": 4, "records": 6, "parties": 12, "amounts": 3, "dates": 3, "entities": 3,
                     "warnings": 7, "errors": 1, "conflicts": 0, "schema_version": 1}
    conn = sqlite3.connect(db)
    row = conn.execute("SELECT id, text, title FROM documents WHERE id = ?", (INJECTION,)).fetchone()
    assert row == (INJECTION, DOCS[2].text, DOCS[2].title)
    alpha = conn.execute("SELECT document_id, id FROM records WHERE company = 'Alpha' ORDER BY document_id")
    (doc_a, id_a), (doc_b, id_b) = alpha.fetchall()
    assert {doc_a, doc_b} == {"d1", INJECTION} and id_a == id_b
    assert conn.execute("SELECT code, message FROM errors").fetchone() == ("unreadable", "not UTF-8")
    assert conn.execute("SELECT status FROM documents WHERE id = 'bad.txt'").fetchone() == ("error",)
    assert conn.execute("SELECT published, published_from FROM documents WHERE id = 'd1'").fetchone() == \
        ("2026-01-03", "input")


def test_sqlite_rewrite_replaces_the_rows_of_a_changed_document(tmp_path):
    db = tmp_path / "m.db"
    sink = open_sink(f"sqlite:///{db}")
    sink.write(pairs_of([InputDocument(id="d", text="Alpha et Beta.")]))
    sink.write(pairs_of([InputDocument(id="d", text="Gamma seulement.")]))
    sink.close()
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT company FROM records").fetchall() == [("Gamma",)]
    assert conn.execute("SELECT count(*) FROM parties").fetchone() == (2,)


def test_sqlite_chunk_is_one_transaction(tmp_path):
    db = tmp_path / "m.db"
    sink = open_sink(f"sqlite:///{db}")
    good = pairs_of(DOCS[:1])
    broken = (input_item(DOCS[1], "x"), "not a result")  # fails while building rows
    with pytest.raises(AttributeError):  # "not a result" has no .records
        sink.write(good + [broken])
    sink.write(pairs_of(DOCS[1:2]))
    sink.close()
    ids = [r[0] for r in sqlite3.connect(db).execute("SELECT id FROM documents")]
    assert ids == ["d2"]


@pytest.mark.parametrize("version, words", [(99, "upgrade milliard"), (1, "write to a new database")])
def test_sqlite_schema_version_other_than_the_tools_is_refused(tmp_path, version, words):
    db = tmp_path / "m.db"
    open_sink(f"sqlite:///{db}").close()
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM schema_version")
    conn.execute("INSERT INTO schema_version VALUES (?, 'other')", (version,))
    conn.commit()
    with pytest.raises(SinkError, match=f"schema version {version}.*{words}"):
        open_sink(f"sqlite:///{db}")


def test_done_keys(tmp_path):
    sink = open_sink(f"sqlite:///{tmp_path / 'm.db'}")
    sink.write(pairs_of(DOCS) + [error_pair()])
    assert sink.done_keys() == {doc_key("d1"): "src:0", doc_key("d2"): "src:1", doc_key(INJECTION): "src:2",
                                doc_key("bad.txt"): "bad.txt"}
    sink.close()


# -- PostgreSQL ------------------------------------------------------------------

@pytest.mark.postgres
def test_postgres_rewrite_adds_no_row_and_keeps_payloads_verbatim(pg_target):
    import psycopg

    first, second, _ = write_twice(pg_target, lambda: psycopg.connect(pg_target))
    assert first == second
    assert first["documents"] == 4 and first["records"] == 6 and first["errors"] == 1
    with psycopg.connect(pg_target) as conn:
        row = conn.execute("SELECT id, text, title FROM documents WHERE id = %s", (INJECTION,)).fetchone()
        assert row == (INJECTION, DOCS[2].text, DOCS[2].title)
        alpha = conn.execute("SELECT document_id, id FROM records WHERE company = 'Alpha' ORDER BY document_id")
        (doc_a, id_a), (doc_b, id_b) = alpha.fetchall()
        assert {doc_a, doc_b} == {"d1", INJECTION} and id_a == id_b
        amount = conn.execute("SELECT amount_value, amount_currency FROM records WHERE company = 'Gamma'").fetchone()
        assert amount == (5e6, "EUR")


@pytest.mark.postgres
def test_postgres_same_content_as_sqlite(pg_target, tmp_path):
    import psycopg

    pairs = pairs_of(DOCS) + [error_pair()]
    for target in (pg_target, f"sqlite:///{tmp_path / 'm.db'}"):
        sink = open_sink(target)
        sink.write(pairs)
        sink.close()
    with psycopg.connect(pg_target) as pg:
        lite = sqlite3.connect(tmp_path / "m.db")
        for t in TABLES:
            query = f"SELECT {', '.join(c for c in t.names if c != 'processed_at')} FROM {t.name}"
            kinds = [kind for c, kind in t.columns if c != "processed_at"]
            # booleans: True == 1 in Python, so PostgreSQL's and SQLite's rows compare equal
            assert sorted((as_stored(row, kinds) for row in pg.execute(query).fetchall()), key=repr) == \
                sorted((as_stored(row, kinds) for row in lite.execute(query).fetchall()), key=repr), t.name


def as_stored(row: tuple, kinds: list[str]) -> tuple:
    """A row as values comparable across engines: a DATE as its ISO text (SQLite stores the
    text), JSON parsed (JSONB orders keys its own way)."""
    def one(value, kind):
        if kind == "DATE" and value is not None:
            return str(value)
        if kind == "JSON" and isinstance(value, str):
            return orjson.loads(value)
        return value
    return tuple(one(v, k) for v, k in zip(row, kinds))


@pytest.mark.postgres
def test_postgres_chunk_with_repeated_keys(pg_target):
    """Two documents stating the same record (same content hash) in one chunk: each keeps its
    row, under its own document."""
    import psycopg

    sink = open_sink(pg_target)
    sink.write(pairs_of([InputDocument(id="a", text="Alpha."), InputDocument(id="b", text="Alpha encore.")]))
    sink.close()
    with psycopg.connect(pg_target) as conn:
        rows = conn.execute("SELECT document_id, id FROM records ORDER BY document_id").fetchall()
        assert [doc for doc, _ in rows] == ["a", "b"] and rows[0][1] == rows[1][1]


@pytest.mark.postgres
def test_postgres_unreachable_is_a_sink_error():
    with pytest.raises(SinkError, match="cannot connect"):
        open_sink("postgresql://nobody:secret@127.0.0.1:1/none")


# -- files -------------------------------------------------------------------------

def test_jsonl_file_rewrite_and_resume_after_a_cut_line(tmp_path):
    path = tmp_path / "out.jsonl"
    for _ in range(2):
        sink = open_sink(str(path))
        sink.write(pairs_of(DOCS))
        sink.close()
    lines = path.read_bytes().splitlines()
    assert [orjson.loads(line)["id"] for line in lines] == ["d1", "d2", INJECTION]
    path.write_bytes(b"\n".join(lines[:2]) + b"\n" + lines[2][:20])  # killed mid-line
    sink = open_sink(str(path), resume=True)
    assert set(sink.done_keys()) == {doc_key("d1"), doc_key("d2")}
    sink.write(pairs_of(DOCS)[2:])
    sink.close()
    assert path.read_bytes().splitlines() == lines


def test_jsonl_lines_are_contract_objects(tmp_path):
    path = tmp_path / "out.jsonl"
    sink = JsonlSink(str(path))
    sink.write(pairs_of(DOCS[:1]) + [error_pair()])
    sink.close()
    ok, bad = [orjson.loads(line) for line in path.read_bytes().splitlines()]
    contract = ["id", "lang", "amounts", "dates", "entities", "records", "warnings", "error"]
    assert list(ok)[:8] == contract  # the CONTRACT object, then where the document came from
    assert {k: ok[k] for k in list(ok)[8:]} == {"source": "src:0", "url": None, "title": None,
                                                "published": "2026-01-03", "published_from": "input"}
    assert bad["error"] == {"code": "unreadable", "message": "not UTF-8"} and bad["records"] == []


def test_parquet_file(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "out.parquet"
    sink = open_sink(str(path))
    sink.write(pairs_of(DOCS))
    sink.write([error_pair()])
    sink.close(ok=True)
    table = pq.read_table(path)
    assert table.column("id").to_pylist() == ["d1", "d2", INJECTION, "bad.txt"]
    first = table.to_pylist()[0]
    assert first["records"][0]["company"] == "Alpha" and first["records"][0]["amount"]["currency"] == "EUR"
    assert first["published"] == date(2026, 1, 3) and first["published_from"] == "input"
    assert first["records"][0]["announced"] == date(2026, 1, 5) and first["records"][0]["amount_eur"] == 5e6
    assert first["text"] == DOCS[0].text and first["dates"][0]["value"] == date(2026, 1, 5)
    for column in ("published", "records.announced", "dates.value"):
        parent, _, child = column.partition(".")
        kind = table.schema.field(parent).type
        kind = kind.value_type.field(child).type if child else kind
        assert kind == pa.date32(), column
    assert table.to_pylist()[3]["error"]["code"] == "unreadable"
    # a new run rewrites the file; --resume keeps a complete file's documents
    sink = open_sink(str(path), resume=True)
    assert set(sink.done_keys()) == {doc_key(i) for i in ("d1", "d2", INJECTION, "bad.txt")}
    sink.close()
    assert pq.read_table(path).num_rows == 4


def test_parquet_not_renamed_when_the_batch_failed(tmp_path):
    path = tmp_path / "out.parquet"
    sink = open_sink(str(path))
    sink.write(pairs_of(DOCS))
    sink.close(ok=False)
    assert not path.exists()


def test_table_rows_has_one_value_per_column():
    rows = table_rows(pairs_of(DOCS) + [error_pair()])
    for t in TABLES:
        assert all(len(r) == len(t.columns) for r in rows[t.name]), t.name


@pytest.mark.postgres
def test_postgres_text_with_nul_is_stored_not_refused(pg_target, tmp_path):
    """PostgreSQL text cannot hold U+0000: it becomes U+FFFD (same length, same offsets);
    SQLite keeps it as written."""
    import psycopg

    doc = InputDocument(id="nul\x00id", text="Alpha\x00 lève des fonds.")
    for target in (pg_target, f"sqlite:///{tmp_path / 'm.db'}"):
        sink = open_sink(target)
        sink.write(pairs_of([doc]))
        sink.close()
    with psycopg.connect(pg_target) as conn:
        assert conn.execute("SELECT id, text FROM documents").fetchone() == \
            ("nul\ufffdid", "Alpha\ufffd lève des fonds.")
    assert sqlite3.connect(tmp_path / "m.db").execute("SELECT text FROM documents").fetchone() == (doc.text,)


# -- ids of any length and any characters ----------------------------------------------

# 3,200 characters that do not compress: over PostgreSQL's btree key limit (about 2,700 bytes)
LONG_ID = "".join(hashlib.sha256(str(i).encode()).hexdigest() for i in range(50))


def write_pairs(target: str, pairs) -> set[str]:
    """Write the pairs, then open the target again: the keys it reports as done."""
    sink = open_sink(target)
    sink.write(pairs)
    sink.close()
    sink = open_sink(target)
    try:
        return set(sink.done_keys())
    finally:
        sink.close()


@pytest.mark.postgres
def test_postgres_long_ids_are_stored_in_full_and_rewritten_in_place(pg_target):
    import psycopg

    docs = [InputDocument(id=LONG_ID, text="Alpha lève des fonds."),
            InputDocument(id="x" * 200_000, text="Beta aussi."), InputDocument(id="court", text="Gamma.")]
    assert write_pairs(pg_target, pairs_of(docs)) == {doc_key(d.id) for d in docs}
    write_pairs(pg_target, pairs_of(docs))
    with psycopg.connect(pg_target) as conn:
        assert sorted(r[0] for r in conn.execute("SELECT id FROM documents")) == sorted(d.id for d in docs)
        assert conn.execute("SELECT count(*) FROM records WHERE document_id = %s", (LONG_ID,)).fetchone() == (1,)


@pytest.mark.postgres
def test_ids_differing_only_by_nul_stay_two_documents(pg_target, tmp_path):
    """PostgreSQL stores U+0000 as U+FFFD, so `a\\0` and `a\\ufffd` read the same there: the
    key is a hash of the exact id, so neither document is lost nor merged into the other."""
    import psycopg

    docs = [InputDocument(id="a\x00", text="Alpha lève des fonds."), InputDocument(id="a\ufffd", text="Gamma rachète.")]
    joined = "SELECT r.company, d.text FROM records r JOIN documents d ON d.doc_key = r.doc_key ORDER BY 1"
    want = [("Alpha", docs[0].text), ("Gamma", docs[1].text)]
    for target in (pg_target, f"sqlite:///{tmp_path / 'm.db'}"):
        assert write_pairs(target, pairs_of(docs)) == {doc_key("a\x00"), doc_key("a\ufffd")}
    with psycopg.connect(pg_target) as conn:
        assert conn.execute(joined).fetchall() == want
    assert sqlite3.connect(tmp_path / "m.db").execute(joined).fetchall() == want
    assert sorted(r[0] for r in sqlite3.connect(tmp_path / "m.db").execute("SELECT id FROM documents")) == \
        sorted(d.id for d in docs)


# -- creating the schema ----------------------------------------------------------------

@pytest.mark.postgres
def test_postgres_concurrent_first_runs_create_the_schema_once(pg_target):
    """Eight sinks opening one fresh schema at the same moment: none fails (the schema is
    checked and created under an advisory lock) and the version is stamped once."""
    import threading

    import psycopg

    start, failures = threading.Barrier(8), []

    def first_run():
        start.wait()
        try:
            open_sink(pg_target).close()
        except Exception as exc:  # the failure the lock prevents: UniqueViolation on the catalog
            failures.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=first_run) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    with psycopg.connect(pg_target) as conn:
        assert conn.execute("SELECT count(*) FROM schema_version").fetchone() == (1,)


def test_a_foreign_sqlite_database_is_refused_and_left_as_it_was(tmp_path):
    db = tmp_path / "theirs.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("INSERT INTO notes VALUES ('keep me')")
    conn.close()
    before = db.read_bytes()
    with pytest.raises(SinkError, match="did not make \\(notes\\)"):
        open_sink(f"sqlite:///{db}")
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["theirs.db"]  # no WAL file either


@pytest.mark.postgres
def test_a_postgres_schema_holding_a_table_of_our_name_is_refused(pg_target):
    import psycopg

    with psycopg.connect(pg_target, autocommit=True) as conn:
        conn.execute("CREATE TABLE documents (title TEXT)")
        conn.execute("CREATE TABLE their_notes (body TEXT)")
    with pytest.raises(SinkError, match="did not make \\(documents\\)"):
        open_sink(pg_target)
    with psycopg.connect(pg_target) as conn:
        tables = {r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables "
                                             "WHERE table_schema = current_schema()")}
    assert tables == {"documents", "their_notes"}


def test_a_database_of_schema_version_2_is_refused_before_anything_is_written(tmp_path):
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)")
        conn.execute("INSERT INTO schema_version VALUES (2, 'then')")
    conn.close()
    with pytest.raises(SinkError, match="schema version 2, older"):
        open_sink(f"sqlite:///{db}")
    tables = {r[0] for r in sqlite3.connect(db).execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"schema_version"}


# -- ids met again from another source: conflicts, never overwrites ------------------

def from_source(doc: InputDocument, source: str):
    return input_item(doc, source), fake_result(doc)


def conflict_counts(target: str, connect):
    """Two sources write the id `fr1.txt`: the second, other content, is a conflict."""
    first = InputDocument(id="fr1.txt", text="Alpha lève des fonds.")
    sink = open_sink(target)
    assert sink.write([from_source(first, "/data/news/fr1.txt")]) == []
    other = InputDocument(id="fr1.txt", text="Gamma rachète Delta.")
    conflicts = sink.write([from_source(other, "/data/other/fr1.txt")])
    again = sink.write([from_source(other, "/data/other/fr1.txt")])  # a re-run reports it, adds no row
    same = sink.write([from_source(first, "/elsewhere/news/fr1.txt")])  # same content from elsewhere: same document
    sink.close()
    assert [str(c) for c in conflicts] == [str(c) for c in again] == [
        "conflict: document 'fr1.txt' from /data/other/fr1.txt differs from the one stored from "
        "/data/news/fr1.txt; kept the stored one (table conflicts)"]
    assert same == []
    with connect() as conn:
        companies = conn.execute("SELECT company FROM records").fetchall()
        rows = conn.execute("SELECT document_id, source, stored_source FROM conflicts").fetchall()
        source = conn.execute("SELECT source FROM documents").fetchall()
    assert companies == [("Alpha",)]  # the stored document's records stay
    assert rows == [("fr1.txt", "/data/other/fr1.txt", "/data/news/fr1.txt")]
    assert source == [("/elsewhere/news/fr1.txt",)]


def test_sqlite_an_id_from_another_source_with_other_content_is_a_conflict(tmp_path):
    db = tmp_path / "m.db"
    conflict_counts(f"sqlite:///{db}", lambda: sqlite3.connect(db))


@pytest.mark.postgres
def test_postgres_an_id_from_another_source_with_other_content_is_a_conflict(pg_target):
    import psycopg
    conflict_counts(pg_target, lambda: psycopg.connect(pg_target))


V5_COLUMNS = {"published_at", "processed_at", "amount_eur", "eur_rate", "eur_rate_date"}


def make_v3(conn, mark: str) -> None:
    """A database as milliard wrote it at schema version 3 (no `conflicts`, no version-5
    columns, dates and JSON as TEXT), holding one document and one record in dollars."""
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)")
    conn.execute("INSERT INTO schema_version VALUES (3, 'then')")
    for t in TABLES:
        if t.name != "conflicts":
            cols = ", ".join(f"{c} {'TEXT' if kind in ('DATE', 'JSON') else kind}"
                             for c, kind in t.columns if c not in V5_COLUMNS)
            conn.execute(f"CREATE TABLE {t.name} ({cols}, PRIMARY KEY ({', '.join(t.key)}))")
    key = doc_key("old.txt")
    conn.execute(f"INSERT INTO documents (id, source, published, content_hash, doc_key) "
                 f"VALUES ({mark}, {mark}, {mark}, {mark}, {mark})",
                 ("old.txt", "old.txt", "2025-03-08T09:30:00+01:00", "abc", key))
    conn.execute(f"INSERT INTO records (id, document_id, position, company, amount_value, amount_currency, "
                 f"evidence, doc_key) VALUES ({mark}, {mark}, 0, 'Alpha', 45000000.0, 'USD', {mark}, {mark})",
                 ("r1", "old.txt", '[{"start": 0, "end": 5, "text": "Alpha"}]', key))


def check_migrated(conn) -> None:
    assert [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")] == [3, 5]
    assert conn.execute("SELECT count(*) FROM conflicts").fetchone() == (0,)
    doc = conn.execute("SELECT id, source, published, published_at FROM documents").fetchone()
    assert (doc[0], doc[1], str(doc[2]), doc[3]) == ("old.txt", "old.txt", "2025-03-08", "2025-03-08T09:30:00+01:00")
    # announced is null: the euros are at the rate of the day published, a Saturday: Friday's
    eur, rate_day, evidence = conn.execute("SELECT amount_eur, eur_rate_date, evidence FROM records").fetchone()
    assert round(eur) == round(45e6 / 1.0857) and str(rate_day) == "2025-03-07"
    assert (orjson.loads(evidence) if isinstance(evidence, str) else evidence)[0]["text"] == "Alpha"
    row = conn.execute("SELECT company, amount_eur, investors FROM funding_rounds").fetchone()
    assert row[0] == "Alpha" and round(row[1]) == round(eur)


def test_sqlite_a_version_3_database_is_migrated_in_place_keeping_its_rows(tmp_path):
    db = tmp_path / "v3.db"
    with sqlite3.connect(db) as conn:
        make_v3(conn, "?")
    conn.close()
    open_sink(f"sqlite:///{db}").close()
    open_sink(f"sqlite:///{db}").close()  # opened again: nothing more to migrate
    with sqlite3.connect(db) as conn:
        check_migrated(conn)


@pytest.mark.postgres
def test_postgres_a_version_3_database_is_migrated_in_place_keeping_its_rows(pg_target):
    import psycopg

    with psycopg.connect(pg_target, autocommit=True) as conn:
        make_v3(conn, "%s")
    open_sink(pg_target).close()
    open_sink(pg_target).close()
    with psycopg.connect(pg_target) as conn:
        check_migrated(conn)


def orphan_refused(conn, error) -> None:
    """A record of no document is refused by the foreign key."""
    with pytest.raises(error):
        conn.execute("INSERT INTO records (id, document_id, doc_key) VALUES ('r', 'nowhere', 'no-such-key')")


def test_sqlite_rows_belong_to_a_document(tmp_path):
    db = tmp_path / "m.db"
    open_sink(f"sqlite:///{db}").close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys=ON")
    orphan_refused(conn, sqlite3.IntegrityError)


@pytest.mark.postgres
@pytest.mark.parametrize("migrated", [False, True])
def test_postgres_rows_belong_to_a_document(pg_target, migrated):
    import psycopg

    if migrated:
        with psycopg.connect(pg_target, autocommit=True) as conn:
            make_v3(conn, "%s")
    open_sink(pg_target).close()
    with psycopg.connect(pg_target, autocommit=True) as conn:
        orphan_refused(conn, psycopg.errors.ForeignKeyViolation)
