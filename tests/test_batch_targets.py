"""Targets given by hand: URLs that must be refused, passwords never echoed, file names that
need escaping, and stored values that must not drive the terminal through `milliard table`."""
from __future__ import annotations

import sqlite3

import pytest
from test_sinks import FakeExtractor, pairs_of
from typer.testing import CliRunner

from milliard.cli import app
from milliard.io.sinks import TargetError, open_sink, shown, sqlite_path
from milliard.run import runners
from milliard.schema import InputDocument


@pytest.mark.parametrize("url", ["sqlite:///", "sqlite:///?mode=rw"])
def test_a_sqlite_url_without_a_file_is_refused(url, tmp_path):
    with pytest.raises(TargetError, match="sqlite:///relative/path.db"):
        sqlite_path(url)
    feed = tmp_path / "f.jsonl"
    feed.write_text('{"id": "a", "text": "Alpha."}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(feed), "--to", url])
    assert result.exit_code == 2 and "sqlite:///relative/path.db" in result.stderr


@pytest.mark.parametrize("url, want", [
    ("postgresql://u:s3cret@h:5432/db", "postgresql://u@h:5432/db"),
    ("postgresql://u:s3c@ret@h/db", "postgresql://u@h/db"),
    ("postgresql://h/db?user=u&password=s3cret&sslmode=require", "postgresql://h/db?user=u&password=***&sslmode=require"),
    ("postgres://u:s3/cret@h/db?x=a@b", "postgres://u@h/db?x=a@b"),
])
def test_passwords_are_never_shown(url, want):
    assert shown(url) == want


@pytest.mark.postgres
def test_the_summary_line_and_errors_do_not_echo_a_password(pg_target, tmp_path, monkeypatch):
    monkeypatch.setattr(runners, "shared_extractor", lambda *a, **k: FakeExtractor())
    feed = tmp_path / "f.jsonl"
    feed.write_text('{"id": "a", "text": "Alpha."}\n', encoding="utf-8")
    # trust authentication ignores the password: the run goes through and prints its summary
    target = pg_target.replace("postgresql://postgres@", "postgresql://postgres:hunter2@") + "&password=hunter2"
    result = CliRunner().invoke(app, ["batch", str(feed), "--to", target])
    assert result.exit_code == 0, result.stderr
    assert "1 document " in result.stderr and "hunter2" not in result.stderr
    for args in (["batch", str(feed), "--to", "mysql://u:hunter2@h/db"], ["table", "mysql://u:hunter2@h/db"]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2 and "hunter2" not in result.stderr


@pytest.mark.parametrize("name", ["a#b.db", "p%41q.db", "a b%.db"])
def test_table_reads_a_database_whose_name_needs_escaping(tmp_path, name, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = tmp_path / name
    sink = open_sink(f"sqlite:///{db}")
    sink.write(pairs_of([InputDocument(id="d1", text="Alpha lève des fonds.")]))
    sink.close()
    result = CliRunner().invoke(app, ["table", f"sqlite:///{db}"])
    assert result.exit_code == 0, result.stderr
    assert "1 document, 1 record, 0 errors" in result.stdout and "Alpha" in result.stdout
    # no stray file (`a` for `a#b.db`): only the database and its WAL files
    assert {p.name for p in tmp_path.iterdir()} <= {name, f"{name}-wal", f"{name}-shm"}


def test_table_escapes_control_characters_and_markup(tmp_path):
    db = tmp_path / "m.db"
    hostile = "Evil\x1b[2J\x1b]0;pwned\x07\u202eCorp"
    sink = open_sink(f"sqlite:///{db}")
    sink.write(pairs_of([InputDocument(id=f"id-{hostile}", text="Alpha lève des fonds.")]))
    sink.close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE records SET company = ?", (f"[bold]{hostile}",))
    conn.close()
    result = CliRunner().invoke(app, ["table", f"sqlite:///{db}"])
    assert result.exit_code == 0, result.stderr
    assert not any(c in result.stdout for c in "\x1b\x07\u202e")
    assert "[bold]Evil\\x1b[2J\\x1b]0;pwned\\x07" in result.stdout and "id-Evil\\x1b[2J" in result.stdout
