"""Files too large to be a document are refused before they are read, and a refused text is
never stored: memory stays flat whatever a source holds."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
import tracemalloc

from milliard.extraction.extractor import MAX_CHARS, Extractor
from milliard.io.sources import iter_source
from milliard.run.batch import run_batch


def sparse(path, size: int):
    """A file of `size` bytes that takes no disk (and must never be read)."""
    with open(path, "wb") as f:
        f.truncate(size)
    return path


def test_a_huge_text_file_is_too_large_without_being_read(tmp_path):
    sparse(tmp_path / "huge.txt", 200_000_000)
    sparse(tmp_path / "huge.html", 200_000_000)
    (tmp_path / "small.txt").write_text("Alpha lève 2 M€.", encoding="utf-8")
    tracemalloc.start()
    try:
        items = list(iter_source(tmp_path, max_chars=MAX_CHARS))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000  # the 200 MB files were never read into memory
    by_id = {item.id.removeprefix(f"{tmp_path.name}/"): item for item in items}
    for name in ("huge.txt", "huge.html"):
        assert by_id[name].doc is None and by_id[name].error.code == "too_large"
        assert "200000000 bytes" in by_id[name].error.message and str(MAX_CHARS) in by_id[name].error.message
    assert by_id["small.txt"].doc.text == "Alpha lève 2 M€."


def test_extract_answers_a_huge_file_in_line_without_reading_it(tmp_path):
    big = sparse(tmp_path / "big.txt", 1_000_000_000)
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "milliard.cli", "extract", str(big)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    (out,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert out["id"] == str(big) and out["error"]["code"] == "too_large"
    assert time.monotonic() - started < 60


def test_a_refused_text_is_not_stored(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "huge", "text": "a" * (MAX_CHARS + 1)}) + "\n"
                    + json.dumps({"id": "ok", "text": "Rien à signaler."}) + "\n", encoding="utf-8")
    db = tmp_path / "m.db"
    run_batch(feed, f"sqlite:///{db}", extractor=Extractor())  # refused before any model is loaded
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, status, text IS NULL, content_hash IS NULL FROM documents ORDER BY id").fetchall()
        errors = conn.execute("SELECT document_id, code FROM errors").fetchall()
    assert rows == [("huge", "error", 1, 0), ("ok", "ok", 0, 0)]
    assert errors == [("huge", "too_large")]


def test_an_over_long_jsonl_line_is_too_large_and_never_held_whole(tmp_path):
    """A line longer than any document of the allowed size could be is skipped block by block:
    an error for that line, the lines around it read. (A small limit stands for the real one,
    12 bytes a character: a surrogate pair escaped in JSON.)"""
    from milliard.io.jsonl import line_limit

    feed = tmp_path / "feed.jsonl"
    with open(feed, "w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "first", "text": "Alpha."}) + "\n")
        out.write(json.dumps({"id": "long", "text": "x" * 30_000_000}) + "\n")
        out.write(json.dumps({"id": "last", "text": "Omega."}) + "\n")
    assert line_limit(1_000) < 30_000_000
    tracemalloc.start()
    try:
        items = list(iter_source(feed, max_chars=1_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10_000_000  # the 30 MB line was never held whole
    assert [i.id for i in items] == ["first", f"{tmp_path.name}/feed.jsonl:line:2", "last"]
    assert items[1].error.code == "too_large" and "30000" in items[1].error.message
    assert [i.doc.text for i in (items[0], items[2])] == ["Alpha.", "Omega."]
