"""The relational schema (one definition for SQLite and PostgreSQL) and the rows of every
table for a chunk of results."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Sequence

from milliard.io.sources import Item
from milliard.schema import DocumentResult

# 2: a record is a row per document that states it (evidence offsets are per text);
# 3: rows are keyed on `doc_key`, a hash of the exact document id (see `doc_key`);
# 4: the `conflicts` table (a document id met again from another source with other content);
# 5: types for analysts (DATE, JSON), `published_at` (the date as given), `processed_at`,
#    `amount_eur` at the ECB rate, indexes and the views `funding_rounds` and `investors`
SCHEMA_VERSION = 5

Pair = tuple[Item, DocumentResult]


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, SQL type)
    key: tuple[str, ...]
    update: bool = False  # on conflict: update the row (documents) or keep the first one

    @property
    def names(self) -> list[str]:
        return [c for c, _ in self.columns]


T, INT, F, B = "TEXT", "INTEGER", "DOUBLE PRECISION", "BOOLEAN"
# logical types each engine names its own way (sql.py): DATE and TIMESTAMP are ISO text in
# SQLite; JSON is JSONB in PostgreSQL, JSON text in SQLite
DATE, JSON, TS = "DATE", "JSON", "TIMESTAMP"
_MONEY = lambda p: ((f"{p}_value", F), (f"{p}_low", F), (f"{p}_high", F), (f"{p}_currency", T), (f"{p}_text", T))  # noqa: E731

# Every table ends with `doc_key` and is keyed on it (PostgreSQL cannot index an id of a few
# kB, and stores U+0000 as U+FFFD, which would merge `a\0` into `a\ufffd`); the id itself
# is kept in full in `id` / `document_id`.
TABLES = (
    # `published` is the day; `published_at` the date as the source gave it (a time, an offset)
    Table("documents", (("id", T), ("source", T), ("url", T), ("title", T), ("published", DATE),
                        ("published_from", T), ("lang", T), ("status", T), ("n_records", INT),
                        ("content_hash", T), ("text", T), ("published_at", T), ("processed_at", TS),
                        ("doc_key", T)), ("doc_key",), update=True),
    # `amount_eur`: `amount_value` at the ECB reference rate `eur_rate` of `eur_rate_date` (eur.py)
    Table("records", (("id", T), ("document_id", T), ("position", INT), ("kind", T), ("company", T),
                      *_MONEY("amount"), *_MONEY("target"), ("round", T), ("announced", DATE),
                      ("confidence", F), ("evidence", JSON), ("amount_eur", F), ("eur_rate", F),
                      ("eur_rate_date", DATE), ("doc_key", T)), ("doc_key", "id")),
    Table("parties", (("document_id", T), ("record_id", T), ("position", INT), ("name", T), ("role", T),
                      ("doc_key", T)), ("doc_key", "record_id", "position")),
    Table("amounts", (("document_id", T), ("position", INT), ("text", T), ("start_char", INT), ("end_char", INT),
                      ("value", F), ("low", F), ("high", F), ("currency", T), ("approximate", B),
                      ("currency_inferred", B), ("notes", JSON), ("doc_key", T)), ("doc_key", "position")),
    Table("dates", (("document_id", T), ("position", INT), ("text", T), ("start_char", INT), ("end_char", INT),
                    ("value", T), ("grain", T), ("start_date", T), ("end_date", T), ("inferred_year", B),
                    ("doc_key", T)), ("doc_key", "position")),
    Table("entities", (("document_id", T), ("position", INT), ("text", T), ("start_char", INT), ("end_char", INT),
                       ("label", T), ("name", T), ("doc_key", T)), ("doc_key", "position")),
    Table("warnings", (("document_id", T), ("record_id", T), ("position", INT), ("code", T), ("message", T),
                       ("spans", JSON), ("doc_key", T)), ("doc_key", "record_id", "position")),
    Table("errors", (("document_id", T), ("source", T), ("code", T), ("message", T), ("doc_key", T)), ("doc_key",)),
    # a document whose id is stored already, from another source and with other content: it
    # is not written (the stored one stays), and this row says so; keyed on its source, so a
    # re-run adds no row
    Table("conflicts", (("document_id", T), ("source", T), ("content_hash", T), ("stored_source", T),
                        ("stored_content_hash", T), ("detected", T), ("doc_key", T)), ("doc_key", "source")),
)


def doc_key(doc_id: str) -> str:
    """The key of a document's rows: the SHA-256 of its exact id (any length, any character)."""
    return hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).hexdigest()


