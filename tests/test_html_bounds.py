"""Pages the HTML parsers cannot take: refused at once with a message that says why, never
parsed for minutes nor stored as an empty text."""
from __future__ import annotations

import time

import pytest

from milliard.io.htmlbounds import MAX_ATTRIBUTES, PageTooComplex, check_attributes
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
    assert "deeper than 255 levels" in items["deep.html"].error.message
    assert "Tilleul a levé 3 M€" in items["fine.html"].doc.text


@pytest.mark.parametrize("depth", [300, 50_000])
def test_extract_and_show_refuse_such_a_page_with_the_same_reason(tmp_path, depth):
    deep = tmp_path / "deep.html"
    deep.write_text(page("<div>" * depth + SENTENCE + "</div>" * depth), encoding="utf-8")
    with pytest.raises(SourceError, match="deeper than 255 levels"):
        read_document(deep)
