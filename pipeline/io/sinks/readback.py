"""What a file target holds, read back as the rows of the `funding_rounds` view (schema.py),
so that `milliard table` shows a `.jsonl` or `.parquet` target as it shows a database.

A JSONL target's lines are CONTRACT output objects with their document's `url`, `title` and
`published`: the amount in euros is computed as the batch computes it for a database (eur.py:
the ECB rate of the announcement day, else of the publication day). A Parquet target stores
it. A line cut short by a killed batch is skipped, as `--resume` drops it.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Iterable, Iterator

from milliard.io.sinks.errors import SinkError, TargetError

FILE_SUFFIXES = (".jsonl", ".parquet")


@dataclass
class Counts:
    documents: int = 0
    records: int = 0
    errors: int = 0


def is_file_target(target: str) -> bool:
    return target == "-" or ("://" not in target and target.lower().endswith(FILE_SUFFIXES))


def file_rounds(target: str, counts: Counts) -> Iterator[dict]:
    """One dict per record (the view's columns and `record_id`), document after document;
    `counts` is filled as they are read. Raises SinkError when the file cannot be read."""
    if target.lower().endswith(".parquet"):
        documents = parquet_documents(target)
    else:
        documents = jsonl_documents(target)
    for doc in documents:
        counts.documents += 1
        counts.errors += doc.get("error") is not None
        for rec in doc.get("records") or []:
            counts.records += 1
            yield round_row(doc, rec)


def jsonl_documents(target: str) -> Iterator[dict]:
    import orjson

    try:
        stream = sys.stdin.buffer if target == "-" else open(target, "rb")
    except OSError as exc:
        raise SinkError(f"cannot read {target}: {exc.strerror or exc}") from None
    with stream:
        for line in stream:
            try:
                doc = orjson.loads(line)
            except orjson.JSONDecodeError:  # a blank line, or one cut by a kill
                continue
            if isinstance(doc, dict) and "id" in doc:
                yield doc


def parquet_documents(target: str) -> Iterator[dict]:
    import pyarrow.parquet as pq

    try:
        file = pq.ParquetFile(target)
    except OSError as exc:  # missing, unreadable
        raise SinkError(f"cannot read {target}: {exc.strerror or exc}") from None
    except ValueError as exc:  # pyarrow's ArrowInvalid: not a Parquet file
        raise TargetError(f"{target} is not a Parquet file milliard wrote: {exc}") from None
    wanted = ["id", "url", "title", "published", "published_at", "error", "records"]
    missing = [c for c in wanted if c not in file.schema_arrow.names]
    if missing:
        raise TargetError(f"{target} is not a Parquet file milliard wrote (no {', '.join(missing)})")
    for batch in file.iter_batches(columns=wanted, batch_size=256):
        yield from batch.to_pylist()


def round_row(doc: dict, rec: dict) -> dict:
    """A record as a row of `funding_rounds`: its money, in euros, its investors (leads first)."""
    from milliard.io.sinks.eur import in_euros

    money = rec.get("amount") or {}
    announced = as_text(rec.get("announced"))
    published = as_text(doc.get("published_at") or doc.get("published"))
    if "amount_eur" in rec:  # Parquet: stored with the record
        eur, rate_day = rec["amount_eur"], as_text(rec.get("eur_rate_date"))
    else:
        eur, _, rate_day = in_euros(money.get("value"), money.get("currency"), announced or published)
    parties = rec.get("parties") or []
    return {"company": rec.get("company"), "kind": rec.get("kind"), "amount": money.get("value"),
            "amount_low": money.get("low"), "amount_high": money.get("high"), "currency": money.get("currency"),
            "amount_eur": eur, "eur_rate_date": rate_day, "round": rec.get("round"), "announced": announced,
            "lead_investors": names(parties, ("lead_investor",)),
            "investors": names(parties, ("lead_investor", "investor")),
            "document_id": doc["id"], "url": doc.get("url"), "title": doc.get("title"), "record_id": rec.get("id")}


def names(parties: Iterable[dict], roles: tuple[str, ...]) -> list[str]:
    return [p["name"] for p in parties if p.get("role") in roles]


def as_text(value) -> str | None:
    """A date (Parquet's date32) or a string as ISO text."""
    return None if value is None else str(value)
