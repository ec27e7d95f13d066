"""Second looks at one sentence, around `roles.analyse` (kept apart so that roles stays short):
a capitalised run cut before a trigger word, no party in a wire dateline or a known place,
and the round word of an earlier round."""
from __future__ import annotations

import re

from milliard.records.entities import canonical, gazetteer
from milliard.records.roles import KIND_ROUND, Clause, Name, find_round, lexicon

PAST_ROUND_CHARS = 25  # how far after an earlier round's amount its round word may stand
_CAP_WORD_AFTER = re.compile(r"(?: [A-Z]\w*)?")


def cut_at_trigger(norm: str, names: list[Name], lang: str) -> list[Name]:
    """A guessed name stops before a trigger word past its first word: in a title-case
    headline "Fernwood Secures $3 Million" the name is "Fernwood"."""
    trigger = lexicon(lang).any_trigger
    if trigger is None:
        return names
    out = []
    for n in names:
        first = norm.find(" ", n.start, n.end)
        m = trigger.search(norm, first + 1, n.end) if n.guessed and first > 0 else None
        if m and norm[m.start() - 1] == " ":
            text = norm[n.start:m.start() - 1].rstrip(".")
            n = Name(n.start, n.start + len(text), canonical(text), n.label, guessed=True)
        out.append(n)
    return out


# "SAN FRANCISCO, March 3, 2025 /PRNewswire/ --", "LONDON (Reuters) -": where and who reports
_DATELINE = re.compile(r"[A-Z][A-Z.' -]+(?:, [A-Z][\w.]+)*(?:,? [A-Z][a-z]+\.? \d{1,2}(?:, \d{4})?)?"
                       r" ?(?:/[^/\n]{1,40}/ ?)?(?:\([^)\n]{1,40}\) ?)?(?:--|[-–—]) ")


def not_parties(norm: str, names: list[Name], start: int) -> list[Name]:
    """Names of a wire dateline at the sentence start, and capitalised runs the gazetteer
    knows as places ("LONDON"), are no party."""
    m = _DATELINE.match(norm, start)
    out = []
    for n in names:
        entry = gazetteer().lookup(n.name) if n.guessed else None
        if (m and n.start < m.end()) or (entry is not None and entry.type == "place"):
            continue
        out.append(n)
    return out


def round_of_this_event(norm: str, clause: Clause, names: list[Name], lang: str) -> None:
    """"X, which raised a $2M seed last year, has raised $15M in a Series A": a round word
    right after an earlier round's amount names that round, not this one."""
    past = [(a.end, a.end + PAST_ROUND_CHARS) for a, role in clause.amounts if role == "previous"]
    if not past or clause.round is None:
        return
    known = [(n.start, _CAP_WORD_AFTER.match(norm, n.end).end()) for n in names if n.known]  # "EQT Growth"
    clause.round = find_round(norm, clause.start, clause.end, lexicon(lang), known + past) \
        or KIND_ROUND.get(clause.kind)
