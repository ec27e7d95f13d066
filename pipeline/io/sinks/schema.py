"""The database schema as each engine writes it: column types, indexes, the analysts'
views, and the in-place migration of an older database (columns added, types converted,
euro amounts filled in; nothing dropped).

Views (one definition per engine, same columns and meaning):
- `funding_rounds`: one row per record, with its document's URL and title, the money in its
  currency and in euros, and its lead investors and investors as JSON arrays of names
  (`investors` holds every investor, leads included);
- `investors`: one row per investor of a record (`lead` true for a lead investor).
"""
from __future__ import annotations

from milliard.io.sinks.rows import DATE, JSON, TABLES, TS

SQLITE_TYPES = {DATE: "TEXT", JSON: "TEXT", TS: "TEXT"}
POSTGRES_TYPES = {JSON: "JSONB", TS: "TIMESTAMPTZ"}

INDEXES = (("records_id", "records", "id"), ("records_company", "records", "company"),
           ("records_kind", "records", "kind"), ("records_announced", "records", "announced"),
           ("records_amount", "records", "amount_value"), ("records_amount_eur", "records", "amount_eur"),
           ("parties_name", "parties", "name"))

# a correlated list of a record's party names of some roles, in their order; `{agg}` is the
# engine's JSON array aggregate
_NAMES = ("(SELECT {agg} FROM parties p WHERE p.doc_key = r.doc_key AND p.record_id = r.id "
          "AND p.role IN ({roles}))")
AGGREGATES = {"sqlite": "json_group_array(p.name)",  # rows come in primary-key order: by position
              "postgres": "coalesce(jsonb_agg(p.name ORDER BY p.position), '[]'::jsonb)"}

FUNDING_ROUNDS = """CREATE VIEW funding_rounds AS
SELECT r.doc_key, r.id AS record_id, r.document_id, r.kind, r.company,
       r.amount_value AS amount, r.amount_low, r.amount_high, r.amount_currency AS currency,
       r.amount_eur, r.eur_rate_date, r.round, r.announced, r.confidence,
       {leads} AS lead_investors, {investors} AS investors,
       d.url, d.title, d.published, d.source
FROM records r JOIN documents d ON d.doc_key = r.doc_key"""

INVESTORS = """CREATE VIEW investors AS
SELECT p.name AS investor, p.role = 'lead_investor' AS lead, r.company, r.kind,
       r.amount_value AS amount, r.amount_currency AS currency, r.amount_eur, r.round, r.announced,
       r.id AS record_id, r.document_id, r.doc_key
FROM parties p JOIN records r ON r.doc_key = p.doc_key AND r.id = p.record_id
WHERE p.role IN ('investor', 'lead_investor')"""


# table -> (its columns, the table and columns they reference): every row belongs to a
# document, a party to its record
_DOC = ("doc_key", "documents", "doc_key")
FOREIGN_KEYS = {"records": _DOC, "parties": ("doc_key, record_id", "records", "doc_key, id"), "amounts": _DOC,
                "dates": _DOC, "entities": _DOC, "warnings": _DOC, "errors": _DOC, "conflicts": _DOC}


def foreign_key(table: str) -> str:
    cols, other, refs = FOREIGN_KEYS[table]
    return f"FOREIGN KEY ({cols}) REFERENCES {other} ({refs})"


def column_type(kind: str, types: dict[str, str]) -> str:
    return types.get(kind, kind)


def table_ddl(types: dict[str, str]) -> list[str]:
    out = ["CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)"]
    for t in TABLES:
        cols = ", ".join(f"{c} {column_type(kind, types)}" for c, kind in t.columns)
        fk = f", {foreign_key(t.name)}" if t.name in FOREIGN_KEYS else ""
        out.append(f"CREATE TABLE IF NOT EXISTS {t.name} ({cols}, PRIMARY KEY ({', '.join(t.key)}){fk})")
    return out


def index_ddl() -> list[str]:
    return [f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({col})" for name, table, col in INDEXES]


def view_ddl(engine: str) -> list[str]:
    agg = AGGREGATES[engine]
    leads = _NAMES.format(agg=agg, roles="'lead_investor'")
    investors = _NAMES.format(agg=agg, roles="'lead_investor', 'investor'")
    return ["DROP VIEW IF EXISTS funding_rounds", "DROP VIEW IF EXISTS investors",
            FUNDING_ROUNDS.format(leads=leads, investors=investors), INVESTORS]


# -- migration ---------------------------------------------------------------------

# PostgreSQL: a TEXT column of an older version converted in place, each value kept
CONVERSIONS = {"DATE": ("date", "left({c}, 10)::date"), "JSONB": ("jsonb", "{c}::jsonb"),
               "TIMESTAMPTZ": ("timestamp with time zone", "{c}::timestamptz")}


def add_columns(cur, columns: dict[str, dict[str, str]], types: dict[str, str]) -> set[tuple[str, str]]:
    """Add the columns an older version lacks (`columns`: table -> column -> its type as the
    database names it); returns the (table, column) added."""
    added = set()
    for t in TABLES:
        for c, kind in t.columns:
            if c not in columns[t.name]:
                cur.execute(f"ALTER TABLE {t.name} ADD COLUMN {c} {column_type(kind, types)}")
                added.add((t.name, c))
    return added


def keep_published_as_given(cur, added: set, engine: str) -> None:
    """Version 5 splits `published` in the day and `published_at`, the date as given."""
    if ("documents", "published_at") in added:
        cur.execute("UPDATE documents SET published_at = published")
        if engine == "sqlite":
            cur.execute("UPDATE documents SET published = substr(published, 1, 10) WHERE length(published) > 10")


def convert_types(cur, columns: dict[str, dict[str, str]]) -> None:
    """PostgreSQL: TEXT columns of an older version to DATE, JSONB, TIMESTAMPTZ."""
    for t in TABLES:
        for c, kind in t.columns:
            target = column_type(kind, POSTGRES_TYPES)
            if target in CONVERSIONS and columns[t.name].get(c) == "text":
                using = CONVERSIONS[target][1].format(c=c)
                cur.execute(f"ALTER TABLE {t.name} ALTER COLUMN {c} TYPE {target} USING {using}")


def add_foreign_keys(cur, existing: set[str]) -> None:
    """PostgreSQL: the foreign keys of the tables an older version made (`existing`), NOT
    VALID: checked for every row written from now on, the rows already there kept as they
    are. (SQLite cannot add a constraint to a table: a migrated SQLite file goes without.)"""
    for table in FOREIGN_KEYS:
        if table in existing:
            cur.execute(f"ALTER TABLE {table} ADD CONSTRAINT {table}_document_fk {foreign_key(table)} NOT VALID")


def fill_euros(cur, mark: str) -> None:
    """`amount_eur` of the records written before it existed."""
    from milliard.io.sinks.eur import in_euros

    todo = cur.execute(
        "SELECT r.doc_key, r.id, r.amount_value, r.amount_currency, coalesce(r.announced, d.published) "
        "FROM records r JOIN documents d ON d.doc_key = r.doc_key "
        "WHERE r.amount_eur IS NULL AND r.amount_value IS NOT NULL").fetchall()
    updates = []
    for key, rid, value, currency, day in todo:
        eur = in_euros(value, currency, str(day) if day is not None else None)
        if eur[0] is not None:
            updates.append((*eur, key, rid))
    if updates:
        cur.executemany(f"UPDATE records SET amount_eur = {mark}, eur_rate = {mark}, eur_rate_date = {mark} "
                        f"WHERE doc_key = {mark} AND id = {mark}", updates)
