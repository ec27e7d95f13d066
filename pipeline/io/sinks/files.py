"""File sinks: CONTRACT JSONL lines (a file or stdout) and one Parquet file."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Sequence

from milliard.io.sinks.rows import Pair, doc_key, stored_text


def document_fields(item) -> dict:
    """Where a document came from and what it is, next to its result: `source` (in full),
    `url`, `title`, `published` (as the source gave it), `published_from`."""
    doc = item.doc
    return {"source": item.source, "url": item.url, "title": doc.title if doc else None,
            "published": doc.published if doc else None,
            "published_from": item.published_from if doc and doc.published else None}


class JsonlSink:
    """CONTRACT output lines, in input order, each with its document's `document_fields`
    after the CONTRACT keys. A file is rewritten by a new run; with resume, its complete
    lines are kept (a line cut by a kill is dropped) and appended to."""

    def __init__(self, path: str | None, resume: bool = False):
        self.path = path
        self.done: set[str] = set()
        if path is None:
            self.out = sys.stdout.buffer
            return
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        if resume and os.path.exists(path):
            self.done = _keep_complete_lines(path)
            self.out = open(path, "ab")
        else:
            self.out = open(path, "wb")

    def done_keys(self) -> dict[str, None]:
        """doc_key -> None: a JSONL line does not say where its document came from."""
        return dict.fromkeys(doc_key(i) for i in self.done)

    def write(self, pairs: Sequence[Pair]) -> list:
        import orjson
        self.out.write(b"".join(orjson.dumps({**res.to_json(mentions=True), **document_fields(item)}) + b"\n"
                                for item, res in pairs))
        self.out.flush()
        return []

    def close(self, ok: bool = True) -> None:
        if self.path is None:
            self.out.flush()
        else:
            self.out.close()


def _keep_complete_lines(path: str) -> set[str]:
    import orjson

    done, good = set(), 0
    with open(path, "rb") as f:
        for line in f:
            if not line.endswith(b"\n"):
                break
            try:
                done.add(orjson.loads(line)["id"])
            except (orjson.JSONDecodeError, KeyError, TypeError):
                break
            good += len(line)
    with open(path, "r+b") as f:
        f.truncate(good)
    return done


def parquet_schema():
    import pyarrow as pa

    s, f, i, b, day = pa.string(), pa.float64(), pa.int64(), pa.bool_(), pa.date32()
    money = pa.struct([("value", f), ("low", f), ("high", f), ("currency", s), ("text", s)])
    warning = pa.struct([("code", s), ("message", s), ("spans", pa.list_(pa.list_(i)))])
    span = [("text", s), ("start", i), ("end", i)]
    record = pa.struct([
        ("id", s), ("kind", s), ("company", s),
        ("parties", pa.list_(pa.struct([("name", s), ("role", s)]))),
        ("amount", money), ("target", money), ("round", s), ("announced", day),
        ("evidence", pa.list_(pa.struct([("start", i), ("end", i), ("text", s)]))),
        ("confidence", f), ("warnings", pa.list_(warning)),
        ("amount_eur", f), ("eur_rate", f), ("eur_rate_date", day)])
    return pa.schema([
        ("id", s), ("source", s), ("url", s), ("title", s), ("published", day), ("published_at", s),
        ("published_from", s), ("text", s),
        ("lang", s), ("error", pa.struct([("code", s), ("message", s)])),
        ("amounts", pa.list_(pa.struct([*span, ("value", f), ("low", f), ("high", f), ("currency", s),
                                        ("approximate", b), ("currency_inferred", b),
                                        ("notes", pa.list_(s))]))),
        ("dates", pa.list_(pa.struct([*span, ("value", day), ("grain", s), ("start_date", day),
                                      ("end_date", day), ("inferred_year", b)]))),
        ("entities", pa.list_(pa.struct([*span, ("label", s), ("name", s)]))),
        ("records", pa.list_(record)), ("warnings", pa.list_(warning))])


class ParquetSink:
    """One row per document (records, mentions and warnings nested), zstd-compressed. The
    file appears only when the batch ends (a Parquet file is unreadable until its footer is
    written): a killed run leaves a `.partial` file and `--resume` starts again, keeping the
    documents of a complete file when there is one."""

    def __init__(self, path: str, resume: bool = False):
        import pyarrow.parquet as pq

        self.path, self.partial = path, path + ".partial"
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.schema = parquet_schema()
        self.writer = pq.ParquetWriter(self.partial, self.schema, compression="zstd")
        self.done: set[str] = set()
        if resume and os.path.exists(path):
            kept = pq.read_table(path, schema=self.schema)
            self.done = set(kept.column("id").to_pylist())
            self.writer.write_table(kept)

    def done_keys(self) -> dict[str, None]:
        return dict.fromkeys(doc_key(i) for i in self.done)

    def write(self, pairs: Sequence[Pair]) -> list:
        import pyarrow as pa

        rows = [parquet_row(item, res) for item, res in pairs]
        self.writer.write_table(pa.Table.from_pylist(rows, schema=self.schema))
        return []  # a file is written anew by each run: no stored document to conflict with

    def close(self, ok: bool = True) -> None:
        self.writer.close()
        if ok:
            os.replace(self.partial, self.path)


def parquet_row(item, res) -> dict:
    """One document: its result, `document_fields`, its text (offsets resolve against it),
    dates as days (date32), each record's amount in euros (eur.py)."""
    from milliard.io.sinks.eur import in_euros

    row = {**res.to_json(mentions=True), **document_fields(item)}
    published = row["published"]
    row.update(published_at=published, published=day(published), text=stored_text(item, res))
    for d in row["dates"]:
        d.update(value=day(d["value"]), start_date=day(d["start_date"]), end_date=day(d["end_date"]))
    for r in row["records"]:
        amount = r["amount"] or {}
        eur = in_euros(amount.get("value"), amount.get("currency"), r["announced"] or published)
        r.update(announced=day(r["announced"]), amount_eur=eur[0], eur_rate=eur[1], eur_rate_date=day(eur[2]))
    return row


def day(value: str | None):
    """The day of an ISO date or datetime (a time and offset are dropped: `published_at`
    keeps them)."""
    from datetime import date
    return None if value is None else date.fromisoformat(value[:10])
