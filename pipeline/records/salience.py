"""The article's salient company: whom "la start-up", "la société", "the company" mean.

News names its company in the headline ("Korvel lève 3 M€") or, on some sites, in a first
line that is only the name; the lead and the body then often say only "La jeune pousse a
levé…". An event that found no company of its own takes the salient one: the subject of the
first headline or heading that announces an event, else the name line, else a name of the
headline.
"""
from __future__ import annotations

from milliard.records.capitals import name_line
from milliard.records.event import Event
from milliard.records.names import Name
from milliard.records.roles import Clause


def main_subject(c: Clause) -> list[Name]:
    """"Spécialisée dans la sécurité des PME, la start-up X lève…": when the sentence opens
    with words that are not a name and a comma comes before the trigger, the names before
    that comma sit in an introductory phrase; the subject comes after it."""
    if not c.subject or c.trigger is None:
        return c.subject
    rubric = c.colon is not None and c.colon < c.trigger[0] and [n for n in c.subject if n.start > c.colon]
    if rubric:  # "Biotech : Abivax lève…", "Weekly roundup: Pennylane raised…"
        return rubric
    if c.subject[0].start == c.start:
        return c.subject
    comma = c.comma
    if comma is None or comma > c.trigger[0]:
        return c.subject
    after = [n for n in c.subject if n.start > comma]
    return after or c.subject


def salient_company(norm: str, headline: list[Clause], headings: list[Clause]) -> list[Name]:
    """The salient company, or, when only the headline's names tell, those names best first
    (an event takes the first that is not already one of its parties)."""
    for c in (*headline, *headings):
        if c.kind == "investment" and c.objects:
            return c.objects[:1]  # "SoftBank backs Kahoot": the story is Kahoot's
        if c.kind is not None and main_subject(c):
            return main_subject(c)[:1]
    line = name_line(norm)
    if line is not None:
        return [Name(0, len(line), line, "ORG")]
    subjects = [n for c in headline for n in _after_rubric(norm, c)]
    # a name the model or the gazetteer knows before a guessed one, a person last (a company
    # is sought: "Le milliardaire X s'apprête à voler au secours de « Y »")
    return sorted(subjects, key=lambda n: (n.label == "PER", n.guessed))


def _after_rubric(norm: str, c: Clause) -> list[Name]:
    """"Rubrique : sujet" — the names after a headline's colon, if any, else all of them
    ("Age, nationalité : qui sont les utilisateurs de Twitter ?")."""
    colon = norm.rfind(":", c.start, c.end)
    after = [n for n in c.subject if n.start > colon] if colon >= 0 else []
    return after or c.subject


def give_salient_company(events: list[Event], candidates: list[Name]) -> None:
    """An event without a company of its own (and not a partnership) is the salient company's;
    a name the event already holds in another role ("souscrite par l'État") is not it."""
    for event in events:
        if event.company is not None or any(r == "partner" for r in event.parties.values()):
            continue
        company = next((n for n in candidates if n.name not in event.parties), candidates[0] if candidates else None)
        if company is None:
            continue
        if event.kind == "acquisition":
            # "Rachetée par X, la plate-forme…": the salient company is the target of a known
            # buyer; with no buyer named, "la compagnie a acquis…" may be the buyer itself
            if company.name in event.parties or "acquirer" not in event.parties.values():
                continue
            event.company = company
            event.parties = {**event.parties, company.name: "target"}
            continue
        event.company = company
        event.parties = {company.name: "recipient", **event.parties}
