"""One story, one record: the event an article under a headline is about.

A news article with a headline (a first line without final punctuation, then a blank line)
tells one deal. Its body restates it (lead, quote, closing paragraph) and tells context:
earlier rounds, totals to date, a competitor's round, an investor's own fund. So where the
language's `[article] one_story` is on, the records of such an article are reduced to one:
- a headline that announces a deal picks the event of its company or of its amount (or,
  when the body never restates it, the headline's own event);
- a headline that announces none leaves only an event told in the lead paragraph with an
  amount (a feature article that mentions a past round has no record).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from milliard.lang import data
from milliard.records.event import Event
from milliard.records.roles import Clause, Name
from milliard.schema import Amount

_HEADLINE = re.compile(r"[^\n]+(?=\n[ \t]*\n)")
_FINAL = re.compile(r"[.!?]['\")\]]*\s*$")
HEADLINE_MAX_WORDS = 30


@lru_cache(maxsize=None)
def one_story(lang: str) -> bool:
    return bool(data(lang, "funding").get("article", {}).get("one_story", False))


def headline_end(norm: str) -> int | None:
    """End of the headline: the first line when a blank line follows it and it reads as a title."""
    m = _HEADLINE.match(norm)
    if m is None or _FINAL.search(m.group()) or len(m.group().split()) > HEADLINE_MAX_WORDS:
        return None
    return m.end()


def lead_end(norm: str, start: int) -> int:
    """End of the first body paragraph after `start`."""
    body = re.search(r"\S", norm[start:])
    if body is None:
        return len(norm)
    stop = norm.find("\n", start + body.start())
    return len(norm) if stop < 0 else stop


def story_events(norm: str, events: list[Event], clauses: list[Clause],
                 make_event: Callable[[Clause], Event]) -> list[Event]:
    """The events of an article with a headline reduced to the one it is about."""
    end = headline_end(norm)
    if end is None:
        return events
    head = next((c for c in clauses if c.start < end and c.kind is not None), None)
    if head is None:
        lead = lead_end(norm, end)
        return [e for e in events if e.clauses and e.clauses[0].start < lead and e.amount is not None][:1]
    main = _about_headline(norm, events, head, end) or make_event(head)
    _fill_from_headline(main, head)
    return [main]


def _about_headline(norm: str, events: list[Event], head: Clause, end: int) -> Event | None:
    """The body's event of the headline: same amount first, else a company the headline names."""
    money = [a for a, role in head.amounts if role == "raised"]
    title = norm[:end].casefold()
    same_money = [e for e in events if e.amount is not None and any(_same_money(e.amount, a) for a in money)]
    named = [e for e in events if e.company is not None and e.company.name.casefold() in title]
    for e in same_money:
        if e in named:
            return e
    return (same_money or named or [None])[0]


def _same_money(a: Amount, b: Amount) -> bool:
    if a.value is None or b.value is None or a.currency != b.currency:
        return False
    return abs(a.value - b.value) <= 0.01 * max(a.value, b.value)


def _fill_from_headline(main: Event, head: Clause) -> None:
    """What the body leaves out, the headline says: the company ("the startup"), the amount."""
    subject = _headline_subject(head)
    if main.company is None and subject is not None:
        main.company = subject
        main.parties = {subject.name: "recipient", **main.parties}
    if main.amount is None:
        main.amount = next((a for a, role in head.amounts if role == "raised"), None)


def _headline_subject(head: Clause) -> Name | None:
    if head.kind == "acquisition":
        return head.objects[0] if head.objects else None
    return head.subject[0] if head.subject else None
