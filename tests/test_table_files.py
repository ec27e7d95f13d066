"""`milliard table` reads every target a batch writes: SQLite, PostgreSQL, JSONL and Parquet
give the same rows for the same filters (amounts in euros included), as a table, CSV or JSON."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from test_batch_ids import folder
from test_sinks import FakeExtractor, fake_result
from typer.testing import CliRunner

from milliard.cli import app
from milliard.run.batch import run_batch


class DollarExtractor(FakeExtractor):
    """The fake's records, those of a company starting with B in dollars, announced in 2024
    (a day the ECB has a rate for), and one document the fake fails on."""

    def extract(self, doc):
        result = super().extract(doc)
        for r in result.records:
            r.announced = "2024-06-03"
            if r.company.startswith("B"):
                r.amount.currency = "USD"
        return result


def test_the_fake_really_has_dollars():
    from milliard.schema import InputDocument

    (rec,) = DollarExtractor().extract(InputDocument(id="x", text="Brume.")).records
    assert rec.amount.currency == "USD" and fake_result(InputDocument(id="x", text="Brume.")).records


@pytest.fixture(scope="module")
def targets(tmp_path_factory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("targets")
    src = folder(tmp / "news", {"a.txt": "Alpha et Brume lèvent des fonds.", "b.txt": "Cobalt BOOM.",
                                "c.txt": "Brindille, puis Dune.", "d.txt": "rien à signaler."})
    out = {"sqlite": f"sqlite:///{tmp / 'm.db'}", "jsonl": str(tmp / "m.jsonl"), "parquet": str(tmp / "m.parquet")}
    for target in out.values():
        run_batch(src, target, extractor=DollarExtractor())
    return out


def table(*args: str) -> str:
    result = CliRunner().invoke(app, ["table", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("filters", [(), ("--company", "bR"), ("--min-amount", "4000000"), ("--since", "2024-06-04"),
                                     ("--kind", "funding_round", "--limit", "2")])
def test_files_give_the_database_rows(targets, filters):
    want = json.loads(table(targets["sqlite"], "-f", "json", *filters))
    for kind in ("jsonl", "parquet"):
        assert json.loads(table(targets[kind], "-f", "json", *filters)) == want, kind
    assert table(targets["parquet"], "-f", "csv", *filters) == table(targets["sqlite"], "-f", "csv", *filters)


def test_the_rows_are_those_of_the_batch(targets):
    rows = json.loads(table(targets["jsonl"], "-f", "json"))
    assert sorted(r["company"] for r in rows) == ["Alpha", "Brindille", "Brume", "Dune"]
    assert [r["document_id"] for r in rows] == ["news/a.txt"] * 2 + ["news/c.txt"] * 2
    (brume,) = [r for r in rows if r["company"] == "Brume"]
    assert brume["currency"] == "USD" and brume["eur_rate_date"] == "2024-06-03"
    assert 0 < brume["amount_eur"] < brume["amount"]  # a dollar was worth less than a euro that day
    assert brume["investors"] == ["Fonds Exemple"] and brume["lead_investors"] == []
    assert json.loads(table(targets["jsonl"], "-f", "json", "--min-amount", "5000001")) == [
        r for r in rows if r["amount_eur"] > 5000001]
    big = list(csv.DictReader(io.StringIO(table(targets["parquet"], "-f", "csv", "--company", "dune"))))
    assert [r["company"] for r in big] == ["Dune"] and big[0]["investors"] == "Fonds Exemple"


def test_the_table_counts_documents_records_and_errors(targets):
    for target in targets.values():
        shown = table(target, "--limit", "1")
        assert "4 documents, 4 records, 1 error" in shown and "(3 more records" in shown, target
        assert "(1 more record;" in table(target, "--limit", "3")


def test_a_jsonl_target_on_stdin_and_a_line_cut_by_a_kill(targets, tmp_path):
    data = Path(targets["jsonl"]).read_bytes()
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(data + data.splitlines()[0][:40])  # a batch killed while writing a line
    assert "4 documents, 4 records" in table(str(cut))
    piped = CliRunner().invoke(app, ["table", "-", "-f", "json"], input=data)
    assert piped.exit_code == 0 and len(json.loads(piped.stdout)) == 4


def test_unreadable_files_are_one_line(tmp_path):
    (tmp_path / "bad.parquet").write_bytes(b"not parquet at all")
    for name, code, words in (("missing.jsonl", 1, "cannot read"), ("missing.parquet", 1, "cannot read"),
                              ("bad.parquet", 2, "not a Parquet file")):
        result = CliRunner().invoke(app, ["table", str(tmp_path / name)])
        assert result.exit_code == code and words in result.stderr and result.stderr.count("\n") == 1, result.output


@pytest.mark.postgres
def test_postgres_gives_the_same_rows(targets, pg_target, tmp_path):
    src = folder(tmp_path / "news", {"a.txt": "Alpha et Brume lèvent des fonds.", "b.txt": "Cobalt BOOM.",
                                     "c.txt": "Brindille, puis Dune.", "d.txt": "rien à signaler."})
    run_batch(src, pg_target, extractor=DollarExtractor())
    for filters in ((), ("--company", "br", "--min-amount", "1000000")):
        assert json.loads(table(pg_target, "-f", "json", *filters)) == json.loads(table(targets["jsonl"], "-f", "json",
                                                                                        *filters))
