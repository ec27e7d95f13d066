"""`milliard table`: the records of a batch database (SQLite or PostgreSQL), filtered, as
a table on a terminal, or as CSV or JSON (registered on the CLI app on import)."""
from __future__ import annotations

import sys
from enum import Enum
from typing import Optional

import typer

from milliard.cli.base import EXIT_FAILED, EXIT_USAGE, app, fail
from milliard.cli.batch import money_text, plural, printable

# the columns read from the `funding_rounds` view (io/sinks/schema.py), in this order
COLUMNS = ("company", "kind", "amount", "amount_low", "amount_high", "currency", "amount_eur", "eur_rate_date",
           "round", "announced", "lead_investors", "investors", "document_id", "url", "title")
# what each filter adds to the WHERE clause; `{p}` is the engine's placeholder
FILTERS = {"company": "lower(company) LIKE {p}", "kind": "kind = {p}", "since": "announced >= {p}",
           "min_amount": "amount_eur >= {p}"}


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command()
def table(
    db_url: str = typer.Argument(..., help="sqlite:///path.db, postgresql://user@host:5432/db, a .jsonl or "
                                           ".parquet file a batch wrote, or '-' (JSONL lines on stdin)."),
    limit: int = typer.Option(50, "--limit", min=1, help="At most this many records."),
    company: Optional[str] = typer.Option(None, "--company", help="Records whose company contains this (any case)."),
    since: Optional[str] = typer.Option(None, "--since", help="Records announced on or after YYYY-MM-DD."),
    min_amount: Optional[float] = typer.Option(None, "--min-amount", min=0,
                                               help="Records of at least this many euros (amount_eur)."),
    kind: Optional[str] = typer.Option(None, "--kind", help="funding_round, acquisition, debt, …"),
    output: Format = typer.Option(Format.table, "--format", "-f", help="table, csv or json (one array)."),
):
    """The records of a batch target, with their investors: a table, CSV or JSON.

    \b
    Examples:
      milliard table sqlite:///out/milliard.db --since 2025-01-01 --min-amount 10000000
      milliard table sqlite:///out/milliard.db --kind funding_round --format csv > rounds.csv
      milliard table out/results.parquet --company qonto --format json
    """
    from milliard.io.sinks.readback import is_file_target

    check_since(since)
    filters = {"company": f"%{company.lower()}%" if company else None, "kind": kind, "since": since,
               "min_amount": min_amount}
    wanted = {k: v for k, v in filters.items() if v is not None}
    rows, counts = (read_file(db_url, limit, wanted) if is_file_target(db_url) else read_records(db_url, limit, wanted))
    if output is Format.csv:
        write_csv(rows)
    elif output is Format.json:
        write_json(rows)
    else:
        print_records(rows, counts)
        if counts[3] > len(rows):
            typer.echo(f"({plural(counts[3] - len(rows), 'more record')}; --limit to see more)")


def check_since(since: str | None) -> None:
    from datetime import date

    try:
        if since is not None:
            date.fromisoformat(since)
    except ValueError:
        raise fail(EXIT_USAGE, f"--since: {since!r} is not a date (YYYY-MM-DD)") from None


def read_records(db_url: str, limit: int, filters: dict) -> tuple[list[dict], list[int]]:
    """The first `limit` records that pass the filters (as dicts of COLUMNS, investors as
    lists), and the counts of documents, records, errors and records that pass."""
    from milliard.io.sinks import SinkError, TargetError, open_database, shown

    try:
        conn = open_database(db_url)
    except TargetError as exc:
        raise fail(EXIT_USAGE, str(exc)) from None
    except SinkError as exc:
        raise fail(EXIT_FAILED, str(exc)) from None
    mark = "?" if db_url.startswith("sqlite") else "%s"
    where = " AND ".join(FILTERS[k].format(p=mark) for k in filters) or "TRUE"
    try:
        found = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM funding_rounds WHERE {where} "
                             f"ORDER BY document_id, record_id LIMIT {mark}", (*filters.values(), limit)).fetchall()
        counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "records", "errors")]
        counts.append(conn.execute(f"SELECT count(*) FROM funding_rounds WHERE {where}",
                                   tuple(filters.values())).fetchone()[0])
    except Exception as exc:
        raise fail(EXIT_FAILED, f"{shown(db_url)} is not a milliard database of schema version 5 (a batch into it "
                                f"migrates it): {str(exc).strip().splitlines()[0]}") from None
    finally:
        conn.close()
    return [as_dict(row) for row in found], counts