def json_text(value) -> str:
    import orjson
    return orjson.dumps(value).decode()


def _money(m) -> tuple:
    if m is None:
        return (None,) * 5
    return (m.value, m.low, m.high, m.currency, m.text)


def content_hash(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def stored_text(item: Item, res: DocumentResult) -> str | None:
    """The text to keep: never one the pipeline refused for its size (it may be gigabytes)."""
    if item.doc is None or (res.error is not None and res.error.code == "too_large"):
        return None
    return item.doc.text


def item_hash(item: Item) -> str | None:
    return content_hash(item.doc.text) if item.doc else None


@dataclass(frozen=True)
class Conflict:
    """A document not written: its id is stored from another source with other content."""
    document_id: str
    source: str
    stored_source: str | None
    row: tuple  # its `conflicts` row

    def __str__(self) -> str:
        return (f"conflict: document {self.document_id!r} from {self.source} differs from the one stored "
                f"from {self.stored_source}; kept the stored one (table conflicts)")


def split_conflicts(pairs: Sequence[Pair], stored: dict[str, tuple], when: str) -> tuple[list[Pair], list[Conflict]]:
    """The pairs to write, and the conflicts: a pair whose `doc_key` is stored (`stored`:
    doc_key -> (source, content_hash)) from another source with another content hash. The same
    source with new content is a re-run of an edited file (written over); the same content
    from elsewhere is the same document (written over: same rows)."""
    kept, conflicts = [], []
    for item, res in pairs:
        key, new_hash = doc_key(item.id), item_hash(item)
        old = stored.get(key)
        if old is None or old[0] == item.source or old[1] == new_hash:
            kept.append((item, res))
            continue
        row = (item.id, item.source, new_hash, old[0], old[1], when, key)
        conflicts.append(Conflict(item.id, item.source, old[0], row))
    return kept, conflicts


def table_rows(pairs: Sequence[Pair], when: str | None = None) -> dict[str, list[tuple]]:
    """The rows of every table for a chunk of results, in input order; `when` is the time
    they are written (`documents.processed_at`)."""
    rows: dict[str, list[tuple]] = {t.name: [] for t in TABLES}
    for item, res in pairs:
        doc, key = item.doc, doc_key(item.id)
        published = doc.published if doc else None
        rows["documents"].append((
            item.id, item.source, item.url, doc.title if doc else None, published[:10] if published else None,
            item.published_from if published else None, res.lang,
            "error" if res.error else "ok", len(res.records),
            item_hash(item), stored_text(item, res), published, when, key))
        if res.error:
            rows["errors"].append((item.id, item.source, res.error.code, res.error.message, key))
        _mention_rows(rows, item.id, key, res)
        _record_rows(rows, item.id, key, res, published[:10] if published else None)
    return rows


def _mention_rows(rows: dict, doc_id: str, key: str, res: DocumentResult) -> None:
    for i, a in enumerate(res.amounts):
        rows["amounts"].append((doc_id, i, a.text, a.start, a.end, a.value, a.low, a.high, a.currency,
                                a.approximate, a.currency_inferred, json_text(a.notes), key))
    for i, d in enumerate(res.dates):
        rows["dates"].append((doc_id, i, d.text, d.start, d.end, d.value, d.grain, d.start_date,
                              d.end_date, d.inferred_year, key))
    for i, e in enumerate(res.entities):
        rows["entities"].append((doc_id, i, e.text, e.start, e.end, e.label, e.name, key))
    for i, w in enumerate(res.warnings):
        rows["warnings"].append((doc_id, "", i, w.code, w.message, json_text(w.spans), key))


def _record_rows(rows: dict, doc_id: str, key: str, res: DocumentResult, published: str | None) -> None:
    from milliard.io.sinks.eur import in_euros

    for i, r in enumerate(res.records):
        value, currency = (r.amount.value, r.amount.currency) if r.amount else (None, None)
        rows["records"].append((r.id, doc_id, i, r.kind, r.company, *_money(r.amount), *_money(r.target),
                                r.round, r.announced, r.confidence,
                                json_text([e.model_dump() for e in r.evidence]),
                                *in_euros(value, currency, r.announced or published), key))
        for j, p in enumerate(r.parties):
            rows["parties"].append((doc_id, r.id, j, p.name, p.role, key))
        for j, w in enumerate(r.warnings):
            rows["warnings"].append((doc_id, r.id, j, w.code, w.message, json_text(w.spans), key))
