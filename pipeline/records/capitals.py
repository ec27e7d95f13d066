"""Lines written in capitals ("KORVEL LÈVE 3 M€ AUPRÈS DE XAVIA").

The NER model reads a run of capitals as one MISC mention and casing no longer tells a name
from a word, so on such a line the model's mentions and the capitalised-word fallback are
worthless. A name on a capitals line is found instead as a name the document writes in mixed
case elsewhere (the headline, the body, a first line that is only a name) or a gazetteer name,
matched whatever its case; it keeps the casing written elsewhere.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from milliard.records.sentences import has_headline, line_spans
from milliard.schema import Entity

MIN_LETTERS = 8        # a shorter line ("BPI", "EDF") is a name, not a shouted line
UPPER_SHARE = 0.8      # share of cased letters in upper case
NAME_LINE_WORDS = 5    # a first line of at most this many words may be a bare name


def is_shouting(text: str) -> bool:
    # cased letters are those in upper or lower case; map() over str methods counts them at C
    # speed (a Python loop over every character of every line cost 5 % of a feed's run)
    upper = sum(map(str.isupper, text))
    cased = upper + sum(map(str.islower, text))
    return cased >= MIN_LETTERS and upper >= UPPER_SHARE * cased


@lru_cache(maxsize=8)
def shouting_lines(norm: str) -> tuple[tuple[int, int], ...]:
    """Spans of the lines written in capitals, in text order."""
    return tuple((s, e) for s, e in line_spans(norm) if is_shouting(norm[s:e]))


@lru_cache(maxsize=8)
def _shouting_starts(norm: str) -> tuple[int, ...]:
    return tuple(s for s, _ in shouting_lines(norm))


def in_shouting_line(norm: str, start: int) -> bool:
    # called for every entity of a document: the starts are built once per text, not per call
    lines = shouting_lines(norm)
    i = bisect.bisect_right(_shouting_starts(norm), start)
    return i > 0 and start < lines[i - 1][1]


def name_line(norm: str) -> str | None:
    """A first line that is only a short name ("Perfect Memory", "yzr" above its story), or None."""
    lines = line_spans(norm)
    if not has_headline(lines):
        return None
    text = norm[lines[0][0]:lines[0][1]]
    words = text.split()
    if len(words) > NAME_LINE_WORDS or re.search(r"[.!?:;,]\s*$", text):
        return None
    if not (text[:1].isupper() or (len(words) == 1 and text.isalpha())):
        return None  # a lower-case line is a name only as one word ("iziwork", "kShuttle")
    return text


def recased_entities(norm: str, entities: list[Entity]) -> list[Entity]:
    """Entities on capitals lines: the mixed-case names of the document found there, whatever
    their case."""
    lines = shouting_lines(norm)
    if not lines:
        return []
    known: dict[str, tuple[str, str]] = {}
    for e in entities:
        if not in_shouting_line(norm, e.start) and len(e.name) >= 2:
            known.setdefault(e.text.casefold(), (e.name, e.label))
    line = name_line(norm)
    if line is not None:
        known.setdefault(line.casefold(), (line, "ORG"))
    if not known:
        return []
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True))
                         + r")(?![\w-])", re.I)
    out = []
    for s, e in lines:
        for m in pattern.finditer(norm, s, e):
            name, label = known[m.group().casefold()]
            out.append(Entity(text=m.group(), start=m.start(), end=m.end(), label=label, name=name))
    return out
