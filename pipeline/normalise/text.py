"""Text preparation: a matching form of the text, and repeated-paragraph detection.

Stages match on `NormText.norm`, where French typography (no-break and thin spaces,
typographic apostrophes and quotes, en dashes) is folded to ASCII one character for one
character. Every reported offset indexes the ORIGINAL text: when NFC composition
shortens the text (decomposed accents), `orig_span` maps norm offsets back.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# One character in, one character out: offsets survive unchanged.
_FOLD = str.maketrans({
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2008": " ", "\u200a": " ",
    "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u3000": " ",
    "\t": " ", "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2011": "-", "\u2010": "-", "\u2212": "-",
    "\u00ad": " ", "\u200b": " ", "\ufeff": " ", "\x00": " ",
})


# Where a clause ends, for every stage (records may reuse it): ".", "!", "?" or ";" before a
# space or the end of the text, or a line break; a "." inside a number ("3.5") ends nothing.
CLAUSE_END = re.compile(r"[.!?;](?=\s|$)|\n")
# What may follow a number that ends a phrase ("le 27.", "juin 3,"): the end of the text, a
# clause or closing mark, or a "." / "," that is no decimal separator. A regex source.
PHRASE_END = r"(?:$|[;:!?)\n]|[.,](?!\d))"


def clause_start(text: str, lo: int, pos: int) -> int:
    """Where the clause holding `pos` starts, looking back no further than `lo`."""
    ends = [m.end() for m in CLAUSE_END.finditer(text, lo, pos)]
    return ends[-1] if ends else lo


def fold(text: str) -> str:
    """The 1:1 matching form of an already-NFC string."""
    return text.translate(_FOLD)


@dataclass
class NormText:
    original: str
    norm: str
    # norm index -> original index; None when the two have the same length (the usual case)
    _map: list[int] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, text: str) -> "NormText":
        if unicodedata.is_normalized("NFC", text):
            return cls(text, fold(text))
        pieces, index = [], []
        # Compose cluster by cluster so each composed char remembers where it came from.
        for m in re.finditer(r".[\u0300-\u036f\u0653-\u065f\u20d0-\u20ff]*", text, re.S):
            composed = unicodedata.normalize("NFC", m.group())
            pieces.append(composed)
            index.extend([m.start()] * len(composed))
        index.append(len(text))
        return cls(text, fold("".join(pieces)), index)

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        if self._map is None:
            return start, end
        return self._map[start], self._map[end]


@dataclass
class Paragraph:
    start: int
    end: int
    duplicate_of: int | None = None  # index of the earlier paragraph it repeats


_PARA = re.compile(r"[^\n]+")
_KEY_JUNK = re.compile(r"[\W_]+")
MIN_DUPLICATE_CHARS = 25  # a short heading ("Résumé") may honestly recur


def paragraphs(text: str) -> list[Paragraph]:
    """Lines as paragraphs, each repeated one (same words, case and punctuation aside)
    marked with the paragraph it repeats."""
    seen: dict[str, int] = {}
    out: list[Paragraph] = []
    for m in _PARA.finditer(text):
        key = _KEY_JUNK.sub(" ", m.group().casefold()).strip()
        if not key:
            continue
        para = Paragraph(m.start(), m.end())
        if len(key) >= MIN_DUPLICATE_CHARS:
            para.duplicate_of = seen.get(key)
            seen.setdefault(key, len(out))
        out.append(para)
    return out


def duplicate_spans(paras: list[Paragraph]) -> list[tuple[int, int]]:
    """Repeated paragraphs, runs of consecutive ones merged into one span."""
    spans: list[tuple[int, int]] = []
    previous_was_duplicate = False
    for p in paras:
        is_duplicate = p.duplicate_of is not None
        if is_duplicate and previous_was_duplicate:
            spans[-1] = (spans[-1][0], p.end)
        elif is_duplicate:
            spans.append((p.start, p.end))
        previous_was_duplicate = is_duplicate
    return spans
