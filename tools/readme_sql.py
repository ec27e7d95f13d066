"""Rewrite (or check) the output shown under each SQL block of the README with what the query
answers on a database (the `make run` one): every ```sql block marked `<!-- sql-example -->`
or `<!-- sql-view -->` and followed by a ```text block.

    make run && .venv/bin/python tools/readme_sql.py out/milliard.db           # rewrite README.md
    .venv/bin/python tools/readme_sql.py out/milliard.db --check                # exit 1 when stale

Values as the sqlite3 shell's column mode would print them (NULL for null), a cell cut to 60
characters with `...`.
"""
from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from pathlib import Path

BLOCK = re.compile(r"(<!-- sql-(?:example|view) -->\n```sql\n(?P<sql>.*?)```\n+```text\n)(?P<out>.*?)(```)", re.S)
WIDTH = 60


def cell(value) -> str:
    text = "NULL" if value is None else str(value)
    return text if len(text) <= WIDTH else text[: WIDTH - 3] + "..."


def table(conn: sqlite3.Connection, sql: str) -> str:
    cur = conn.execute(sql.rstrip().rstrip(";"))
    names = [d[0] for d in cur.description]
    rows = [[cell(v) for v in row] for row in cur.fetchall()]
    widths = [max(len(x) for x in column) for column in zip(names, *rows)]
    lines = [" | ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip(), "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines) + "\n"


def rewrite(readme: str, conn: sqlite3.Connection) -> str:
    return BLOCK.sub(lambda m: m.group(1) + table(conn, m.group("sql")) + m.group(4), readme)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path, help="the SQLite database (out/milliard.db after make run)")
    parser.add_argument("--readme", type=Path, default=Path("README.md"))
    parser.add_argument("--check", action="store_true", help="only say whether the README is up to date")
    args = parser.parse_args()
    if not args.db.is_file():
        sys.exit(f"readme_sql: no database at {args.db} (make run writes out/milliard.db)")
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    before = args.readme.read_text("utf-8")
    after = rewrite(before, conn)
    blocks = len(BLOCK.findall(before))
    if args.check:
        print(f"{args.readme}: {blocks} SQL outputs, {'up to date' if after == before else 'STALE'}")
        return 0 if after == before else 1
    args.readme.write_text(after, "utf-8")
    print(f"{args.readme}: {blocks} SQL outputs {'rewritten' if after != before else 'already up to date'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
