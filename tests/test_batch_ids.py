"""Document ids across sources: two folders holding the same file names batched into one
database stay two sets of documents, and an id met again from another source with other
content is a reported conflict, never an overwrite."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_sinks import FakeExtractor
from typer.testing import CliRunner

from milliard.cli import app
from milliard.run.batch import run_batch


def folder(path: Path, texts: dict[str, str]) -> Path:
    path.mkdir(parents=True)
    for name, text in texts.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_two_folders_with_the_same_file_names_keep_both_documents(tmp_path):
    news = folder(tmp_path / "news", {"fr1.txt": "Alpha lève des fonds.", "fr2.txt": "Brume aussi."})
    other = folder(tmp_path / "other", {"fr1.txt": "Cobalt rachète Dune."})
    db, conflicts = tmp_path / "m.db", []
    for src in (news, other, news, other):  # each batch twice: the re-runs add no row
        run_batch(src, f"sqlite:///{db}", extractor=FakeExtractor(), on_conflict=conflicts.append)
    assert conflicts == []
    assert rows(db, "SELECT id, source FROM documents ORDER BY id") == [
        ("news/fr1.txt", str((news / "fr1.txt").resolve())), ("news/fr2.txt", str((news / "fr2.txt").resolve())),
        ("other/fr1.txt", str((other / "fr1.txt").resolve()))]
    assert rows(db, "SELECT document_id, company FROM records ORDER BY document_id, company") == [
        ("news/fr1.txt", "Alpha"), ("news/fr2.txt", "Brume"), ("other/fr1.txt", "Cobalt"), ("other/fr1.txt", "Dune")]
    assert len(rows(db, "SELECT content_hash FROM documents WHERE content_hash IS NOT NULL")) == 3


def test_a_namespace_names_the_documents_of_a_source(tmp_path):
    src = folder(tmp_path / "news", {"fr1.txt": "Alpha lève des fonds."})
    db = tmp_path / "m.db"
    run_batch(src, f"sqlite:///{db}", extractor=FakeExtractor(), namespace="agence")
    run_batch(src, f"sqlite:///{db}", extractor=FakeExtractor(), namespace="")
    assert rows(db, "SELECT id FROM documents ORDER BY id") == [("agence/fr1.txt",), ("fr1.txt",)]


def test_same_folder_name_other_content_is_a_conflict_never_an_overwrite(tmp_path):
    first = folder(tmp_path / "a" / "news", {"fr1.txt": "Alpha lève des fonds."})
    second = folder(tmp_path / "b" / "news", {"fr1.txt": "Cobalt rachète Dune.", "fr2.txt": "Brume aussi."})
    db, seen = tmp_path / "m.db", []
    run_batch(first, f"sqlite:///{db}", extractor=FakeExtractor())
    stats = run_batch(second, f"sqlite:///{db}", extractor=FakeExtractor(), on_conflict=seen.append)
    again = run_batch(second, f"sqlite:///{db}", extractor=FakeExtractor(), resume=True, on_conflict=seen.append)
    assert (stats.conflicts, again.conflicts, again.skipped) == (1, 1, 1)  # never skipped as done
    assert [c.document_id for c in seen] == ["news/fr1.txt", "news/fr1.txt"]
    assert rows(db, "SELECT document_id, company FROM records ORDER BY document_id, company") == [
        ("news/fr1.txt", "Alpha"), ("news/fr2.txt", "Brume")]
    assert rows(db, "SELECT document_id, source, stored_source FROM conflicts") == [
        ("news/fr1.txt", str((second / "fr1.txt").resolve()), str((first / "fr1.txt").resolve()))]


@pytest.mark.slow
def test_cli_reports_a_conflict_on_stderr(tmp_path, extractor):
    first = folder(tmp_path / "a" / "news", {"fr1.txt": "Alpha lève 2 M€."})
    second = folder(tmp_path / "b" / "news", {"fr1.txt": "Cobalt lève 3 M€."})
    target = f"sqlite:///{tmp_path / 'm.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["batch", str(first), "--to", target]).exit_code == 0
    result = runner.invoke(app, ["batch", str(second), "--to", target])
    assert result.exit_code == 0, result.stderr
    conflict, summary = result.stderr.splitlines()
    assert conflict.startswith("milliard: conflict: document 'news/fr1.txt' from ") and "table conflicts" in conflict
    assert "1 document " in summary and "1 conflict (not written)" in summary


# -- milliard table: filters, investors, CSV and JSON ---------------------------------

def table_db(tmp_path: Path) -> str:
    src = folder(tmp_path / "news", {"a.txt": "Alpha lève des fonds.", "b.txt": "Brume et Cobalt."})
    target = f"sqlite:///{tmp_path / 'm.db'}"
    run_batch(src, target, extractor=FakeExtractor())
    return target


def table(*args: str):
    result = CliRunner().invoke(app, ["table", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_table_filters_and_writes_csv_and_json(tmp_path):
    import csv
    import io
    import json

    target = table_db(tmp_path)  # the fake amounts: len(name) M€, announced 2026-01-05
    rows = list(csv.DictReader(io.StringIO(table(target, "--format", "csv"))))
    assert [r["company"] for r in rows] == ["Alpha", "Brume", "Cobalt"]
    assert rows[0]["investors"] == "Fonds Exemple" and rows[0]["amount_eur"] == "5000000.0"
    big = json.loads(table(target, "--format", "json", "--min-amount", "5500000"))
    assert [r["company"] for r in big] == ["Cobalt"] and big[0]["investors"] == ["Fonds Exemple"]
    assert json.loads(table(target, "-f", "json", "--company", "BRU"))[0]["company"] == "Brume"
    assert json.loads(table(target, "-f", "json", "--since", "2026-01-06")) == []
    assert json.loads(table(target, "-f", "json", "--kind", "acquisition")) == []
    shown = table(target, "--kind", "funding_round", "--limit", "1")
    assert "2 documents, 3 records, 0 errors" in shown and "Fonds Exemple" in shown and "(2 more records" in shown


def test_table_refuses_a_bad_since(tmp_path):
    result = CliRunner().invoke(app, ["table", table_db(tmp_path), "--since", "hier"])
    assert result.exit_code == 2 and "--since" in result.stderr


@pytest.mark.postgres
def test_table_reads_postgres_with_the_same_answer(tmp_path, pg_target):
    import json

    run_batch(folder(tmp_path / "news", {"a.txt": "Alpha lève des fonds."}), pg_target, extractor=FakeExtractor())
    (row,) = json.loads(table(pg_target, "-f", "json", "--since", "2026-01-01", "--company", "alp"))
    assert (row["company"], row["announced"], row["investors"], row["amount_eur"]) == \
        ("Alpha", "2026-01-05", ["Fonds Exemple"], 5e6)
