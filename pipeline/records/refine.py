"""Second looks at one sentence, around `roles.analyse` (kept apart so that roles stays short):
a capitalised run cut before a trigger word, no party in a wire dateline or a known place,
and the round word of an earlier round."""
from __future__ import annotations

import re

from milliard.lang import stop_words
from milliard.records.entities import canonical, gazetteer
from milliard.records.roles import KIND_ROUND, Clause, Name, find_round, lexicon

PAST_ROUND_CHARS = 25  # how far after an earlier round's amount its round word may stand
_CAP_WORD_AFTER = re.compile(r"(?: [A-Z]\w*)?")


def cut_at_trigger(norm: str, names: list[Name], lang: str) -> list[Name]:
    """A guessed name stops before a trigger word past its first word: in a title-case
    headline "Fernwood Secures $3 Million" the name is "Fernwood" (but not before a fund word:
    "Halden Impact Fund II" is one name); a trigger opening the run is no part of it ("Buy
    Tequila Brand Casamigos"). So does a headline verb ("Cray Completes Acquisition of…")."""
    lex = lexicon(lang)
    trigger, fund = lex.any_trigger, lex.triggers.get("fund_raise")
    if trigger is None:
        return names
    out = []
    for n in names:
        first = norm.find(" ", n.start, n.end)
        if n.guessed and first > 0 and trigger.fullmatch(norm, n.start, first):
            # "Deere to Acquire Norway's…": a capitalised trigger opens no name
            n = Name(first + 1, n.end, canonical(norm[first + 1:n.end]), n.label, guessed=True)
            first = norm.find(" ", n.start, n.end)
        cut = _cut_at(norm, n, first, lex, fund) if n.guessed and first > 0 else None
        if cut is not None and norm[cut - 1] == " ":
            text = norm[n.start:cut - 1].rstrip(".")
            n = Name(n.start, n.start + len(text), canonical(text), n.label, guessed=True)
        out.append(n)
    return out


def _cut_at(norm: str, n: Name, first: int, lex, fund: re.Pattern | None) -> int | None:
    """Where a guessed name of several words stops: before a trigger past its first word (not a
    capitalised fund word: "Halden Impact Fund II" is the investor's own name), or before a
    title-case headline verb."""
    m = lex.any_trigger.search(norm, first + 1, n.end)
    if m and fund is not None and fund.fullmatch(norm, m.start(), m.end()):
        m = None
    verb = lex.headline_verbs.search(norm, first + 1, n.end) if lex.headline_verbs else None
    return min((x.start() for x in (m, verb) if x is not None), default=None)


# "SAN FRANCISCO, March 3, 2025 /PRNewswire/ --", "LONDON (Reuters) -": where and who reports
# (a wire's dash may touch the next word: "TOKYO (Reuters) -Rigaku's shares")
_DATELINE = re.compile(r"[A-Z][A-Z.' -]+(?:, [A-Z][\w.]+)*(?:,? [A-Z][a-z]+\.? \d{1,2}(?:, \d{4})?)?"
                       r" ?(?:/[^/\n]{1,40}/ ?)?(?:\([^)\n]{1,40}\) ?(?:--|[-–—]) ?|(?:--|[-–—]) )")


def not_parties(norm: str, names: list[Name], start: int, lang: str = "fr") -> list[Name]:
    """Names of a wire dateline at the sentence start, capitalised runs the gazetteer knows as
    places ("LONDON"), and a source closing the sentence (", TechCrunch reports.") are no party."""
    m = _DATELINE.match(norm, start)
    told = lexicon(lang).cues.get("source_after")
    out = []
    for n in names:
        entry = gazetteer().lookup(n.name) if n.guessed else None
        if (m and n.start < m.end()) or (entry is not None and entry.type == "place"):
            continue
        if told is not None and norm[max(0, n.start - 2):n.start] == ", " and _tells(norm, n.end, told):
            continue
        if _TICKER.search(norm, max(0, n.start - 14), n.start) or _BASED_AFTER.match(norm, n.end) \
                or (norm[n.start - 1:n.start] == "(" and norm[n.end:n.end + 1] == ":"):
            continue  # "(NASDAQ: TECH)", "Waltham, Massachusetts-based …": an exchange, a ticker, a place
        out.append(n)
    return out


# a stock ticker in parentheses: "(NASDAQ: NOVT)", "(NYSE MKT: ADGE)", "(TSX Venture: GOLD)"
_TICKER = re.compile(r"\((?:[A-Z][\w.]*\s?){1,3}:\s?$")
# a city before its region's "-based": "Waltham, Massachusetts-based energy provider"
_BASED_AFTER = re.compile(r", [A-Z][\w.]*(?: [A-Z][\w.]*)?-based\b")


def _tells(norm: str, pos: int, told) -> bool:
    m = told.match(norm, pos + 1) if norm[pos:pos + 1] == " " else None
    return m is not None and norm[m.end():m.end() + 1] in (".", ",", ";", "")


# a title in quotation marks: « La Provence », « L'Écho du Littoral » (norm writes « » as ")
_QUOTED = re.compile(r'"\s?([^"\n]{2,60}?)\s?"')
_TITLE_WORD = re.compile(r"(?:[LD]')?[A-ZÀ-Ý][\w'-]*")


def quoted_titles(norm: str, names: list[Name], start: int, end: int, lang: str) -> list[Name]:
    """A newspaper's or a work's title in quotation marks is one name with its article ("La
    Provence", not "Provence"): its words are capitalised or function words ("du", "de la").
    The names found inside it give way to it."""
    for m in _QUOTED.finditer(norm, start, end):
        if not _is_title(m.group(1), stop_words(lang)):
            continue
        inside = [n for n in names if m.start(1) <= n.start and n.end <= m.end(1)]
        if not inside:
            continue
        title = Name(m.start(1), m.end(1), canonical(m.group(1)), inside[0].label, inside[0].investor,
                     guessed=all(n.guessed for n in inside), known=any(n.known for n in inside))
        names = sorted([n for n in names if n not in inside] + [title], key=lambda n: n.start)
    return names


def _is_title(text: str, stop: frozenset[str]) -> bool:
    """At most six words, each capitalised or a function word, one at least a capitalised word."""
    words = text.split(" ")
    capital = [_TITLE_WORD.fullmatch(w) is not None and w.casefold() not in stop for w in words]
    return len(words) <= 6 and any(capital) and all(c or w.casefold() in stop for c, w in zip(capital, words))


def round_of_this_event(norm: str, clause: Clause, names: list[Name], lang: str) -> None:
    """"X, which raised a $2M seed last year, has raised $15M in a Series A": a round word
    right after an earlier round's amount names that round, not this one."""
    past = [(a.end, a.end + PAST_ROUND_CHARS) for a, role in clause.amounts if role == "previous"]
    if not past or clause.round is None:
        return
    known = [(n.start, _CAP_WORD_AFTER.match(norm, n.end).end()) for n in names if n.known]  # "EQT Growth"
    clause.round = find_round(norm, clause.start, clause.end, lexicon(lang), known + past) \
        or KIND_ROUND.get(clause.kind)
