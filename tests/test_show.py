"""The HTML view's builder, without a browser: escaping, overlapping spans, every mention
highlighted, every evidence and warning link resolving to an element of the page."""
from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milliard.schema import (
    Amount,
    DateMention,
    DocumentResult,
    Entity,
    Evidence,
    FundingRecord,
    Money,
    Party,
    WarningInfo,
)
from milliard.view.html import Mark, money_value, note_text, render, segments

# The entry point as installed (`python -m milliard.cli` would build a second `app` without `show`).
MILLIARD = [sys.executable, "-c", "from milliard.cli import main; main()"]
VOID = {"meta", "br", "hr", "img", "input", "link"}

# Written for this test: a funding sentence with markup-like text, quotes and an ampersand.
TEXT = ('Le studio <b>Kestrel & Fils</b> "annonce" une levée de 12,5 milliards de dollars le 3 mars, '
        "menée par Orvalis Partners.\n<script>alert('x')</script> Puis 4 trillions d'euros.")


def span(sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(sub, start + 1)
    return start, start + len(sub)


class Page(HTMLParser):
    """Tags must balance; collects ids, link targets, classes by id and the article's text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.hrefs, self.titles = [], [], [], []
        self.classes: dict[str, str] = {}
        self.article, self.in_article, self.depth = [], False, 0
        self.scripts = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.scripts += tag == "script"
        if a.get("id"):
            self.ids.append(a["id"])
            self.classes[a["id"]] = a.get("class", "")
        if tag == "a" and a.get("href", "").startswith("#"):
            self.hrefs.append(a["href"][1:])
        if "title" in a and a.get("data-mark"):
            self.titles.append(a["title"])
        if tag in VOID:
            return
        self.stack.append(tag)
        if a.get("id") == "article":
            self.in_article, self.depth = True, len(self.stack)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        if self.in_article and len(self.stack) == self.depth:
            self.in_article = False
        self.stack.pop()

    def handle_data(self, data):
        if self.in_article:
            self.article.append(data)

    @property
    def article_text(self) -> str:
        return "".join(self.article)


def parse(html: str) -> Page:
    page = Page(html)
    assert page.stack == [], f"unclosed: {page.stack}"
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"
    return page


@pytest.fixture()
def result() -> DocumentResult:
    amount = Amount(text="12,5 milliards de dollars", start=span("12,5")[0], end=span("dollars")[1],
                    value=12.5e9, currency="USD")
    trillions = Amount(text="4 trillions d'euros", start=span("4 trillions")[0], end=span("euros")[1],
                       value=4e12, currency="EUR", notes=["scale:trillions=1e12(anglicism)"])
    date = DateMention(text="3 mars", start=span("3 mars")[0], end=span("3 mars")[1], value="2026-03-03",
                       inferred_year=True)
    kestrel = Entity(text="Kestrel & Fils", start=span("Kestrel")[0], end=span("Fils")[1], label="ORG",
                     name="Kestrel & Fils")
    orvalis = Entity(text="Orvalis Partners", start=span("Orvalis")[0], end=span("Partners")[1], label="ORG",
                     name="Orvalis Partners")
    # nested and crossing: an entity inside the amount, one crossing its end
    inner = Entity(text="milliards", start=span("milliards")[0], end=span("milliards")[1], label="MISC",
                   name="milliards")
    crossing = Entity(text="dollars le 3", start=span("dollars")[0], end=span("le 3")[1], label="MISC",
                      name="dollars le 3")
    ev_start, ev_end = span("Le studio")[0], span("Partners.")[1]
    record = FundingRecord(
        id="r1", kind="funding_round", company="Kestrel & Fils",
        parties=[Party(name="Kestrel & Fils", role="recipient"), Party(name="Orvalis Partners", role="lead_investor")],
        amount=Money.of(amount), announced="2026-03-03", confidence=0.8,
        evidence=[Evidence(start=ev_start, end=ev_end, text=TEXT[ev_start:ev_end])],
        warnings=[WarningInfo(code="inferred_year", message="year taken from the publication date",
                          spans=[[date.start, date.end]])])
    doc_warning = WarningInfo(code="ambiguous_scale", message='"trillions" read as 1e12',
                          spans=[[trillions.start, trillions.end], [0, 2]])
    return DocumentResult(id="doc-<1>", lang="fr", amounts=[amount, trillions], dates=[date],
                          entities=[kestrel, orvalis, inner, crossing], records=[record],
                          warnings=[doc_warning])


def test_text_is_escaped_and_kept_whole(result):
    html = render(TEXT, result, title="<i>titre</i>")
    page = parse(html)
    assert page.scripts == 0, "the article's <script> must stay text"
    assert "<script>" not in html and "<b>Kestrel" not in html and "<i>titre" not in html
    assert page.article_text == TEXT


def test_page_is_self_contained(result):
    html = render(TEXT, result)
    for outside in ("<link", "src=", "@import", "url(", "http:", "https:", "<script"):
        assert outside not in html, outside


def test_every_mention_has_a_highlight(result):
    page = parse(render(TEXT, result))
    for kind, mentions, css in (("amount", result.amounts, "hl-amount"), ("date", result.dates, "hl-date"),
                                ("entity", result.entities, "hl-ent")):
        for i, _ in enumerate(mentions):
            assert css in page.classes[f"{kind}-{i}"]
    assert "hl-MISC" in page.classes["entity-2"] and "hl-ORG" in page.classes["entity-0"]


def test_evidence_and_warning_links_resolve(result):
    page = parse(render(TEXT, result))
    assert {"rec-0-ev-0", "rec-0-warn-0-span-0", "warn-0-span-0", "warn-0-span-1"} <= set(page.hrefs)
    missing = set(page.hrefs) - set(page.ids)
    assert not missing, f"links without a target: {missing}"


def test_hover_shows_normalised_values(result):
    """A piece covered by several spans shows the hover text of them all."""
    titles = parse(render(TEXT, result)).titles
    assert any("amount: 12,5 milliards de dollars → 12\u00a0500\u00a0000\u00a0000 USD" in t for t in titles)
    assert any("trillions → 1e12, anglicism" in t for t in titles)
    date = next(t for t in titles if "date: 3 mars" in t)
    assert "2026-03-03" in date and "inferred_year" in date
    assert "MISC: dollars le 3" in date and "evidence of record 1" in date


def test_records_table_and_warnings(result):
    html = render(TEXT, result)
    page = parse(html)
    assert "records" in page.ids and "rec-0" in page.ids
    for shown in ("funding_round", "lead_investor", "12\u00a0500\u00a0000\u00a0000 USD", "2026-03-03", "0.80",
                  "inferred_year", "ambiguous_scale"):
        assert shown in html, shown


def test_no_record_still_has_a_table():
    html = render("Rien à signaler.", DocumentResult(id="x", lang="fr"))
    page = parse(html)
    assert "records" in page.ids and "no funding record found" in html


def test_error_is_shown():
    from milliard.schema import ErrorInfo
    html = render("", DocumentResult(id="x", error=ErrorInfo(code="bad_published", message="not <a> date")))
    parse(html)
    assert "bad_published" in html and "not &lt;a&gt; date" in html


def test_spans_outside_the_text_are_clamped_and_still_anchored():
    text = "abc"
    result = DocumentResult(id="x", amounts=[Amount(text="c", start=2, end=9, value=1.0)],
                            records=[FundingRecord(id="r", kind="other", confidence=0.1,
                                                   evidence=[Evidence(start=3, end=3, text=""),
                                                             Evidence(start=7, end=5, text="")])])
    page = parse(render(text, result))
    assert page.article_text == text
    assert not set(page.hrefs) - set(page.ids)


def test_segments_cut_at_every_boundary():
    marks = [Mark(0, 5, "amount", "a", "a", ""), Mark(3, 8, "entity", "e", "e", ""), Mark(3, 5, "ev", "v", "v", "")]
    got = [(a, b, [m.id for m in ms]) for a, b, ms in segments(10, marks)]
    assert got == [(0, 3, ["a"]), (3, 5, ["a", "e", "v"]), (5, 8, ["e"]), (8, 10, [])]


def test_money_and_notes_formatting():
    assert money_value(Money(low=5e9, high=8e9, currency="EUR")) == "5\u00a0000\u00a0000\u00a0000 – 8\u00a0000\u00a0000\u00a0000 EUR"
    assert money_value(Money(low=5e6, currency="EUR")).startswith("≥ 5")
    assert money_value(Money(high=2.5, currency="EUR")) == "≤ 2,5 EUR"
    assert money_value(Money(value=3e6)) == "3\u00a0000\u00a0000 (no currency)"
    assert note_text("scale:trillion=1e12(anglicism)") == "trillion → 1e12, anglicism"
    assert note_text("plain words") == "plain words"


SPAN = st.tuples(st.integers(-3, 45), st.integers(-3, 45))


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("ab <>&\"'\n\u00a0é"), max_size=40),
       amounts=st.lists(SPAN, max_size=5), entities=st.lists(SPAN, max_size=5), evidence=st.lists(SPAN, max_size=4))
def test_any_spans_give_balanced_markup_and_the_same_text(text, amounts, entities, evidence):
    def fit(s, e):
        return max(s, 0), max(e, s, 0)
    result = DocumentResult(
        id="x",
        amounts=[Amount(text="", start=fit(s, e)[0], end=fit(s, e)[1], value=1.0) for s, e in amounts],
        entities=[Entity(text="", start=fit(s, e)[0], end=fit(s, e)[1], label="ORG", name="n") for s, e in entities],
        records=[FundingRecord(id="r", kind="other", confidence=0.5,
                               evidence=[Evidence(start=s, end=e, text="") for s, e in evidence])])
    page = parse(render(text, result))
    assert page.article_text == text
    assert not set(page.hrefs) - set(page.ids)
    ids = set(page.ids)
    assert all(f"amount-{i}" in ids for i in range(len(amounts)))
    assert all(f"entity-{i}" in ids for i in range(len(entities)))


@pytest.mark.slow
def test_show_command_writes_a_page(tmp_path):
    article = tmp_path / "a.json"
    article.write_text(json.dumps({"id": "a1", "text": "La société Brume a levé 2 M€ le 4 mai.",
                                   "published": "2026-05-10", "lang": "fr", "expected": {}}), encoding="utf-8")
    out = tmp_path / "out" / "a.html"
    done = subprocess.run([*MILLIARD, "show", str(article), "--html", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    page = parse(out.read_text(encoding="utf-8"))
    assert page.article_text == "La société Brume a levé 2 M€ le 4 mai."
    assert "records" in page.ids


@pytest.mark.parametrize("content, message", [("{not json", "not valid JSON"),
                                              ('{"id": "x"}', "not a CONTRACT input object")])
def test_show_command_refuses_bad_json_clearly(tmp_path, content, message):
    article = tmp_path / "bad.json"
    article.write_text(content, encoding="utf-8")
    done = subprocess.run([*MILLIARD, "show", str(article), "--html",
                           str(tmp_path / "o.html")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 3 and message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_show_command_refuses_a_bad_published_date(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Texte.", encoding="utf-8")
    done = subprocess.run([*MILLIARD, "show", str(article), "--published", "hier"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "hier" in done.stderr


@pytest.mark.slow
def test_show_command_reports_a_write_failure_in_one_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Texte.", encoding="utf-8")
    (tmp_path / "taken").mkdir()  # a directory where the page should go
    done = subprocess.run([*MILLIARD, "show", str(article), "--html", str(tmp_path / "taken")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"milliard: cannot write {tmp_path / 'taken'}: Is a directory"]
