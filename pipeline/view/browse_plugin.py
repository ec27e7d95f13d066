"""The Datasette plugin of `milliard browse` (registered in-process by browse.py, not through
an entry point, so it never loads in someone else's Datasette):

- every document id (`document_id` anywhere, `documents.id`) is a link to the document's page;
- that page, `/-/milliard/show/<doc_key>`, is the `milliard show` view (text with highlights,
  records, warnings) drawn from what the database stores: nothing is extracted again;
- an amount shows with its currency, digits grouped (`12 500 000 EUR`); the value stays a number
  for sorting, filters and the JSON and CSV exports;
- the column descriptions fold into one "Column descriptions" line, and the hash columns
  (`doc_key`, `record_id`) are clipped to a few characters (the whole value on hover).
"""
from __future__ import annotations

from html import escape

import markupsafe
from datasette import hookimpl
from datasette.utils.asgi import Response

from milliard.io.sinks.rows import doc_key
from milliard.view.browse_meta import DATABASE, SHOW_ROUTE
from milliard.view.html import CSS, group, render
from milliard.view.stored import load_document


def is_document_id(column: str, table: str | None) -> bool:
    return column == "document_id" or (table == "documents" and column == "id")


def show_path(datasette, document_id: str) -> str:
    return datasette.urls.path(SHOW_ROUTE + doc_key(document_id))


STYLE_ROUTE = "/-/milliard/browse.css"
STYLE = """
dl.column-descriptions{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1.2em;font-size:.85em;margin:.4em 0}
dl.column-descriptions dd{margin:0;color:#52606d}
details.milliard-columns{margin:.6em 0 1em}details.milliard-columns summary{cursor:pointer;color:#276890}
td.col-doc_key,td.col-record_id{max-width:7em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
td.milliard-money,td .milliard-money,a.milliard-doc{white-space:nowrap}
td.col-title{min-width:16em}td.col-source{min-width:20em;overflow-wrap:anywhere}
"""
# fold the column descriptions (Datasette lists them in full above the rows); without
# script they stay as they are
FOLD = """document.querySelectorAll('dl.column-descriptions').forEach(function (dl) {
  var box = document.createElement('details'), title = document.createElement('summary');
  box.className = 'milliard-columns'; title.textContent = 'Column descriptions';
  dl.parentNode.insertBefore(box, dl); box.appendChild(title); box.appendChild(dl);
});"""

# money columns: in the views (`amount`, `amount_low`, … with `currency`) and in `records`
# (`amount_value`, … with `amount_currency`, `target_*` with `target_currency`)
MONEY_COLUMNS = {"amount", "amount_low", "amount_high",
                 *(f"{m}_{p}" for m in ("amount", "target") for p in ("value", "low", "high"))}
VIEWS = (None, "funding_rounds", "investors")  # None: the rows of a query


def currency_column(row, column: str) -> str | None:
    """The column holding the currency of a money column of this row, if it is one."""
    if column not in MONEY_COLUMNS:
        return None
    keys = row.keys()
    return next((c for c in (f"{column.split('_')[0]}_currency", "currency") if c in keys), None)


def money_cell(row, value, column: str):
    other = currency_column(row, column)
    if other is None or not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    currency = row[other]
    text = group(float(value)) + (f" {currency}" if currency else "")
    return markupsafe.Markup(f'<span class="milliard-money" title="{escape(repr(value))}">{escape(text)}</span>')


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if database != DATABASE:
        return None
    if isinstance(value, str) and is_document_id(column, table):
        href = show_path(datasette, value)
        return markupsafe.Markup(f'<a class="milliard-doc" href="{escape(href)}" '
                                 f'title="the article with its highlights and records">{escape(value)}</a>')
    if column in ("doc_key", "record_id") and isinstance(value, str) and table in VIEWS:  # tables link their keys
        return markupsafe.Markup(f'<span title="{escape(value)}">{escape(value)}</span>')
    if column == "amount_eur" and isinstance(value, (int, float)):
        return euro_cell(row, value)
    return money_cell(row, value, column)


def euro_cell(row, value: float):
    """Whole euros (Datasette's own unit display would print `7.738607 M€`), the rate day on hover."""
    day = row["eur_rate_date"] if "eur_rate_date" in row.keys() else None
    hint = f"{value!r} EUR" + (f" at the ECB rate of {day}" if day else "")
    return markupsafe.Markup(f'<span class="milliard-money" title="{escape(hint)}">'
                             f'{escape(group(float(round(value))))} EUR</span>')


@hookimpl
def extra_css_urls(database, datasette):
    return [datasette.urls.path(STYLE_ROUTE)] if database == DATABASE else []


@hookimpl
def extra_body_script(database):
    return FOLD if database == DATABASE else ""


def unit_error(exception: BaseException | None):
    """The pint error in an exception's chain. (Datasette's vendored pint raises frozen
    dataclasses: Python fails to set their traceback and raises FrozenInstanceError instead,
    with the pint error as its context.)"""
    from datasette.vendored.pint.errors import PintError

    seen = 0
    while exception is not None and seen < 5:
        if isinstance(exception, PintError):
            return exception
        exception, seen = exception.__cause__ or exception.__context__, seen + 1
    return None


@hookimpl
def handle_exception(datasette, request, exception):
    """A filter value in a unit that does not convert to euros (`10 M€` reads as molar) is the
    user's mistake: Datasette's error page with status 400 saying what works, not its 500
    page (nor its traceback on the terminal)."""
    found = unit_error(exception)
    if found is None:
        return None
    info = {"ok": False, "status": 400, "title": "Unusable unit",
            "error": f"{found}: filter amount_eur with a number of euros (10000000) or with MEUR (10 MEUR)"}

    async def page():
        if request.path.endswith(".json"):
            return Response.json(info, status=400)
        template = datasette.jinja_env.select_template(["400.html", "error.html"])
        return Response.html(await template.render_async(dict(info, urls=datasette.urls, menu_links=lambda: [],
                                                              app_css_hash=datasette.app_css_hash())), status=400)

    return page


@hookimpl
def register_routes():
    return [(r"^/-/milliard/show/(?P<key>[0-9a-f]{64})$", show_document),
            (r"^/-/milliard/browse\.css$", style)]


async def style():
    return Response(STYLE, content_type="text/css; charset=utf-8")


def message_page(title: str, text: str, back: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} — milliard</title>'
            f'<style>{CSS}</style></head><body><main><p class="back"><a href="{escape(back)}">← funding rounds</a></p>'
            f'<h1>{escape(title)}</h1><p>{escape(text)}</p></main></body></html>\n')


async def show_document(datasette, request):
    key = request.url_vars["key"]
    back = datasette.urls.table(DATABASE, "funding_rounds")
    doc = await datasette.get_database(DATABASE).execute_fn(lambda conn: load_document(conn, key))
    if doc is None:
        return Response.html(message_page("No such document", f"The database holds no document of key {key}.",
                                          back), status=404)
    result = doc.result
    page = render(doc.text or "", result, title=doc.title or result.id, published=doc.published,
                  back=(back, "funding rounds"))
    if doc.text is None:  # a document refused for its size: its text was not kept
        page = page.replace('<div id="article"></div>', '<div id="article"><p class="meta">the batch kept no '
                            'text for this document</p></div>', 1)
    return Response.html(page)
