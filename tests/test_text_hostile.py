"""The matching form under hostile text: offsets always map back into the original."""
from __future__ import annotations

import unicodedata

import pytest

from milliard.normalise.text import NormText, duplicate_spans, fold, paragraphs


@pytest.mark.parametrize("raw", [
    "leve\u0301e de 5 M€",            # decomposed accent: NFC shortens the text
    "\u0301\u0301 accents sans base",  # combining marks with nothing to sit on
    "\u212b\u2126 signes",            # singletons NFC replaces one for one (Å, Ω)
    "\u0344 et \u0f73",               # characters NFC expands to two
    "\u1100\u1161 jamo",              # Hangul jamo NFC composes across clusters
    "e\u0301\u0302\u0323" * 50,       # stacked marks
    "a\u200db\u200cc\ufe0f",          # joiners and variation selectors
])
def test_spans_map_into_the_original(raw):
    t = NormText.of(raw)
    assert t.original == raw
    for start in range(len(t.norm) + 1):
        for end in range(start, len(t.norm) + 1):
            os_, oe = t.orig_span(start, end)
            assert 0 <= os_ <= oe <= len(raw)
    whole = t.orig_span(0, len(t.norm))
    assert whole == (0, len(raw))


def test_decomposed_mention_maps_to_the_whole_original_cluster():
    raw = "a leve\u0301 5 M€"
    t = NormText.of(raw)
    start = t.norm.index("levé")
    os_, oe = t.orig_span(start, start + len("levé"))
    assert raw[os_:oe] == "leve\u0301"
    assert unicodedata.normalize("NFC", raw[os_:oe]) == "levé"


def test_fold_is_one_for_one_on_every_character_class():
    sample = "".join(chr(c) for c in range(0, 0x3100) if not 0xD800 <= c <= 0xDFFF)
    assert len(fold(sample)) == len(sample)
    assert fold("\u00a0\u202f\u2009’‘«»“”–\x00\ufeff\u00ad") == "   ''\"\"\"\"-   "


@pytest.mark.parametrize("sep", ["\n", "\r\n", "\n\n\n", "\n \n"])
def test_paragraphs_with_any_line_end(sep):
    line = "Une phrase assez longue pour être un paragraphe."
    text = sep.join([line, "Autre chose ici.", line])
    paras = paragraphs(text)
    assert len(paras) == 3
    assert paras[2].duplicate_of == 0
    (span,) = duplicate_spans(paras)
    assert text[span[0]:span[1]].strip() == line


def test_paragraphs_of_nothing():
    for text in ("", "\n" * 1000, " \n \n\t", "\x00\n\x00"):
        assert paragraphs(NormText.of(text).norm) == []
        assert duplicate_spans([]) == []
