#!/usr/bin/env python3
"""Write under each SQL example of README.md (`<!-- sql-example -->`) the answer SQLite gives
on the `make run` database, in the README's plain table layout.

usage: make run && .venv/bin/python tools/readme_sql.py [--check] [--db out/milliard.db]

--check writes nothing and exits 1 when a shown answer differs from the database's.
The SQL itself is never touched (tests/test_analysts.py runs it on SQLite and PostgreSQL).
"""
from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from pathlib import Path

README = Path(__file__).parent.parent / "README.md"
EXAMPLE = re.compile(r"(<!-- sql-example -->\n```sql\n(.*?)```\n\n```text\n)(.*?)(```)", re.S)
WIDEST = 60  # a longer cell (a warning message) is cut, so the lines stay readable


def cell(value) -> str:
    text = "NULL" if value is None else str(value)
    return text if len(text) <= WIDEST else text[:WIDEST - 3] + "..."


def answer(conn: sqlite3.Connection, query: str) -> str:
    cursor = conn.execute(query)
    head = [d[0] for d in cursor.description]
    rows = [[cell(v) for v in row] for row in cursor.fetchall()]
    widths = [max(len(x) for x in column) for column in zip(head, *rows)]

    def line(cells: list[str]) -> str:
        return " | ".join(x.ljust(n) for x, n in zip(cells, widths)).rstrip()

    rule = "+".join("-" * (n + 2) for n in widths)[1:-1]
    return "\n".join([line(head), rule, *(line(r) for r in rows)]) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="out/milliard.db")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    text = README.read_text("utf-8")
    new = EXAMPLE.sub(lambda m: m.group(1) + answer(conn, m.group(2)) + m.group(4), text)
    if args.check:
        print("README answers up to date" if new == text else "README answers differ from the database")
        return int(new != text)
    README.write_text(new, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
