"""A document as a batch database stores it, read back into the objects `html.render` draws:
its text, its mentions, its records with their parties, evidence and warnings, its error.

Only reads (the connection may be read-only); the tables are those of `io.sinks.rows`.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import orjson

from milliard.schema import (
    Amount,
    DateMention,
    DocumentResult,
    Entity,
    ErrorInfo,
    Evidence,
    FundingRecord,
    Money,
    Party,
    WarningInfo,
)


@dataclass
class StoredDocument:
    text: str | None  # None when the batch kept no text (a document refused for its size)
    result: DocumentResult
    title: str | None
    published: str | None
    source: str | None
    url: str | None


def rows(conn: sqlite3.Connection, sql: str, key: str) -> list[dict]:
    cur = conn.execute(sql, (key,))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def json_list(value) -> list:
    return orjson.loads(value) if isinstance(value, (str, bytes)) and value else []


def money(row: dict, prefix: str) -> Money | None:
    values = {k: row[f"{prefix}_{k}"] for k in ("value", "low", "high", "currency", "text")}
    if all(v is None for k, v in values.items() if k != "text"):
        return None
    return Money(**{**values, "text": values["text"] or ""})


def warnings_of(conn: sqlite3.Connection, key: str) -> dict[str, list[WarningInfo]]:
    """Warnings by record id; the document's own under ''."""
    out: dict[str, list[WarningInfo]] = {}
    for w in rows(conn, "SELECT record_id, code, message, spans FROM warnings WHERE doc_key = ? "
                        "ORDER BY record_id, position", key):
        spans = [tuple(s) for s in json_list(w["spans"])]
        out.setdefault(w["record_id"] or "", []).append(WarningInfo(code=w["code"], message=w["message"], spans=spans))
    return out


def records_of(conn: sqlite3.Connection, key: str, warnings: dict[str, list[WarningInfo]]) -> list[FundingRecord]:
    parties: dict[str, list[Party]] = {}
    for p in rows(conn, "SELECT record_id, name, role FROM parties WHERE doc_key = ? ORDER BY record_id, position", key):
        parties.setdefault(p["record_id"], []).append(Party(name=p["name"], role=p["role"]))
    out = []
    for r in rows(conn, "SELECT * FROM records WHERE doc_key = ? ORDER BY position", key):
        out.append(FundingRecord(
            id=r["id"], kind=r["kind"], company=r["company"], parties=parties.get(r["id"], []),
            amount=money(r, "amount"), target=money(r, "target"), round=r["round"],
            announced=str(r["announced"]) if r["announced"] else None,
            evidence=[Evidence(**e) for e in json_list(r["evidence"])],
            confidence=r["confidence"] or 0.0, warnings=warnings.get(r["id"], [])))
    return out


def mentions_of(conn: sqlite3.Connection, key: str) -> dict[str, list]:
    amounts = [Amount(text=a["text"], start=a["start_char"], end=a["end_char"], value=a["value"], low=a["low"],
                      high=a["high"], currency=a["currency"], approximate=bool(a["approximate"]),
                      currency_inferred=bool(a["currency_inferred"]), notes=json_list(a["notes"]))
               for a in rows(conn, "SELECT * FROM amounts WHERE doc_key = ? ORDER BY position", key)]
    dates = [DateMention(text=d["text"], start=d["start_char"], end=d["end_char"], value=d["value"],
                         grain=d["grain"] or "day", start_date=d["start_date"], end_date=d["end_date"],
                         inferred_year=bool(d["inferred_year"]))
             for d in rows(conn, "SELECT * FROM dates WHERE doc_key = ? ORDER BY position", key)]
    entities = [Entity(text=e["text"], start=e["start_char"], end=e["end_char"], label=e["label"], name=e["name"])
                for e in rows(conn, "SELECT * FROM entities WHERE doc_key = ? ORDER BY position", key)]
    return {"amounts": amounts, "dates": dates, "entities": entities}


def load_document(conn: sqlite3.Connection, key: str) -> StoredDocument | None:
    """The document of `doc_key` `key`, or None when the database has none."""
    found = rows(conn, "SELECT id, lang, text, title, published_at, published, source, url "
                       "FROM documents WHERE doc_key = ?", key)
    if not found:
        return None
    doc = found[0]
    error = rows(conn, "SELECT code, message FROM errors WHERE doc_key = ?", key)
    warnings = warnings_of(conn, key)
    result = DocumentResult(id=doc["id"], lang=doc["lang"], **mentions_of(conn, key),
                            records=records_of(conn, key, warnings), warnings=warnings.get("", []),
                            error=ErrorInfo(**error[0]) if error else None)
    return StoredDocument(doc["text"], result, doc["title"], doc["published_at"] or doc["published"],
                          doc["source"], doc["url"])
