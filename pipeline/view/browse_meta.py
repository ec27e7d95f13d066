"""What `milliard browse` tells Datasette about a batch database: titles, a description of
every table and column, units, facets, default sort orders and the canned queries.

The database is always served under the name `milliard` (DATABASE), whatever its file name,
so these keys and the URLs stay the same.
"""
from __future__ import annotations

from milliard.view.queries import canned_queries

DATABASE = "milliard"
SHOW_ROUTE = "/-/milliard/show/"  # + a document's doc_key: its `milliard show` page

# pint (Datasette's units) knows no currency: the euro is defined as one, € its symbol
CUSTOM_UNITS = ["euro = [currency] = € = EUR"]

DOC_LINK = "the document's id; links to its page (text with highlights, records)"
MONEY = {
    "amount": "the amount raised or paid, in units of currency (a point value; null for a range or a bound)",
    "amount_low": "lower bound of a range or of 'more than …', in units of currency",
    "amount_high": "upper bound of a range or of 'up to …', in units of currency",
    "currency": "ISO 4217 code of the amount (EUR, USD, GBP, …)",
    "amount_eur": "the amount in euros at the ECB reference rate of eur_rate_date; null without a rate",
}
RECORD = {
    "kind": "funding_round, fund_raise, investment, acquisition, debt, grant, ipo or other",
    "company": "the company that raised, was bought or got the money",
    "round": "pre_seed, seed, series_a … series_h, bridge, growth, debt, ipo, grant, fund or other",
    "announced": "day the record was announced (YYYY-MM-DD), when the article says it",
}

FUNDING_ROUNDS = {
    "record_id": "the record's stable content hash (the same event in two articles has the same id)",
    "doc_key": "SHA-256 of the document id: joins to every table's rows of the document",
    "document_id": DOC_LINK,
    **RECORD, **MONEY,
    "eur_rate_date": "day of the ECB rate used for amount_eur (the last published on or before the announcement)",
    "confidence": "0 to 1: higher is more often right (README: Confidence that means something)",
    "lead_investors": "JSON array of the lead investors' names",
    "investors": "JSON array of every investor's name, leads included",
    "url": "the article's URL, when the source gave one",
    "title": "the article's title",
    "published": "the article's publication day",
    "source": "where the document was read: file path, :LINE of a JSONL file, #N of a feed entry",
}

INVESTORS = {
    "investor": "the investor's name, as the article writes it",
    "lead": "1 when this investor led the round",
    **{k: FUNDING_ROUNDS[k] for k in ("company", "kind", "amount", "currency", "amount_eur", "round", "announced",
                                     "record_id", "document_id", "doc_key")},
}

DOCUMENTS = {
    "id": DOC_LINK,
    "source": FUNDING_ROUNDS["source"],
    "url": FUNDING_ROUNDS["url"],
    "title": FUNDING_ROUNDS["title"],
    "published": "publication day (YYYY-MM-DD)",
    "published_at": "the publication date as the source gave it (may hold a time and an offset)",
    "published_from": "where the date came from: input, feed, feed:updated, html:meta",
    "lang": "fr or en",
    "status": "ok, or error (see the errors table)",
    "n_records": "how many records the document gave",
    "content_hash": "SHA-256 of the text",
    "text": "the text the offsets index",
    "processed_at": "when the batch wrote this document's rows (UTC)",
    "doc_key": FUNDING_ROUNDS["doc_key"],
}

RECORDS = {
    "id": FUNDING_ROUNDS["record_id"],
    "document_id": DOC_LINK,
    "position": "the record's place in its document (0 first)",
    **RECORD,
    "amount_value": MONEY["amount"], "amount_currency": MONEY["currency"],
    "target_value": "the target the money counts towards (a fund's size goal), in units of target_currency",
    "confidence": FUNDING_ROUNDS["confidence"],
    "evidence": "JSON array of the text spans ({start, end, text}) the record rests on",
    "amount_eur": MONEY["amount_eur"],
    "eur_rate": "units of amount_currency for 1 € on eur_rate_date",
    "eur_rate_date": FUNDING_ROUNDS["eur_rate_date"],
}


def table(title: str, description: str, columns: dict[str, str], **more) -> dict:
    return {"title": title, "description": description, "columns": columns, **more}


def metadata(file_name: str) -> dict:
    """Datasette's metadata for a batch database read from `file_name` (shown, not opened)."""
    tables = {
        "funding_rounds": table(
            "Funding rounds", "One row per record found in an article: who raised how much, from whom, when. "
            "Click a document id for the article with its highlights.", FUNDING_ROUNDS,
            facets=["kind", "round", "currency"], sort_desc="announced", units={"amount_eur": "EUR"}),
        "investors": table(
            "Investors", "One row per investor of a record (lead = 1 for a lead investor).", INVESTORS,
            facets=["lead", "kind", "round"], sort="investor", units={"amount_eur": "EUR"}),
        "documents": table(
            "Documents", "One row per article read by the batch, with its text.", DOCUMENTS,
            facets=["lang", "status", "published_from"], label_column="title"),
        "records": table(
            "Records", "The records as stored (funding_rounds reads them with their document).", RECORDS,
            facets=["kind", "round", "amount_currency"], units={"amount_eur": "EUR"}),
        "parties": {"title": "Parties", "description": "Every party of a record with its role.",
                    "facets": ["role"]},
        "warnings": {"title": "Warnings", "description": "What the pipeline doubts: per record (record_id) or "
                     "per document (record_id empty); spans are [start, end] offsets in the text.",
                     "facets": ["code"]},
        "amounts": {"title": "Amount mentions", "description": "Every amount found in a text, normalised.",
                    "facets": ["currency"]},
        "dates": {"title": "Date mentions", "description": "Every date found in a text, normalised.",
                  "facets": ["grain"]},
        "entities": {"title": "Entities", "description": "Organisations, people, places named in a text.",
                     "facets": ["label"]},
        "errors": {"title": "Errors", "description": "Documents the batch could not read or process."},
        "conflicts": {"title": "Conflicts", "description": "Documents not written: their id was stored already "
                      "from another source with other content."},
        "schema_version": {"hidden": True},
    }
    description = (f"Funding records that milliard batch extracted from news articles ({file_name}). "
                   "Start with the funding_rounds view; amounts are in the unit of their currency, amount_eur "
                   "in euros at the ECB reference rate.")
    return {
        "title": "milliard: funding records",
        "description": description,
        "custom_units": CUSTOM_UNITS,
        "databases": {DATABASE: {"title": f"milliard ({file_name})", "description": description, "tables": tables,
                                 "queries": canned_queries()}},
    }
