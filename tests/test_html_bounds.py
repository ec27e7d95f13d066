"""Pages the HTML parsers cannot take: refused at once with a message that says why, never
parsed for minutes nor stored as an empty text."""
from __future__ import annotations

import time

import pytest

from milliard.io.htmlbounds import MAX_ATTRIBUTES, MAX_PAGE_CHARS, PageTooComplex, check_attributes
from milliard.io.items import TooLarge
from milliard.io.pages import html_parts
from milliard.io.sources import SourceError, iter_source, read_document

SENTENCE = "<p>La coopérative Tilleul a levé 3 M€ auprès du fonds Ardoise pour ouvrir deux ateliers.</p>"


def page(body: str) -> str:
    return f"<!doctype html><html><head><title>Essai</title></head><body>{body}</body></html>"


def test_an_element_with_100_000_attributes_is_refused_in_a_moment(tmp_path):
    attrs = " ".join(f'data-k{i}="v"' for i in range(100_000))
    (tmp_path / "attrs.html").write_text(page(f"<p {attrs}>Texte.</p>{SENTENCE}"), encoding="utf-8")
    started = time.monotonic()
    (item,) = iter_source(tmp_path)
    assert time.monotonic() - started < 5  # libxml2 took 81 s over it, in four parsers
    assert item.doc is None and item.error.code == "bad_html"
    assert "100000 attributes" in item.error.message


def test_attributes_hidden_behind_quoted_angle_brackets_are_counted():
    with pytest.raises(PageTooComplex):
        check_attributes("<p " + " ".join(f'a{i}="<b>"' for i in range(MAX_ATTRIBUTES + 1)) + ">")


def test_a_long_quoted_value_is_not_taken_for_attributes():
    check_attributes(f'<p title="{"mot " * 5_000}">Texte.</p>')


def test_a_page_nested_past_the_parser_depth_is_reported_not_stored_empty(tmp_path):
    (tmp_path / "deep.html").write_text(page("<div>" * 300 + SENTENCE + "</div>" * 300), encoding="utf-8")
    (tmp_path / "fine.html").write_text(page("<div>" * 200 + SENTENCE + "</div>" * 200), encoding="utf-8")
    items = {item.id: item for item in iter_source(tmp_path, namespace="")}
    assert items["deep.html"].doc is None and items["deep.html"].error.code == "bad_html"
    assert "nested 256 levels deep" in items["deep.html"].error.message
    assert "Tilleul a levé 3 M€" in items["fine.html"].doc.text


@pytest.mark.parametrize("depth", [300, 50_000])
def test_extract_and_show_refuse_such_a_page_with_the_same_reason(tmp_path, depth):
    deep = tmp_path / "deep.html"
    deep.write_text(page("<div>" * depth + SENTENCE + "</div>" * depth), encoding="utf-8")
    with pytest.raises(SourceError, match="nested 256 levels deep"):
        read_document(deep)


def test_a_page_cut_by_the_parser_depth_is_reported_even_with_text_before_the_cut(tmp_path):
    # libxml2 stops reading at the depth limit: the paragraph after the deep part was lost, and
    # the page stored as read because the text before the cut was not empty
    body = SENTENCE + "<div>" * 300 + "<p>Au fond.</p>" + "</div>" * 300 + "<p>Une conclusion perdue.</p>"
    (tmp_path / "cut.html").write_text(page(body), encoding="utf-8")
    (item,) = iter_source(tmp_path)
    assert item.doc is None and item.error.code == "bad_html"
    assert "nested 256 levels deep" in item.error.message


def test_the_page_is_parsed_once(monkeypatch):
    import htmldate.utils
    import trafilatura.utils

    html = page(SENTENCE * 40 + '<meta property="article:published_time" content="2026-03-05">')
    parses = []
    for module in (trafilatura.utils, htmldate.utils):
        def counted(text, *args, _parse=module.fromstring, _name=module.__name__, **kwargs):
            if isinstance(text, str) and len(text) >= len(html) // 2:  # the page (its extract is re-read as bytes)
                parses.append(_name)
            return _parse(text, *args, **kwargs)
        monkeypatch.setattr(module, "fromstring", counted)
    text, title, published, _ = html_parts(html)
    assert "Tilleul a levé 3 M€" in text and title == "Essai"
    assert parses == ["trafilatura.utils"]  # was twice: extract and extract_metadata each parsed it


def test_a_long_page_full_of_attributes_is_answered_in_seconds(tmp_path):
    element = "<p " + " ".join(f"d{i}" for i in range(MAX_ATTRIBUTES - 1)) + ">Texte.</p>"
    (tmp_path / "wide.html").write_text(page(element * 1_000 + SENTENCE), encoding="utf-8")
    started = time.monotonic()
    (item,) = iter_source(tmp_path)
    assert time.monotonic() - started < 5  # 28 s: three parses of a million attributes, each quadratic per element
    assert item.doc is None and item.error.code == "too_large"
    assert f"more than the {MAX_PAGE_CHARS} an HTML page may have" in item.error.message


def test_a_page_over_the_size_bound_is_refused_by_extract_in_line(tmp_path):
    big = tmp_path / "big.html"
    big.write_text(page(SENTENCE * (MAX_PAGE_CHARS // len(SENTENCE) + 1)), encoding="utf-8")
    with pytest.raises(TooLarge, match="an HTML page may have"):
        read_document(big)
