"""`milliard batch`: re-runs add nothing, a killed batch resumes to the same content, workers
and Dask give the local result, memory stays flat (the source is streamed)."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from test_sinks import FakeExtractor, as_stored
from typer.testing import CliRunner

from milliard.cli import app
from milliard.io.sinks.rows import TABLES
from milliard.run import batch as batch_mod
from milliard.run import runners
from milliard.run.batch import run_batch

TESTS = Path(__file__).parent
NAMES = ["Alpha", "Brume", "Cobalt", "Dune", "Ecume", "Flux", "Givre", "Houle"]


def write_feed(path: Path, n: int) -> Path:
    """n CONTRACT lines: company names that repeat across documents (shared record ids),
    a broken line, a document the fake extractor fails on, a repeated id."""
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            if i == 7:
                out.write("{this is not json\n")
                continue
            text = f"{NAMES[i % 8]} lève des fonds auprès de {NAMES[(i * 3 + 1) % 8]} (dépêche {i})."
            if i == 11:
                text += " BOOM"
            doc_id = "dup" if i in (3, 30) else f"doc-{i:05d}"
            out.write(json.dumps({"id": doc_id, "text": text, "published": "2026-01-15"}) + "\n")
    return path


def dump(conn) -> dict[str, list]:
    """Every row of every table as values comparable across engines (test_sinks.as_stored), but
    the time each document was written (a re-run writes it anew)."""
    out = {}
    for t in TABLES:
        names = [c for c in t.names if c != "processed_at"]
        kinds = [kind for c, kind in t.columns if c != "processed_at"]
        found = conn.execute(f"SELECT {', '.join(names)} FROM {t.name}").fetchall()
        out[t.name] = sorted((as_stored(row, kinds) for row in found), key=repr)
    return out


def sqlite_dump(db: Path) -> dict[str, list]:
    with sqlite3.connect(db) as conn:
        return dump(conn)


def pg_dump(url: str) -> dict[str, list]:
    import psycopg
    with psycopg.connect(url) as conn:
        return dump(conn)


def count_rows(d: dict[str, list]) -> dict[str, int]:
    return {t: len(rows) for t, rows in d.items()}


# -- re-runs and errors (fake extractor: no model) ------------------------------------

def test_rerun_adds_no_row_sqlite(tmp_path):
    src = write_feed(tmp_path / "feed.jsonl", 40)
    db = tmp_path / "m.db"
    stats = run_batch(src, f"sqlite:///{db}", extractor=FakeExtractor(), chunk_size=8)
    first = sqlite_dump(db)
    assert stats.documents == 40 and stats.errors == 2  # the broken line and BOOM
    again = run_batch(src, f"sqlite:///{db}", extractor=FakeExtractor(), chunk_size=8)
    assert again.documents == 40 and sqlite_dump(db) == first
    resumed = run_batch(src, f"sqlite:///{db}", extractor=FakeExtractor(), resume=True)
    assert (resumed.documents, resumed.skipped) == (0, 40) and sqlite_dump(db) == first
    errors = dict((r[0], r[2]) for r in first["errors"])
    assert errors == {f"{tmp_path.name}/feed.jsonl:line:8": "bad_json", "doc-00011": "internal_error"}
    assert {r[0] for r in first["documents"]} >= {"dup", "dup#2"}


@pytest.mark.postgres
def test_rerun_adds_no_row_postgres(tmp_path, pg_target):
    src = write_feed(tmp_path / "feed.jsonl", 40)
    run_batch(src, pg_target, extractor=FakeExtractor(), chunk_size=8)
    first = pg_dump(pg_target)
    run_batch(src, pg_target, extractor=FakeExtractor(), chunk_size=8)
    assert pg_dump(pg_target) == first
    # the same content as SQLite's (True == 1 for the boolean columns)
    db = tmp_path / "m.db"
    run_batch(src, f"sqlite:///{db}", extractor=FakeExtractor(), chunk_size=8)
    assert sqlite_dump(db) == first


def test_feed_dates_are_stored_as_published(tmp_path):
    (tmp_path / "news.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>Alpha</title><guid>g1</guid><pubDate>Mon, 05 Jan 2026 23:30:00 -0500</pubDate>"
        "<description>Alpha lève des fonds.</description></item></channel></rss>", encoding="utf-8")
    (tmp_path / "plain.txt").write_text("Brume sans date, écrit en 2019.", encoding="utf-8")
    db = tmp_path / "m.db"
    run_batch(tmp_path, f"sqlite:///{db}", extractor=FakeExtractor())
    rows = sqlite3.connect(db).execute(
        "SELECT id, published, published_at, published_from FROM documents ORDER BY id").fetchall()
    assert rows == [("g1", "2026-01-05", "2026-01-05T23:30:00-05:00", "feed"),
                    (f"{tmp_path.name}/plain.txt", None, None, None)]


# -- kill -9 and --resume ---------------------------------------------------------

CHILD = """
import sys
sys.path.insert(0, {tests!r})
from test_sinks import FakeExtractor
from milliard.run.batch import run_batch
run_batch({src!r}, {target!r}, chunk_size=5, extractor=FakeExtractor(delay=0.01))
"""


def kill_mid_run(src: Path, target: str, done_count, total: int) -> int:
    code = CHILD.format(tests=str(TESTS), src=str(src), target=target)
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and child.poll() is None:
            if done_count() >= 15:
                break
            time.sleep(0.02)
        assert child.poll() is None, f"the batch ended before it could be killed: {child.stderr.read()!r}"
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    done = done_count()
    assert 0 < done < total, "the kill must land mid-run"
    return done


def _sqlite_count(db: Path):
    def count():
        if not db.exists():
            return 0
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
                return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        except sqlite3.OperationalError:  # tables not created yet, or locked
            return 0
    return count


def _pg_count(url: str):
    import psycopg

    def count():
        try:
            with psycopg.connect(url) as conn:
                return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        except psycopg.Error:
            return 0
    return count


@pytest.mark.parametrize("database", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_kill_9_then_resume_gives_the_uninterrupted_content(tmp_path, database, request):
    total = 200
    src = write_feed(tmp_path / "feed.jsonl", total)
    reference = tmp_path / "reference.db"
    run_batch(src, f"sqlite:///{reference}", extractor=FakeExtractor(), chunk_size=5)
    if database == "sqlite":
        db = tmp_path / "killed.db"
        target, count, read = f"sqlite:///{db}", _sqlite_count(db), lambda: sqlite_dump(db)
    else:
        target = request.getfixturevalue("pg_target")
        count, read = _pg_count(target), lambda: pg_dump(target)
    done = kill_mid_run(src, target, count, total)
    stats = run_batch(src, target, resume=True, extractor=FakeExtractor(), chunk_size=5)
    assert stats.skipped == done and stats.skipped + stats.documents == total
    assert read() == sqlite_dump(reference)


# -- workers and memory ---------------------------------------------------------------

def test_fork_workers_give_the_single_process_result(tmp_path):
    src = write_feed(tmp_path / "feed.jsonl", 30)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run_batch(src, str(one), extractor=FakeExtractor())
    stats = run_batch(src, str(two), workers=2, extractor=FakeExtractor(), chunk_size=7)
    assert stats.documents == 30
    assert two.read_bytes() == one.read_bytes()  # same lines, same (input) order


class DyingExtractor(FakeExtractor):
    """Kills its worker process on one document, as an out-of-memory kill would."""

    def extract(self, doc):
        if "(dépêche 20)" in doc.text and os.getpid() != PARENT:
            os._exit(9)
        return super().extract(doc)


PARENT = os.getpid()


def test_a_dying_worker_stops_the_batch_instead_of_hanging_it(tmp_path):
    from concurrent.futures.process import BrokenProcessPool

    src = write_feed(tmp_path / "feed.jsonl", 30)
    db, reference = tmp_path / "m.db", tmp_path / "reference.db"
    with pytest.raises(BrokenProcessPool):
        run_batch(src, f"sqlite:///{db}", workers=2, extractor=DyingExtractor(), chunk_size=2)
    done = _sqlite_count(db)()
    assert done <= 20  # nothing from the dead document on
    stats = run_batch(src, f"sqlite:///{db}", resume=True, extractor=FakeExtractor())
    assert stats.skipped == done and stats.documents == 30 - done
    run_batch(src, f"sqlite:///{reference}", extractor=FakeExtractor())
    assert sqlite_dump(db) == sqlite_dump(reference)


def test_memory_stays_flat_the_source_is_read_a_chunk_ahead(tmp_path, monkeypatch):
    """Over 10,000 documents, the batch never holds more than a chunk or two of them: the
    number of documents read from the source stays within a bound of those written."""
    src = tmp_path / "big.jsonl"
    with open(src, "w", encoding="utf-8") as out:
        for i in range(10_000):
            out.write(json.dumps({"id": f"d{i}", "text": f"Alpha {i}"}) + "\n")
    pulled = [0]
    real_iter = batch_mod.iter_source

    def counting(source, **options):
        for item in real_iter(source, **options):
            pulled[0] += 1
            yield item

    monkeypatch.setattr(batch_mod, "iter_source", counting)
    ahead = []
    stats = run_batch(src, f"sqlite:///{tmp_path / 'm.db'}", extractor=FakeExtractor(), chunk_size=100,
                      progress=lambda s: ahead.append(pulled[0] - s.documents))
    assert stats.documents == 10_000 and len(ahead) == 100
    # documents go to the extractor a task at a time (shared model batches): at most one task ahead
    assert max(ahead) <= runners.TASK_SIZE


# -- the real Extractor: CLI, Dask ------------------------------------------------------

ARTICLES = [
    {"id": "art-1", "published": "2026-02-10", "lang": "fr", "title": "Verrerie",
     "text": "La verrerie lyonnaise Opaline a levé 12 millions d'euros auprès du fonds Azur Capital.\n\n"
             "L'entreprise veut doubler sa production d'ici 2028.", "expected": {"records": []}},
    {"id": "art-2", "published": "2026-02-11", "lang": "fr", "title": None,
     "text": "Le groupe Marbre rachète la société nantaise Pivoine pour un montant non communiqué.",
     "expected": {"records": []}},
]


def write_articles(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for art in ARTICLES:
        (folder / f"{art['id']}.json").write_text(json.dumps(art, ensure_ascii=False), encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    return folder


@pytest.mark.slow
def test_cli_batch_then_table(tmp_path, extractor):
    src = write_articles(tmp_path / "articles")
    db = tmp_path / "out" / "m.db"
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(app, ["batch", str(src), "--to", f"sqlite:///{db}"])
        assert result.exit_code == 0, result.output
    assert result.stdout == ""  # no progress bar off a terminal; the summary goes to stderr
    assert result.stderr.count("\n") == 1 and "3 documents" in result.stderr and "1 error " in result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (3,)
        assert conn.execute("SELECT document_id, code FROM errors").fetchall() == [("articles/broken.txt", "unreadable")]
        assert conn.execute("SELECT lang FROM documents WHERE id = 'art-1'").fetchone() == ("fr",)
    shown = runner.invoke(app, ["table", f"sqlite:///{db}"])
    assert shown.exit_code == 0, shown.output
    for header in ("company", "kind", "amount", "currency", "round", "announced", "document"):
        assert header in shown.stdout
    assert "3 documents" in shown.stdout


@pytest.mark.slow
def test_cli_resume_processes_only_new_documents(tmp_path, extractor):
    src = write_articles(tmp_path / "articles")
    out = tmp_path / "out.jsonl"
    runner = CliRunner()
    assert runner.invoke(app, ["batch", str(src), "--to", str(out)]).exit_code == 0
    (src / "art-3.txt").write_text("Une troisième dépêche sans montant.", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(src), "--to", str(out), "--resume"])
    assert result.exit_code == 0 and "1 document " in result.stderr and "3 already done" in result.stderr
    ids = [orjson.loads(line)["id"] for line in out.read_bytes().splitlines()]
    assert ids == ["art-1", "art-2", "articles/broken.txt", "articles/art-3.txt"]


@pytest.mark.slow
def test_cli_jsonl_to_stdout(tmp_path, extractor):
    src = write_articles(tmp_path / "articles")
    result = CliRunner().invoke(app, ["batch", str(src / "art-1.json"), "--to", "-"])
    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    obj = orjson.loads(line)
    assert obj["id"] == "art-1" and obj["error"] is None and "records" in obj


def test_cli_usage_and_failure_exit_codes(tmp_path):
    runner = CliRunner()
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    bad_target = runner.invoke(app, ["batch", str(tmp_path), "--to", "out.csv"])
    assert bad_target.exit_code == 2 and "unknown target" in bad_target.stderr
    missing = runner.invoke(app, ["batch", str(tmp_path / "nope"), "--to", "-"])
    assert missing.exit_code == 3 and "no such file" in missing.stderr
    unreachable = runner.invoke(app, ["batch", str(tmp_path), "--to", "postgresql://u:secret@127.0.0.1:1/db"])
    assert unreachable.exit_code == 1 and "secret" not in unreachable.stderr
    no_db = runner.invoke(app, ["table", f"sqlite:///{tmp_path / 'none.db'}"])
    assert no_db.exit_code == 1 and "no database" in no_db.stderr
    scheduler = runner.invoke(app, ["batch", str(tmp_path), "--to", "-", "--scheduler", "tcp://h:8786"])
    assert scheduler.exit_code == 2


@pytest.mark.slow
def test_dask_local_cluster_gives_the_local_result(tmp_path, extractor):
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    from milliard.run.dask_runner import PLUGIN_NAME

    src = write_articles(tmp_path / "articles")
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run_batch(src, str(local))
    with LocalCluster(n_workers=1, processes=False, threads_per_worker=1, dashboard_address=None) as cluster:
        stats = run_batch(src, str(remote), engine="dask", scheduler=cluster.scheduler_address)
        (worker,) = cluster.workers.values()
        # the plugin gave the worker its Extractor once: this process's, model already loaded
        assert worker.plugins[PLUGIN_NAME].extractor is extractor
    assert stats.documents == 3 and stats.errors == 1
    assert remote.read_bytes() == local.read_bytes()


@pytest.mark.postgres
def test_table_reads_postgres(tmp_path, pg_target):
    src = write_feed(tmp_path / "feed.jsonl", 12)
    run_batch(src, pg_target, extractor=FakeExtractor())
    result = CliRunner().invoke(app, ["table", pg_target, "--limit", "3"])
    assert result.exit_code == 0, result.output
    assert "12 documents" in result.stdout and "funding_round" in result.stdout
    assert "more records" in result.stdout


@pytest.mark.postgres
def test_postgres_batch_with_long_and_nul_ids_stores_all_and_resumes(tmp_path, pg_target):
    """Ids of a few kB and ids that differ only by U+0000 / U+FFFD: every document is stored
    once, a second run adds nothing and --resume skips them all."""
    from test_sinks import LONG_ID

    ids = [LONG_ID, LONG_ID * 30, "a\x00", "a\ufffd", "court"]
    feed = tmp_path / "ids.jsonl"
    feed.write_text("".join(json.dumps({"id": i, "text": f"Alpha lève {n} M€."}) + "\n"
                            for n, i in enumerate(ids)), encoding="utf-8")
    stats = run_batch(feed, pg_target, extractor=FakeExtractor(), chunk_size=2)
    assert stats.documents == len(ids) and stats.errors == 0
    first = pg_dump(pg_target)
    assert count_rows(first)["documents"] == len(ids)
    resumed = run_batch(feed, pg_target, resume=True, extractor=FakeExtractor(), chunk_size=2)
    assert resumed.skipped == len(ids) and resumed.documents == 0
    run_batch(feed, pg_target, extractor=FakeExtractor(), chunk_size=2)
    assert pg_dump(pg_target) == first
