"""`milliard browse` in a real headless Chromium, as a person uses it: the funding-rounds page
loads (with Datasette's and our scripts run), a facet is applied by following its link, a
document link of the filtered table is followed, and the document's page has its highlights
and records in the DOM. A screenshot is taken.

Links are followed by loading the `href` the rendered DOM holds (headless Chromium is driven
from the command line: one page per run).

Regenerate the README's screenshot (from the `make run` database, or a small one built from a
few corpus articles when no DB is given):
    .venv/bin/python tests/test_browse_browser.py docs/browse.png [out/milliard.db]
"""
from __future__ import annotations

import sqlite3
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import browse_server  # noqa: E402
import browser  # noqa: E402
from test_show_browser import png_size  # noqa: E402

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
FACET_PAGE = "?kind=funding_round"  # what the screenshot shows


class Element:
    def __init__(self, tag: str, attrs: dict, parents: list["Element"]):
        self.tag, self.attrs, self.parents, self.text = tag, attrs, parents, ""

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def inside(self, element_id: str) -> bool:
        return any(p.attrs.get("id") == element_id for p in self.parents)


class Dom(HTMLParser):
    """Every element of a serialised DOM with its attributes, its text and its ancestors."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[Element] = []
        self.open: list[Element] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), list(self.open))
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        while self.open:  # the serialised DOM closes every element; pop down to this one
            if self.open.pop().tag == tag:
                break

    def handle_data(self, data):
        for element in self.open:
            element.text += data

    def find(self, tag: str, css: str | None = None) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and (css is None or css in e.classes)]

    def by_id(self, element_id: str) -> Element | None:
        return next((e for e in self.elements if e.attrs.get("id") == element_id), None)


@pytest.fixture(scope="module")
def site(tmp_path_factory, extractor):
    browser.require_chromium()
    db = browse_server.build_db(tmp_path_factory.mktemp("browse-chromium"), extractor)
    with browse_server.serving(db) as url:
        yield db, url


def load(url: str) -> Dom:
    return Dom(browser.dump_dom(url))


def facet_link(dom: Dom, column: str, value: str) -> str:
    links = [a.attrs["href"] for a in dom.find("a") if a.inside(f"facet-{column}") and a.text.strip() == value]
    assert links, f"no facet link {column} = {value}"
    return links[0]


def cells(dom: Dom, column: str) -> list[str]:
    return [td.text.strip() for td in dom.find("td", f"col-{column}")]


@pytest.mark.slow
@pytest.mark.browser
def test_facet_then_document_link_then_highlights(site):
    from milliard.view.stored import load_document

    db, url = site
    page = load(url)
    assert page.find("table", "rows-and-columns"), "no table of rows"
    assert page.find("details", "milliard-columns"), "the page's script did not run"
    kinds = cells(page, "kind")
    assert len(set(kinds)) > 1, kinds

    filtered = load(urljoin(url, facet_link(page, "kind", "funding_round")))
    with sqlite3.connect(db) as conn:
        rounds = conn.execute("SELECT count(*) FROM funding_rounds WHERE kind = 'funding_round'").fetchone()[0]
    assert cells(filtered, "kind") == ["funding_round"] * rounds
    heading = " ".join(" ".join(h.text.split()) for h in filtered.find("h3"))
    assert f'{rounds} row{"s" if rounds != 1 else ""} where kind = "funding_round"' in heading, heading

    links = filtered.find("a", "milliard-doc")
    assert len(links) == rounds
    document = load(urljoin(url, links[0].attrs["href"]))
    key = links[0].attrs["href"].rsplit("/", 1)[1]
    with sqlite3.connect(db) as conn:
        stored = load_document(conn, key)
    assert stored.result.id == links[0].text.strip()
    result = stored.result
    assert result.amounts and result.records
    for kind, mentions, css in (("amount", result.amounts, "hl-amount"), ("date", result.dates, "hl-date"),
                                ("entity", result.entities, "hl-ent")):
        for i, mention in enumerate(mentions):
            element = document.by_id(f"{kind}-{i}")
            assert element is not None and css in element.classes, f"{kind}-{i}"
            assert element.inside("article") and mention.text.startswith(element.text), f"{kind}-{i}"
    table = document.by_id("records")
    assert table is not None and table.tag == "table"
    assert len([tr for tr in document.find("tr") if tr.attrs.get("id", "").startswith("rec-")]) == len(result.records)
    assert any(a.inside("records") for a in document.find("a", "evlink")), "no evidence link in the records"


@pytest.mark.slow
@pytest.mark.browser
def test_screenshot_of_a_faceted_page(site, tmp_path):
    _, url = site
    shot = browser.screenshot(url + FACET_PAGE, tmp_path / "browse.png", size="1280,900")
    assert png_size(shot) == (1280, 900)


if __name__ == "__main__":
    import tempfile

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/browse.png")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(sys.argv[2]) if len(sys.argv) > 2 else browse_server.build_db(Path(tmp))
        with browse_server.serving(db) as url:
            browser.run(url + FACET_PAGE, f"--screenshot={target.resolve()}", "--window-size=1280,900")
    print(f"wrote {target}")
