"""The time budget of one document: a document that would hold the batch for minutes becomes an
`errors` row with the code `timeout` within a few seconds, and the batch goes on."""
from __future__ import annotations

import json
import sqlite3
import time

import pytest
from test_batch import sqlite_dump
from test_sinks import FakeExtractor

from milliard.io.sources import input_item
from milliard.run.batch import run_batch
from milliard.run.runners import process_items
from milliard.schema import InputDocument


class StallingExtractor(FakeExtractor):
    """Spins on a document that says STALL, as a quadratic stage would on a huge input (for at
    most a minute, so a broken budget fails the test instead of hanging it); reads the others
    in shared batches like the real Extractor."""

    def extract(self, doc):
        until = time.monotonic() + 60
        while "STALL" in doc.text and time.monotonic() < until:
            pass
        return super().extract(doc)

    def extract_many(self, docs):
        return (self.extract(doc) for doc in docs)


def write_feed(path, stall_at: int | None):
    with open(path, "w", encoding="utf-8") as out:
        for i in range(20):
            text = f"Alpha et Brume {i}." + (" STALL" if i == stall_at else "")
            out.write(json.dumps({"id": f"d{i:02d}", "text": text}) + "\n")
    return path


@pytest.mark.parametrize("workers", [1, 2])
def test_a_stalling_document_is_a_timeout_error_and_the_batch_goes_on(tmp_path, workers):
    src, db = write_feed(tmp_path / "feed.jsonl", stall_at=7), tmp_path / "m.db"
    started = time.monotonic()
    stats = run_batch(src, f"sqlite:///{db}", workers=workers, extractor=StallingExtractor(),
                      chunk_size=5, time_budget=0.5)
    assert time.monotonic() - started < 20  # the budget twice (the group, then the document alone) and the rest
    assert stats.documents == 20 and stats.errors == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT document_id, code FROM errors").fetchall() == [("d07", "timeout")]
        assert conn.execute("SELECT id FROM documents WHERE status = 'ok' ORDER BY id").fetchall() == \
            [(f"d{i:02d}",) for i in range(20) if i != 7]
    # every other document is exactly what a run without the stalling one stores
    reference = tmp_path / "reference.db"
    run_batch(write_feed(tmp_path / "plain.jsonl", stall_at=None), f"sqlite:///{reference}", extractor=FakeExtractor())
    stored, want = sqlite_dump(db), sqlite_dump(reference)
    assert [r for r in stored["records"]] == [r for r in want["records"] if r[1] != "d07"]


def test_no_budget_when_it_is_zero(tmp_path):
    src, db = write_feed(tmp_path / "feed.jsonl", stall_at=None), tmp_path / "m.db"
    stats = run_batch(src, f"sqlite:///{db}", extractor=FakeExtractor(delay=0.01), time_budget=0)
    assert stats.documents == 20 and stats.errors == 0


@pytest.mark.slow
# a ring that lands in a garbage-collector callback is printed and dropped by Python (pytest
# reports it as an unraisable exception); the timer rings again, which is what this checks
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_real_pipeline_is_bounded_by_the_budget_on_a_pathological_text(extractor):
    """Tens of thousands of dates after a funding clause: once minutes in the clause reader.
    Whatever the stages' speed, the result comes within the budget (twice, as above)."""
    text = "La start-up Acme lève 5 M€ le " + "1er janvier, " * 77_000
    item = input_item(InputDocument(id="long", text=text, lang="fr", published="2026-01-10"), "x")
    started = time.monotonic()
    (result,) = process_items(extractor, [item], budget=3)
    assert time.monotonic() - started < 3 * 2 + 4
    assert result.error is None or result.error.code == "timeout"
