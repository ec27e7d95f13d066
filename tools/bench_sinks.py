"""Write speed of the database sinks: rows/s for SQLite and PostgreSQL, fresh and re-written.

    python tools/bench_sinks.py [--docs 10000] [--chunk 500] [--pg postgresql://postgres@127.0.0.1:5432/test]

Synthetic results (3 records with 2 parties and a warning each, 3 amounts, 2 dates, 2
entities per document) so the figure is the sink's alone, not the extractor's. PostgreSQL
runs in a schema of its own, dropped afterwards.
"""
from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
import uuid
from urllib.parse import quote

from milliard.io.sinks import open_sink
from milliard.io.sinks.rows import table_rows
from milliard.io.sources import input_item
from milliard.schema import (
    Amount,
    DateMention,
    DocumentResult,
    Entity,
    FundingRecord,
    InputDocument,
    Money,
    Party,
    WarningInfo,
)


def synthetic(n: int):
    pairs = []
    for i in range(n):
        doc = InputDocument(id=f"doc-{i}", text=f"Document {i} : trois sociétés lèvent des fonds.", published="2026-01-02")
        records = [FundingRecord(
            id=f"r-{i}-{k}", kind="funding_round", company=f"Société {i}-{k}",
            parties=[Party(name=f"Société {i}-{k}", role="recipient"), Party(name="Fonds", role="investor")],
            amount=Money(value=1e6 * (k + 1), currency="EUR", text=f"{k + 1} M€"), round="seed",
            announced="2026-01-02", confidence=0.8,
            warnings=[WarningInfo(code="inferred_year", message="year taken from the publication date")])
            for k in range(3)]
        res = DocumentResult(
            id=doc.id, lang="fr", records=records,
            amounts=[Amount(text="1 M€", start=k, end=k + 4, value=1e6, currency="EUR") for k in range(3)],
            dates=[DateMention(text="2 janvier", start=k, end=k + 9, value="2026-01-02") for k in range(2)],
            entities=[Entity(text="Fonds", start=k, end=k + 5, label="ORG", name="Fonds") for k in range(2)])
        pairs.append((input_item(doc, f"bench:{i}"), res))
    return pairs


def timed(target: str, pairs, chunk: int) -> float:
    sink = open_sink(target)
    start = time.perf_counter()
    for i in range(0, len(pairs), chunk):
        sink.write(pairs[i:i + chunk])
    seconds = time.perf_counter() - start
    sink.close()
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--chunk", type=int, default=500)
    ap.add_argument("--pg", default=os.environ.get("MILLIARD_PG_URL"), help="PostgreSQL URL (skipped when absent)")
    args = ap.parse_args()
    pairs = synthetic(args.docs)
    rows = sum(len(v) for v in table_rows(pairs).values())
    out = {"documents": args.docs, "rows": rows}
    with tempfile.TemporaryDirectory() as tmp:
        target = f"sqlite:///{tmp}/bench.db"
        out["sqlite_fresh_rows_per_s"] = round(rows / timed(target, pairs, args.chunk))
        out["sqlite_rewrite_rows_per_s"] = round(rows / timed(target, pairs, args.chunk))
    if args.pg:
        out.update(_postgres(args.pg, pairs, rows, args.chunk))
    print(json.dumps(out, indent=2))


def _postgres(url: str, pairs, rows: int, chunk: int) -> dict:
    import psycopg

    schema = f"milliard_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        target = f"{url}{'&' if '?' in url else '?'}options={quote(f'-csearch_path={schema}')}"
        return {"postgres_fresh_rows_per_s": round(rows / timed(target, pairs, chunk)),
                "postgres_rewrite_rows_per_s": round(rows / timed(target, pairs, chunk))}
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


if __name__ == "__main__":
    main()