def read_file(target: str, limit: int, filters: dict) -> tuple[list[dict], list[int]]:
    """`read_records` for a .jsonl or .parquet target: the same filters, order and counts."""
    import heapq

    from milliard.io.sinks import SinkError, TargetError
    from milliard.io.sinks.readback import Counts, file_rounds

    counts, passing = Counts(), [0]

    def kept():
        for row in file_rounds(target, counts):
            if passes(row, filters):
                passing[0] += 1
                yield row

    try:  # only the first `limit` rows in the view's order are held, however large the file
        first = heapq.nsmallest(limit, kept(), key=lambda r: (r["document_id"], r["record_id"] or ""))
    except TargetError as exc:
        raise fail(EXIT_USAGE, str(exc)) from None
    except SinkError as exc:
        raise fail(EXIT_FAILED, str(exc)) from None
    rows = [{c: row[c] for c in COLUMNS} for row in first]
    return rows, [counts.documents, counts.records, counts.errors, passing[0]]


def passes(row: dict, filters: dict) -> bool:
    """FILTERS, in Python: a null never passes a comparison, as in SQL."""
    checks = {"company": lambda v: row["company"] is not None and v[1:-1] in row["company"].lower(),  # v: %name%
              "kind": lambda v: row["kind"] == v,
              "since": lambda v: row["announced"] is not None and row["announced"] >= v,
              "min_amount": lambda v: row["amount_eur"] is not None and row["amount_eur"] >= v}
    return all(checks[name](value) for name, value in filters.items())


def as_dict(row: tuple) -> dict:
    """A row as plain values: JSON text (SQLite) parsed, dates (PostgreSQL) as ISO text."""
    import orjson

    out = dict(zip(COLUMNS, row))
    for key in ("lead_investors", "investors"):
        if isinstance(out[key], str):
            out[key] = orjson.loads(out[key])
    for key in ("announced", "eur_rate_date"):
        if out[key] is not None:
            out[key] = str(out[key])
    return out


def investors_text(row: dict) -> str:
    """'Fonds A (lead), Fonds B': leads first."""
    leads = row["lead_investors"]
    others = [n for n in row["investors"] if n not in leads]
    return ", ".join([f"{n} (lead)" for n in leads] + others)


def write_csv(rows: list[dict]) -> None:
    """One line per record; investors joined with '; '."""
    import csv

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(COLUMNS)
    for row in rows:
        out.writerow(["; ".join(v) if isinstance(v, list) else ("" if v is None else v) for v in row.values()])


def write_json(rows: list[dict]) -> None:
    import orjson
    sys.stdout.buffer.write(orjson.dumps(rows, option=orjson.OPT_INDENT_2) + b"\n")


def print_records(rows: list[dict], counts: list[int]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    out = Table(title=f"{plural(counts[0], 'document')}, {plural(counts[1], 'record')}, {plural(counts[2], 'error')}")
    for name in ("company", "kind", "amount", "currency", "€", "round", "announced", "investors", "document"):
        # short fixed values never wrap; long names are cut with an ellipsis, one line a record
        out.add_column(name, justify="right" if name in ("amount", "€") else "left", no_wrap=True,
                       overflow="ellipsis", min_width=8 if name in ("company", "document", "investors") else None)
    for r in rows:
        eur = money_text(r["amount_eur"], None, None)
        cells = (r["company"] or "-", r["kind"], money_text(r["amount"], r["amount_low"], r["amount_high"]),
                 r["currency"] or "", eur, r["round"] or "", r["announced"] or "", investors_text(r), r["document_id"])
        out.add_row(*(Text(printable(c)) for c in cells))  # Text: a `[` in a name is not rich markup
    console = Console()
    if not console.is_terminal:
        console.width = max(console.width, 160)  # a pipe or a file: do not squeeze to 80 columns
    console.print(out)
