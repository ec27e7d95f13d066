"""One self-contained HTML page showing an article with its mentions highlighted and its records.

Spans may overlap or cross (an entity inside an amount's evidence, a warning over a date), so
the article is cut at every span boundary (a sweep) and each piece is wrapped in one element per
span covering it: the markup always nests, whatever the spans. Every text is escaped. No network,
no script: hover shows the normalised value through `title` attributes, evidence links are anchors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

from milliard.schema import Amount, DateMention, DocumentResult, Entity, FundingRecord, Money, WarningInfo

# Outer to inner when several spans start at the same place with the same length: the
# decorations (evidence, warnings: borders) outside, the coloured mentions inside.
LAYER = {"warn": 0, "ev": 1, "amount": 2, "date": 3, "entity": 4}


@dataclass
class Mark:
    """One span to show: a mention, a piece of evidence or a warning's span."""
    start: int
    end: int
    layer: str
    css: str
    id: str
    title: str
    order: int = 0
    extra: dict = field(default_factory=dict)


# -- numbers and values --------------------------------------------------------------

def group(value: float) -> str:
    """12500000000.0 -> '12 500 000 000' (no-break spaces); decimals kept when there are some."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if float(value).is_integer() and abs(value) < 1e21:
        return f"{int(value):,}".replace(",", "\u00a0")
    whole, _, frac = f"{value:,.6f}".rstrip("0").partition(".")
    return whole.replace(",", "\u00a0") + ("," + frac if frac else "")


def money_value(m: Amount | Money | None) -> str:
    """The normalised value: point, range or bound, with its currency."""
    if m is None:
        return ""
    cur = f" {m.currency}" if m.currency else " (no currency)"
    if m.value is not None:
        return group(m.value) + cur
    if m.low is not None and m.high is not None:
        return f"{group(m.low)} – {group(m.high)}{cur}"
    if m.low is not None:
        return f"≥ {group(m.low)}{cur}"
    if m.high is not None:
        return f"≤ {group(m.high)}{cur}"
    return "no value"


NOTE = re.compile(r"^(?P<key>[\w-]+):(?P<word>[^=]+)=(?P<value>[^()]+)(?:\((?P<extra>[^()]*)\))?$")


def note_text(note: str) -> str:
    """'scale:trillion=1e12(anglicism)' -> 'trillion → 1e12, anglicism'; other notes as written."""
    m = NOTE.match(note)
    if not m:
        return note
    out = f"{m['word']} → {m['value']}"
    return out + (f", {m['extra']}" if m["extra"] else "")


def amount_title(a: Amount) -> str:
    lines = [f"amount: {a.text} → {money_value(a)}"]
    flags = [f for f, on in (("approximate", a.approximate), ("currency inferred", a.currency_inferred)) if on]
    if flags:
        lines.append(", ".join(flags))
    lines += [note_text(n) for n in a.notes]
    return "\n".join(lines)


def date_value(d: DateMention) -> str:
    if d.start_date or d.end_date:
        return f"{d.start_date or '…'} .. {d.end_date or '…'}"
    return d.value or "no value"


def date_title(d: DateMention) -> str:
    title = f"date: {d.text} → {date_value(d)} ({d.grain})"
    return title + ("\ninferred_year: the year is not written" if d.inferred_year else "")


def entity_title(e: Entity) -> str:
    name = f" → {e.name}" if e.name and e.name != e.text else ""
    return f"{e.label}: {e.text}{name}"


# -- marks ---------------------------------------------------------------------------

def mention_marks(result: DocumentResult) -> list[Mark]:
    marks = [Mark(a.start, a.end, "amount", "hl hl-amount", f"amount-{i}", amount_title(a))
             for i, a in enumerate(result.amounts)]
    marks += [Mark(d.start, d.end, "date", "hl hl-date", f"date-{i}", date_title(d))
              for i, d in enumerate(result.dates)]
    marks += [Mark(e.start, e.end, "entity", f"hl hl-ent hl-{e.label}", f"entity-{i}", entity_title(e))
              for i, e in enumerate(result.entities)]
    return marks


def evidence_marks(result: DocumentResult) -> list[Mark]:
    marks = []
    for r, rec in enumerate(result.records):
        for k, ev in enumerate(rec.evidence):
            marks.append(Mark(ev.start, ev.end, "ev", "ev", ev_id(r, k), f"evidence of record {r + 1} ({rec.kind})"))
        marks += warning_marks(rec.warnings, f"rec-{r}-warn")
    return marks + warning_marks(result.warnings, "warn")


def warning_marks(warnings: list[WarningInfo], prefix: str) -> list[Mark]:
    return [Mark(s, e, "warn", "wr", f"{prefix}-{w}-span-{k}", f"warning {warn.code}: {warn.message}")
            for w, warn in enumerate(warnings) for k, (s, e) in enumerate(warn.spans)]


def ev_id(record: int, k: int) -> str:
    return f"rec-{record}-ev-{k}"


def clamp(marks: list[Mark], size: int) -> list[Mark]:
    """Spans are kept inside the text; a reversed span becomes empty (an anchor only)."""
    for order, m in enumerate(marks):
        m.start = min(max(m.start, 0), size)
        m.end = min(max(m.end, m.start), size)
        m.order = order
    return marks


# -- the sweep -----------------------------------------------------------------------

def segments(size: int, marks: list[Mark]) -> list[tuple[int, int, list[Mark]]]:
    """Cut [0, size) at every span boundary: (start, end, marks covering the whole piece)."""
    cuts = sorted({0, size, *(m.start for m in marks), *(m.end for m in marks)})
    starting: dict[int, list[Mark]] = {}
    for m in marks:
        if m.end > m.start:
            starting.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    out = []
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > a] + starting.get(a, [])
        out.append((a, b, sorted(active, key=nesting)))
    return out


def nesting(m: Mark) -> tuple:
    """Outer first: earlier start, then longer, then decorations before mentions."""
    return (m.start, -m.end, LAYER[m.layer], m.order)


def article_html(text: str, marks: list[Mark]) -> str:
    marks = clamp(marks, len(text))
    empty: dict[int, list[Mark]] = {}
    for m in marks:
        if m.end == m.start:
            empty.setdefault(m.start, []).append(m)
    parts = []
    for a, b, active in segments(len(text), marks):
        parts += [anchor(m) for m in empty.pop(a, [])]
        parts.append(piece(text[a:b], a, active))
    parts += [anchor(m) for ms in empty.values() for m in ms]  # at the very end of the text
    return "".join(parts)


def anchor(m: Mark) -> str:
    """An empty span still gets its id, so links to it resolve."""
    return f'<span class="{m.css} empty" id="{m.id}" title="{escape(m.title)}"></span>'


def hover(active: list[Mark]) -> str:
    """Innermost (the most specific mention) first, each line once."""
    return "\n".join(dict.fromkeys(m.title for m in reversed(active)))


def piece(text: str, at: int, active: list[Mark]) -> str:
    """One piece of text inside one element per covering span; the innermost carries the hover
    text of them all (a browser shows the title of the innermost element)."""
    if not active:
        return escape(text)
    out = []
    for i, m in enumerate(active):
        attrs = f'class="{m.css}" data-mark="{m.id}"'
        if m.start == at:
            attrs += f' id="{m.id}"'
        if i == len(active) - 1:
            attrs += f' title="{escape(hover(active))}"'
        out.append(f"<span {attrs}>")
    return "".join(out) + escape(text) + "</span>" * len(active)


# -- records and warnings --------------------------------------------------------------

def money_cell(m: Money | None) -> str:
    if m is None:
        return '<td class="none">—</td>'
    return f'<td class="num" title="{escape(m.text)}">{escape(money_value(m))}</td>'


def parties_cell(rec: FundingRecord) -> str:
    items = "".join(f'<li>{escape(p.name)} <span class="role">{escape(p.role)}</span></li>' for p in rec.parties)
    return f"<td><ul class=\"parties\">{items}</ul></td>" if items else '<td class="none">—</td>'


def evidence_cell(r: int, rec: FundingRecord) -> str:
    links = [f'<a class="evlink" href="#{ev_id(r, k)}">“{escape(shorten(ev.text))}”</a>'
             for k, ev in enumerate(rec.evidence)]
    return '<td class="evidence">' + "<br>".join(links) + "</td>" if links else '<td class="none">—</td>'


def shorten(text: str, size: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def warnings_list(warnings: list[WarningInfo], prefix: str, text: str) -> str:
    """Each warning with links to its spans, shown by their words (offsets on hover)."""
    if not warnings:
        return ""
    items = []
    for w, warn in enumerate(warnings):
        links = " ".join(f'<a class="wrlink" href="#{prefix}-{w}-span-{k}" title="characters {s}–{e}">'
                         f'“{escape(shorten(text[max(s, 0):e], 40) or "…")}”</a>'
                         for k, (s, e) in enumerate(warn.spans))
        items.append(f'<li><code>{escape(warn.code)}</code> {escape(warn.message)} {links}</li>')
    return f'<ul class="warnings">{"".join(items)}</ul>'


def record_row(r: int, rec: FundingRecord, text: str) -> str:
    cells = [f"<td>{r + 1}</td>", f"<td><code>{escape(rec.kind)}</code></td>",
             f"<td>{escape(rec.company or '—')}</td>", parties_cell(rec), money_cell(rec.amount),
             money_cell(rec.target), f"<td>{escape(rec.round or '—')}</td>",
             f"<td>{escape(rec.announced or '—')}</td>", f'<td class="num">{rec.confidence:.2f}</td>',
             evidence_cell(r, rec), f"<td>{warnings_list(rec.warnings, f'rec-{r}-warn', text)}</td>"]
    return f'<tr id="rec-{r}" data-record-id="{escape(rec.id)}">{"".join(cells)}</tr>'


COLUMNS = ("#", "kind", "company", "parties", "amount", "target", "round", "announced",
           "confidence", "evidence", "warnings")


def records_table(records: list[FundingRecord], text: str) -> str:
    head = "".join(f"<th>{c}</th>" for c in COLUMNS)
    rows = "".join(record_row(r, rec, text) for r, rec in enumerate(records))
    if not rows:
        rows = f'<tr class="empty"><td colspan="{len(COLUMNS)}">no funding record found</td></tr>'
    return (f'<div class="scroll"><table id="records"><thead><tr>{head}</tr></thead>'
            f'<tbody>{rows}</tbody></table></div>')


LEGEND = (("hl hl-amount", "amount"), ("hl hl-date", "date"), ("hl hl-ent hl-ORG", "organisation"),
          ("hl hl-ent hl-PER", "person"), ("hl hl-ent hl-LOC", "place"), ("hl hl-ent hl-MISC", "other entity"),
          ("ev", "record evidence"), ("wr", "warning"))


def legend() -> str:
    items = "".join(f'<span class="{css}">{name}</span>' for css, name in LEGEND)
    return f'<p class="legend">{items}<span class="hint">hover a highlight for its value</span></p>'


# -- the page ------------------------------------------------------------------------

CSS = """
*{box-sizing:border-box}
body{font:15px/1.55 "DejaVu Sans",system-ui,sans-serif;color:#1f2933;margin:0;background:#f5f6f8}
main{max-width:1180px;margin:0 auto;padding:20px 24px 40px;background:#fff;min-height:100vh}
h1{font-size:1.35em;margin:.2em 0 .1em}h2{font-size:1.05em;margin:1.6em 0 .5em;color:#3e4c59}
.meta{color:#616e7c;font-size:.9em;margin:0 0 .8em}
.legend{display:flex;flex-wrap:wrap;gap:8px;align-items:center;font-size:.85em;margin:.4em 0 1em}
.legend>span{padding:1px 6px}.legend .hint{color:#7b8794}
#article{white-space:pre-wrap;overflow-wrap:anywhere;font-size:1.02em;line-height:1.9;
 border:1px solid #e4e7eb;border-radius:6px;padding:14px 18px;background:#fdfdfd}
.hl{border-radius:3px;cursor:help}
.hl-amount{--c:#ffe08a}.hl-date{--c:#b9dcff}
.hl-ORG{--c:#bdeccb}.hl-PER{--c:#f7c8e0}.hl-LOC{--c:#c9f0ee}.hl-MISC{--c:#e3e3e8}
.hl{background:var(--c)}
/* a mention inside another paints its lower half only: the outer colour stays visible */
.hl .hl{background:linear-gradient(var(--c),var(--c)) bottom/100% 55% no-repeat}
.ev{border-bottom:2.5px solid #d64545}.wr{border-bottom:2.5px dotted #e67e22}
.legend .ev,.legend .wr{border-radius:0}
span:target,span.empty:target{outline:2px solid #d64545;outline-offset:1px}
span.empty{display:inline-block;width:0}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.88em}
th,td{border:1px solid #e4e7eb;padding:5px 7px;vertical-align:top;text-align:left}
th{background:#f0f2f5;font-weight:600}tr:target{background:#fff6e0}
td.evidence{min-width:170px}td.num{text-align:right;white-space:nowrap}td.none{color:#9aa5b1}
ul.parties,ul.warnings{margin:0;padding-left:1.1em}
.role{font-size:.85em;color:#52606d;background:#eef0f3;border-radius:3px;padding:0 4px}
.evlink,.wrlink{color:#b42323;text-decoration:none}.wrlink{color:#b35900}
.evlink:hover,.wrlink:hover{text-decoration:underline}
code{font-size:.92em;background:#f0f2f5;border-radius:3px;padding:0 3px}
.back{margin:0 0 .4em;font-size:.9em}.back a{color:#3e4c59}
.error{background:#fde8e8;border:1px solid #f5b5b5;padding:8px 12px;border-radius:6px}
"""


def count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what[:-1] + 'ies' if what.endswith('y') else what + 's'}"


def render(text: str, result: DocumentResult, title: str | None = None, published: str | None = None,
           back: tuple[str, str] | None = None) -> str:
    """The whole page for `text` and its extraction `result` (offsets index `text`); `back`
    (href, label) adds a link above the title (`milliard browse` links back to its tables)."""
    marks = evidence_marks(result) + mention_marks(result)
    meta = [f"id {result.id}", f"lang {result.lang or '?'}"]
    if published:
        meta.append(f"published {published}")
    meta.append(" · ".join(count(n, what) for n, what in ((len(result.amounts), "amount"), (len(result.dates), "date"),
                                                          (len(result.entities), "entity"), (len(result.records), "record"))))
    body = [f"<h1>{escape(title or result.id)}</h1>", f'<p class="meta">{escape(" · ".join(meta))}</p>']
    if back:
        body.insert(0, f'<p class="back"><a href="{escape(back[0])}">← {escape(back[1])}</a></p>')
    if result.error:
        body.append(f'<p class="error"><code>{escape(result.error.code)}</code> {escape(result.error.message)}</p>')
    body += [legend(), f'<div id="article">{article_html(text, marks)}</div>',
             "<h2>Records</h2>", records_table(result.records, text),
             '<h2>Document warnings</h2><div id="doc-warnings">',
             warnings_list(result.warnings, "warn", text) or '<p class="meta">none</p>', "</div>"]
    return ("<!DOCTYPE html>\n<html lang=\"" + escape(result.lang or "fr") + "\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(title or result.id)} — milliard</title><style>{CSS}</style></head>"
            f"<body><main>{''.join(body)}</main></body></html>\n")
