"""The database as analysts use it: the views, euro amounts, and every SQL example of the
README run as written on SQLite and PostgreSQL, with the same answer on both."""
from __future__ import annotations

import re
import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import orjson
import pytest

from milliard.run.batch import run_batch

ROOT = Path(__file__).parent.parent
ARTICLES = ROOT / "corpus" / "articles"
# the SQL examples of "Batch and databases"
READMES = [ROOT / "README.md"]
EXAMPLE = re.compile(r"<!-- sql-example -->\n```sql\n(.*?)```", re.S)


def examples() -> list[str]:
    found = [q.strip() for path in READMES if path.exists() for q in EXAMPLE.findall(path.read_text("utf-8"))]
    return list(dict.fromkeys(found))


def test_the_readme_has_five_sql_examples():
    assert len(examples()) >= 5


def comparable(value):
    """A value as both engines give it: PostgreSQL's DATE, NUMERIC and JSONB as SQLite's text,
    REAL and JSON text."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str) and value.startswith(("[", "{")):
        return orjson.loads(value)
    return value


def answers(conn, query: str) -> list[tuple]:
    rows = conn.execute(query.rstrip().rstrip(";")).fetchall()
    # rows in a multiset: SQLite and PostgreSQL order NULLs and ties their own ways
    return sorted((tuple(comparable(v) for v in row) for row in rows), key=repr)


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory, extractor) -> Path:
    db = tmp_path_factory.mktemp("analysts") / "m.db"
    run_batch(ARTICLES, f"sqlite:///{db}", extractor=extractor)
    return db


@pytest.mark.slow
@pytest.mark.postgres
def test_every_readme_example_runs_on_both_engines_with_the_same_answer(corpus_db, pg_target, extractor):
    import psycopg

    run_batch(ARTICLES, pg_target, extractor=extractor)
    with sqlite3.connect(corpus_db) as lite, psycopg.connect(pg_target) as pg:
        for query in examples():
            in_sqlite = answers(lite, query)
            assert in_sqlite, f"the example answers nothing on the corpus:\n{query}"
            assert answers(pg, query) == in_sqlite, query


@pytest.mark.slow
def test_views_give_one_row_per_record_and_per_investor(corpus_db):
    with sqlite3.connect(corpus_db) as conn:
        records = conn.execute("SELECT count(*) FROM records").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM funding_rounds").fetchone()[0] == records
        investors = conn.execute("SELECT count(*) FROM parties WHERE role IN ('investor', 'lead_investor')")
        assert conn.execute("SELECT count(*) FROM investors").fetchone()[0] == investors.fetchone()[0]
        lists = conn.execute("SELECT lead_investors, investors FROM funding_rounds").fetchall()
        for leads, everyone in lists:
            assert set(orjson.loads(leads)) <= set(orjson.loads(everyone))


@pytest.mark.slow
def test_amounts_in_euros_state_their_rate_date(corpus_db):
    with sqlite3.connect(corpus_db) as conn:
        rows = conn.execute("SELECT amount_value, amount_currency, amount_eur, eur_rate, eur_rate_date, announced "
                            "FROM records WHERE amount_eur IS NOT NULL").fetchall()
        missing = conn.execute("SELECT count(*) FROM records WHERE amount_eur IS NULL AND amount_value IS NOT NULL "
                               "AND amount_currency IS NOT NULL AND announced IS NOT NULL").fetchone()[0]
    assert rows and missing == 0
    for value, currency, eur, rate, on, announced in rows:
        assert eur == pytest.approx(value / rate)
        assert (rate == 1.0) == (currency == "EUR")
        if announced:  # the rate of that day, or of the last day the ECB published one before it
            assert 0 <= (date.fromisoformat(announced) - date.fromisoformat(on)).days <= 7
