"""The canned queries of `milliard browse`: the README's SQL examples (tests/test_browse.py
checks that each example of the README is one of these, word for word), and a few with a
parameter that Datasette shows as a form field.

Each query starts with a `-- title` comment line, which is its title in Datasette.
"""
from __future__ import annotations

README_EXAMPLES = {
    "rounds_by_month_2025": """-- Rounds over 10 M€ announced in 2025, by month
SELECT substr(CAST(announced AS TEXT), 1, 7) AS month,
       count(*) AS rounds,
       round(CAST(sum(amount_eur) / 1e6 AS NUMERIC), 1) AS total_m_eur
FROM funding_rounds
WHERE kind = 'funding_round' AND amount_eur > 10e6
  AND announced >= '2025-01-01' AND announced < '2026-01-01'
GROUP BY substr(CAST(announced AS TEXT), 1, 7)
ORDER BY month;""",
    "top_lead_investors": """-- The ten most active lead investors
SELECT investor, count(*) AS rounds,
       round(CAST(sum(amount_eur) / 1e6 AS NUMERIC), 1) AS total_m_eur
FROM investors
WHERE lead
GROUP BY investor
ORDER BY rounds DESC, investor
LIMIT 10;""",
    "conflicting_figures": """-- Every record with a conflicting-figures warning
SELECT f.company, f.amount, f.currency, f.document_id, w.message
FROM funding_rounds f
JOIN warnings w ON w.doc_key = f.doc_key AND w.record_id = f.record_id
WHERE w.code = 'conflicting_figures'
ORDER BY f.document_id, w.position;""",
    "largest_rounds_eur": """-- The five largest rounds in euros, with the rate date used and the lead investors
SELECT company, currency, round(CAST(amount / 1e6 AS NUMERIC), 1) AS amount_m,
       round(CAST(amount_eur / 1e6 AS NUMERIC), 1) AS m_eur, eur_rate_date, lead_investors
FROM funding_rounds
WHERE kind = 'funding_round' AND amount_eur IS NOT NULL
ORDER BY amount_eur DESC
LIMIT 5;""",
    "totals_by_currency": """-- Records and euro totals by currency
SELECT currency, count(*) AS records, count(amount_eur) AS in_eur,
       round(CAST(sum(amount_eur) / 1e6 AS NUMERIC), 1) AS total_m_eur
FROM funding_rounds
WHERE currency IS NOT NULL
GROUP BY currency
ORDER BY records DESC, currency;""",
}

# Datasette turns each `:name` into a form field (SQLite only: these are not README examples)
WITH_PARAMETERS = {
    "company_records": """-- Records of a company (part of its name, any case)
SELECT company, kind, amount, currency, amount_eur, round, announced, lead_investors, investors, document_id
FROM funding_rounds
WHERE lower(company) LIKE '%' || lower(:company) || '%'
ORDER BY announced DESC;""",
    "investor_portfolio": """-- Every record of an investor (part of its name, any case)
SELECT investor, lead, company, kind, amount, currency, amount_eur, round, announced, document_id
FROM investors
WHERE lower(investor) LIKE '%' || lower(:investor) || '%'
ORDER BY announced DESC;""",
}


def title(sql: str) -> str:
    first = sql.lstrip().splitlines()[0]
    return first[2:].strip() if first.startswith("--") else ""


def canned_queries() -> dict[str, dict]:
    """Datasette's `queries` metadata: name -> title and SQL."""
    return {name: {"title": title(sql), "sql": sql} for name, sql in {**README_EXAMPLES, **WITH_PARAMETERS}.items()}
