"""One story, one record: the event an article under a headline is about.

A news article with a headline (a first line without final punctuation, then a blank line)
tells one deal. Its body restates it (lead, quote, closing paragraph) and tells context:
earlier rounds, totals to date, a competitor's round, an investor's own fund. So where the
language's `[article] one_story` is on, the records of such an article are reduced to one:
- a headline that announces a deal picks the event of its company or of its amount (or,
  when the body never restates it, the headline's own event), and its company, kind and
  figure win over the body's;
- a headline that announces none (a launch, a hire, a market report, results) leaves no
  record: the rounds its body mentions are context (unless the headline gives the figure of
  one: "$20M for Ledgerly to grow").
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from milliard.lang import data, stop_words
from milliard.records.event import Event, same_money
from milliard.records.roles import KIND_ROUND, Clause, Name, lexicon
from milliard.records.sentences import title_end
from milliard.schema import Amount

# a sentence's end; a title may end in "?" or "!", or in an abbreviation ("across the U.S.")


@lru_cache(maxsize=None)
def one_story(lang: str) -> bool:
    return bool(data(lang, "funding").get("article", {}).get("one_story", False))


def story_events(norm: str, lang: str, events: list[Event], clauses: list[Clause],
                 make_event: Callable[[Clause], Event]) -> list[Event]:
    """The events of an article with a headline reduced to the one it is about."""
    end = title_end(norm)
    if end is None:
        return events
    head = next((c for c in clauses if c.start < end and c.kind is not None), None)
    if head is None:  # a launch, a hire, a market report: rounds in its body are context,
        figures = [a for c in clauses if c.start < end for a, _ in c.amounts]  # unless it gives the figure
        return [e for e in events if e.amount is not None and any(same_money(e.amount, a) for a in figures)][:1]
    main = _about_headline(norm, events, head, end) or make_event(head)
    _fill_from_headline(main, head, norm, end, lang)
    return [main]


def _about_headline(norm: str, events: list[Event], head: Clause, end: int) -> Event | None:
    """The body's event of the headline: same amount first, else a company the headline names."""
    money = [a for a, role in head.amounts if role == "raised"]
    title = norm[:end].casefold()
    by_money = [e for e in events if e.amount is not None and any(same_money(e.amount, a) for a in money)]
    named = [e for e in events if e.company is not None and e.company.name.casefold() in title]
    for e in by_money:
        if e in named:
            return e
    return (by_money or named or [None])[0]


def _fill_from_headline(main: Event, head: Clause, norm: str, end: int, lang: str) -> None:
    """The headline is the article's own summary: its company, its kind and its amount win
    over the body's where they differ; what the body leaves out ("the startup") it gives."""
    name = headline_company(norm, head, end, lang)
    if name is not None:
        old = main.company.name if main.company else None
        main.company = name
        main.parties = {name.name: "recipient", **{n: r for n, r in main.parties.items() if n != old}}
    elif main.company is None and head.subject:
        main.company = head.subject[0]
        main.parties = {head.subject[0].name: "recipient", **main.parties}
    money = next((a for a, role in head.amounts if role == "raised"), None)
    if money is not None:  # a headline with its figure says what the deal is
        if main.kind != head.kind and main.round == KIND_ROUND.get(main.kind):
            main.round = head.round  # "$1.2bn in equity and debt" under "X raises $1.2bn"
        main.kind = head.kind
        if main.amount is None or not _close(main.amount, money):
            main.amount = money


def _close(a: Amount, b: Amount) -> bool:
    """The body's figure is the headline's, told more precisely ("$4.2M", "$4.23 million")."""
    return same_money(a, b, 0.05)


_POSSESSIVE = re.compile(r"['’]s$")


def headline_company(norm: str, head: Clause, end: int, lang: str) -> Name | None:
    """The company of a headline "X raises…": the capitalised words right before the first
    trigger that has some ("Creative Startup Patreon Raises" -> the longest tail the body
    repeats, "Patreon"), else the capitalised words opening an apposition ("Clever, Maker of
    an API, Raises" -> Clever). An acquisition's company is its target: the capitalised words
    closing the span between the trigger and the price ("to acquire startup Cylance for $1B")."""
    if head.trigger is None:
        return None
    if head.kind == "acquisition":
        return _acquisition_target(norm, head, end)
    aux = stop_words(lang)
    money = min([a.start for a, _ in head.amounts], default=end)  # the name comes before the figure
    for m in lexicon(lang).any_trigger.finditer(norm, 0, money):
        words = _words_in(norm, 0, m.start())
        while words and words[-1].group() in aux and len(words[-1].group()) <= 4:
            words.pop()  # "Gimlet Media has raised", "Bluzelle has just raised" (not "Hyperloop One")
        run = _capitalised_tail(words) or (_capitalised_head(words) if "," in norm[:m.start()] else [])
        if run:
            return _confirmed(norm, _tails(run), end)
    # "Ledgerly Announces $20 Million Series B Funding": no trigger before the figure
    run = _capitalised_head(_words_in(norm, 0, money))
    if run and run[0].group().casefold() in aux:
        return None  # "After a successful sale, …"
    return _confirmed(norm, _heads(run), end)


def _acquisition_target(norm: str, head: Clause, end: int) -> Name | None:
    stop = min([a.start for a, _ in head.amounts if a.start > head.trigger[1]], default=end)
    words = _words_in(norm, head.trigger[1], stop)
    while words and words[-1].group()[0].islower():
        words.pop()  # "… Cylance for"
    return _confirmed(norm, _tails(_capitalised_tail(words)), end)


_WORD = re.compile(r"\S+")


def _words_in(norm: str, start: int, stop: int) -> list[re.Match]:
    return list(_WORD.finditer(norm, start, stop))


def _tails(run: list[re.Match]) -> list[tuple[int, int]]:
    """"Creative Startup Patreon": longest tail first, the last word last."""
    return [(m.start(), run[-1].end()) for m in run]


def _heads(run: list[re.Match]) -> list[tuple[int, int]]:
    """"Ledgerly Health Announces": longest head first, the first word last."""
    return [(run[0].start(), m.end()) for m in reversed(run)]


def _confirmed(norm: str, spans: list[tuple[int, int]], end: int) -> Name | None:
    """The first of `spans` that the body repeats as a name, else the last of them."""
    body = norm[end:]
    for i, (start, stop) in enumerate(spans):
        text = norm[start:stop].rstrip(",")
        if i == len(spans) - 1 or re.search(rf"(?<![\w-]){re.escape(text)}(?![\w-])", body):
            return Name(start, start + len(text), text, "ORG")
    return None


def _capitalised_tail(words: list[re.Match]) -> list[re.Match]:
    run: list[re.Match] = []
    for m in reversed(words):
        w = m.group()
        if w.endswith((",", ":", ";")) or not (w[0].isupper() or w[0].isdigit() or w == "&"):
            break  # "Exclusive: Drumlin raises": a rubric is not part of the name
        if run and _POSSESSIVE.search(w):
            break  # "Malaysia's Carsome": the place owns the name
        run.insert(0, m)
    return run


def _capitalised_head(words: list[re.Match]) -> list[re.Match]:
    """The capitalised words opening the headline ("Kristal.AI is bringing…, raises")."""
    run: list[re.Match] = []
    for m in words:
        w = m.group()
        if not (w[0].isupper() or w[0].isdigit() or w == "&") or _POSSESSIVE.search(w):
            break  # "Singapore's e-commerce veteran ezbuy": no name opens it
        run.append(m)
        if w.endswith(","):
            break
    return run
