"""The HTML view in a real headless Chromium: the page loads, every mention the pipeline reports
is a highlighted element, the records table is there, and a screenshot is taken.

Regenerate the README's screenshot:  .venv/bin/python tests/test_show_browser.py docs/show.png
"""
from __future__ import annotations

import struct
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import browser  # noqa: E402

# Written for this test (no sentence taken from any article).
SAMPLE = {
    "id": "exemple-show",
    "title": "Hydrolia lève 12,5 millions d'euros pour ses électrolyseurs",
    "published": "2026-02-18",
    "lang": "fr",
    "text": (
        "La start-up grenobloise Hydrolia a bouclé une levée de fonds de 12,5 millions d'euros, "
        "a-t-elle annoncé le 16 février. Le tour de série A est mené par Cerfontaine Ventures, "
        "aux côtés de Bpifrance et du fonds régional Alpes Transition.\n\n"
        "Fondée en 2021 par Léa Morvan et Karim Haddad, l'entreprise conçoit des électrolyseurs "
        "compacts pour les sites industriels. Elle compte doubler ses effectifs d'ici fin 2027 et "
        "vise un chiffre d'affaires de 40 M€ en 2030.\n\n"
        "Le marché mondial de l'hydrogène pourrait peser 1,2 trillion de dollars, selon un cabinet "
        "cité par l'entreprise. <script>document.title='piraté'</script>"
    ),
}


def render_sample(out: Path, extractor=None):
    from milliard.extraction.extractor import Extractor
    from milliard.schema import InputDocument
    from milliard.view.html import render

    doc = InputDocument.model_validate(SAMPLE)
    result = (extractor or Extractor()).extract(doc)
    out.write_text(render(doc.text, result, title=doc.title, published=doc.published), encoding="utf-8")
    return result


class Dom(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.ids: dict[str, dict] = {}
        self.tags: list[str] = []
        self.title = []
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        self._in_title = tag == "title"
        if a.get("id"):
            self.ids[a["id"]] = {"tag": tag, **a}

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def page(tmp_path_factory, extractor):
    browser.require_chromium()
    out = tmp_path_factory.mktemp("show") / "show.html"
    return out, render_sample(out, extractor)


@pytest.mark.slow
@pytest.mark.browser
def test_highlights_and_records_table_are_in_the_dom(page):
    path, result = page
    dom = Dom(browser.dump_dom(path))
    assert "records" in dom.ids and dom.ids["records"]["tag"] == "table"
    assert "article" in dom.ids
    for kind, mentions, css in (("amount", result.amounts, "hl-amount"), ("date", result.dates, "hl-date"),
                                ("entity", result.entities, "hl-ent")):
        for i, _ in enumerate(mentions):
            assert css in dom.ids[f"{kind}-{i}"]["class"], f"{kind}-{i}"
    for r, rec in enumerate(result.records):
        assert f"rec-{r}" in dom.ids
        assert all(f"rec-{r}-ev-{k}" in dom.ids for k in range(len(rec.evidence)))
    assert "script" not in dom.tags, "the article's <script> must stay text"
    assert "piraté" not in "".join(dom.title)


@pytest.mark.slow
@pytest.mark.browser
def test_screenshot_is_taken(page, tmp_path):
    path, _ = page
    shot = browser.screenshot(path, tmp_path / "show.png")
    assert png_size(shot) == (1200, 1600)


if __name__ == "__main__":
    import tempfile

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/show.png")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "show.html"
        render_sample(html)
        browser.run(html, f"--screenshot={target.resolve()}", "--window-size=1200,820")  # no blank below
    print(f"wrote {target}")
