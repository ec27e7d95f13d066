"""Layout of a news text for the record stage: lines, headings, sentences, boilerplate.

The NER-only spaCy pipeline has no sentence splitter (a parser would halve the speed), so
sentences come from a regex. A *heading* is a line without final punctuation in a text whose
other lines have some: section titles, bullet fragments. Headings feed conflict checks but
never parties. The first line of a text is not a heading but its *headline* (news puts the
company and the money there: "Korvel annonce une levée de 3 M€") when more text follows and it
is short. A *boilerplate* paragraph (publisher disclaimer) feeds nothing.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from milliard.lang import data, stop_words, supported
from milliard.normalise.patterns import words

_LINE = re.compile(r"[^\n]+")
_FINAL = re.compile(r"[.!?…:;]['\")\]]*\s*$")
# a sentence ends at . ! ? … followed by space and an upper-case letter, digit or quote
_BOUNDARY = re.compile(r"(?<=[.!?…])['\")\]]*\s+(?=['\"(\[]?[A-ZÀ-ÖØ-Þ0-9])")
_INITIAL = re.compile(r"(?:^|\s)[A-Z]\.$")  # "J. Dupont" — but "série B. En 2022" ends a sentence
_NEXT_WORD = re.compile(r"[\w']+")
HEADLINE_CHARS = 300  # a longer first line is a paragraph, not a headline


@dataclass
class Sentence:
    start: int
    end: int
    heading: bool = False
    headline: bool = False  # in the first line of the text (see is_headline)
    boilerplate: bool = False
    duplicate: bool = False  # inside a paragraph that repeats an earlier one


@lru_cache(maxsize=8)
def line_spans(norm: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of every non-blank line, trimmed; cached: the records stage asks for a
    document's lines several times (sentences, headings, capitals, title-line noise)."""
    out = []
    for m in _LINE.finditer(norm):
        line = m.group()
        s = m.start() + len(line) - len(line.lstrip())
        e = m.end() - (len(line) - len(line.rstrip()))
        if s < e:
            out.append((s, e))
    return tuple(out)


def has_headline(lines: Sequence[tuple[int, int]]) -> bool:
    """Is the first line a headline: more text follows and it is short? (Looser than
    `title_end`: a headline is where news names the company, whatever follows it.)"""
    return len(lines) >= 2 and lines[0][1] - lines[0][0] <= HEADLINE_CHARS


# A title, stricter than a headline: a first line set off by a blank line, not ending as a
# sentence, of at most TITLE_MAX_WORDS words. The English one-story rule (records.story) drops
# every event of the body but the title's, so it wants this certainty; `has_headline` only
# flags the first short line as the place where news names the company.
_TITLE = re.compile(r"[^\n]+(?=\n[ \t]*\n)")
_TITLE_FINAL = re.compile(r"(?<!\b[A-Z])\.['\")\]]*\s*$")
TITLE_MAX_WORDS = 30


def title_end(norm: str) -> int | None:
    """End of the title: the first line when a blank line follows it and it reads as a title."""
    m = _TITLE.match(norm)
    if m is None or _TITLE_FINAL.search(m.group()) or len(m.group().split()) > TITLE_MAX_WORDS:
        return None
    return m.end()


def heading_flags(norm: str, lines: Sequence[tuple[int, int]]) -> list[bool]:
    """A line is a heading when it has no final punctuation and some other line has; the
    headline never is."""
    final = [bool(_FINAL.search(norm[s:e])) for s, e in lines]
    if not any(final):
        return [False] * len(lines)
    flags = [not f for f in final]
    if has_headline(lines):
        flags[0] = False
    return flags


def ends_sentence(norm: str, start: int, end: int) -> bool:
    """Does the line end with final punctuation (a sentence, not a title)?"""
    return bool(_FINAL.search(norm[start:end]))


def is_heading(norm: str, start: int, end: int) -> bool:
    return start in _heading_starts(norm)


@lru_cache(maxsize=8)
def _heading_starts(norm: str) -> frozenset[int]:
    lines = line_spans(norm)
    return frozenset(s for (s, _), h in zip(lines, heading_flags(norm, lines)) if h)


def split_sentences(norm: str, start: int, end: int, lang: str = "fr") -> list[tuple[int, int]]:
    out, s = [], start
    for m in _BOUNDARY.finditer(norm, start, end):
        before = norm[max(s, m.start() - 6):m.start()]
        abbrev = _abbreviations(lang)
        if abbrev is not None and abbrev.search(before):
            continue
        if _INITIAL.search(before):
            nxt = _NEXT_WORD.match(norm, m.end())
            if not (nxt and nxt.group().casefold() in stop_words(lang)):
                continue
        out.append((s, m.start()))
        s = m.end()
    if s < end:
        out.append((s, end))
    return out


@lru_cache(maxsize=None)
def _abbreviations(lang: str) -> re.Pattern | None:
    """Abbreviations whose period ends no sentence ("Mme.", "Inc."), from funding.toml."""
    abbrevs = data(lang, "funding").get("sentences", {}).get("abbreviations", []) if lang in supported() else []
    return re.compile(r"\b(?:" + "|".join(re.escape(a) for a in abbrevs) + r")\.$") if abbrevs else None


@lru_cache(maxsize=None)
def boilerplate_pattern() -> re.Pattern | None:
    phrases = [p for lang in supported() for p in data(lang, "funding").get("boilerplate", {}).get("phrases", [])]
    return words(phrases)


def sentences(norm: str, duplicates: list[tuple[int, int]] = (), lang: str = "fr") -> list[Sentence]:
    """Every sentence of the text, flagged heading / boilerplate / duplicate."""
    boiler = boilerplate_pattern()
    hits = [m.start() for m in boiler.finditer(norm)] if boiler else []
    lines = line_spans(norm)
    out = []
    dup_starts = [s for s, _ in duplicates]
    headline_end = lines[0][1] if has_headline(lines) else -1
    for (ls, le), heading in zip(lines, heading_flags(norm, lines)):
        i = bisect.bisect_left(hits, ls)
        is_boiler = i < len(hits) and hits[i] < le
        j = bisect.bisect_right(dup_starts, ls)
        dup = j > 0 and ls < duplicates[j - 1][1]
        for s, e in split_sentences(norm, ls, le, lang):
            out.append(Sentence(s, e, heading=heading, headline=e <= headline_end, boilerplate=is_boiler,
                                duplicate=dup))
    return out
