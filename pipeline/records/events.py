"""Funding records: events found by trigger words, their parties, money, round and date.

Rules (README, "Records"):
- A sentence with a trigger word (funding.toml) and an amount in the role "raised" starts an
  event, or adds to the event of the same company; a sentence with a trigger but no new
  company or money (e.g. "Le tour a été mené par X") adds parties, round and target to the
  latest event. Headings, publisher boilerplate and repeated paragraphs start nothing.
- Amounts in the roles target / remaining / valuation / forecast / revenue / previous are
  never the money of the event (target goes to `target`).
- `announced`: the first day- or month-grain date in the event's first sentence that is not
  after `published`, else the document's `published` date, else null; when the sentence's only
  dates are after `published`, null and an `announced_after_published` warning.
- `id`: sha1 of kind|company (or sorted partners)|amount|currency|round: same input, same id.
- Conflicting figures: see `milliard.records.checks`.
"""
from __future__ import annotations

import bisect
import hashlib
import re
from functools import lru_cache

from milliard.normalise.context import DocContext
from milliard.records.checks import conflicts
from milliard.records.entities import canonical
from milliard.records.event import Event
from milliard.records.roles import (
    KIND_ROUND,
    Clause,
    Name,
    analyse,
    attention,
    capitalised_names,
    drop_modifiers,
    has_trigger,
    party_names,
)
from milliard.records.sentences import Sentence, sentences
from milliard.schema import Amount, Evidence, FundingRecord, Money, Party, WarningInfo


def needs_model(paragraph: str, lang: str) -> bool:
    """Cheap test: can this paragraph hold a funding event (so the NER model must read it)?"""
    try:
        return has_trigger(paragraph, lang)
    except Exception:  # an unsupported language: let the model decide
        return True


def build_records(ctx: DocContext) -> tuple[list[FundingRecord], list[WarningInfo]]:
    sents = sentences(ctx.norm, ctx.duplicates, ctx.lang)
    publisher = _publisher_names(ctx, sents)
    marks, index = _attention_marks(ctx), _Index(ctx)
    clauses = [(s, _clause(ctx, s, publisher, index) if not s.duplicate and _wants_reading(s, marks)
                else Clause(s.start, s.end)) for s in sents if not s.boilerplate]
    events = _events(ctx, [(s, c) for s, c in clauses if not s.duplicate])
    _company_from_headings(events, [c for s, c in clauses if s.heading and not s.duplicate])
    records, doc_warnings = [], []
    for event, warnings in zip(events, conflicts(ctx.norm, events, [c for s, c in clauses if not s.duplicate])):
        doc_warnings += warnings
        records.append(_record(ctx, event, warnings, index))
    return _unique(records), doc_warnings


def _attention_marks(ctx: DocContext) -> list[int]:
    """Starts of amounts and of trigger or role words: only sentences holding one are read
    closely (most sentences of an article hold none; this keeps the stage cheap)."""
    pattern = attention(ctx.lang)
    marks = [a.start for a in ctx.amounts]
    if pattern is not None:
        marks += [m.start() for m in pattern.finditer(ctx.norm)]
    return sorted(marks)


def _wants_reading(s: Sentence, marks: list[int]) -> bool:
    i = bisect.bisect_left(marks, s.start)
    return i < len(marks) and marks[i] < s.end


def _publisher_names(ctx: DocContext, sents: list[Sentence]) -> frozenset[str]:
    """Names in a publisher's disclaimer (the site itself): never a party in this document."""
    spans = [(s.start, s.end) for s in sents if s.boilerplate]
    return frozenset(e.name for e in ctx.entities if any(a <= e.start < b for a, b in spans))


def _clause(ctx: DocContext, s: Sentence, publisher: frozenset[str], index: "_Index") -> Clause:
    ents = index.within("entities", s)
    amounts = index.within("amounts", s)
    names = party_names(ctx.norm, ents, ctx.lang)
    taken = [(m.start, m.end) for m in (*ents, *amounts, *index.within("dates", s))]
    names += capitalised_names(ctx.norm, s.start, s.end, ctx.lang, taken, _doc_names(ctx))
    names = drop_modifiers(ctx.norm, sorted((n for n in names if n.name not in publisher), key=lambda n: n.start),
                           ctx.lang)
    return analyse(ctx.norm, s.start, s.end, ctx.lang, names, amounts)


class _Index:
    """Mentions by start offset, so each sentence finds its own in log time."""

    def __init__(self, ctx: DocContext):
        self.items = {k: sorted(getattr(ctx, k), key=lambda m: m.start) for k in ("entities", "amounts", "dates")}
        self.starts = {k: [m.start for m in v] for k, v in self.items.items()}

    def within(self, kind: str, s: Sentence) -> list:
        starts, items = self.starts[kind], self.items[kind]
        lo, hi = bisect.bisect_left(starts, s.start), bisect.bisect_left(starts, s.end)
        return [m for m in items[lo:hi] if m.end <= s.end]


def _doc_names(ctx: DocContext) -> frozenset[str]:
    return _capitalised_words(ctx.norm)


@lru_cache(maxsize=8)
def _capitalised_words(norm: str) -> frozenset[str]:
    """Capitalised words seen away from a sentence start: likely names."""
    return frozenset(m.group(1) for m in re.finditer(r"[\w,] ([A-Z][\w-]+)", norm))


# ---------------------------------------------------------------- events
def _events(ctx: DocContext, clauses: list[tuple[Sentence, Clause]]) -> list[Event]:
    events: list[Event] = []
    previous: Clause | None = None
    for s, c in clauses:
        c_prev, previous = previous, c
        if s.heading:
            continue  # a heading only lends its subject to the sentence after it
        if c.kind is not None and not c.subject and not c.names("partner") and c_prev is not None \
                and c_prev.subject and _about_funding(c_prev):
            _borrow_subject(c, c_prev)
        _place(events, c, ctx)
    return events


def _place(events: list[Event], c: Clause, ctx: DocContext) -> None:
    """Start an event with clause `c`, add it to the event it is about, or drop it."""
    raised = [a for a, role in c.amounts if role == "raised"]
    if any(role == "previous" for _, role in c.amounts) and not raised:
        return  # a past round: not this event
    if c.kind is None:
        if events and (c.names("lead_investor") or c.names("investor") or _targets(c)):
            _merge(events[-1], c, ctx)  # "Le tour a été mené par X"
        return
    event = _new_event(c, ctx)
    if event.company is None and not event.parties and event.amount is None and event.target is None \
            and event.round in (None, _kind_round(event.kind)):
        return  # a trigger word and nothing else ("ses objectifs de financement")
    same = _matching_event(events, event)
    if same is not None:
        _merge(same, c, ctx)
    elif event.company is None and not _partners(c) and events:
        _merge(events[-1], c, ctx)  # "Cette levée de 5 M€ servira à…"
    elif raised or _stands_alone(event):
        events.append(event)


def _about_funding(c: Clause) -> bool:
    return c.kind is not None or any(role in ("target", "remaining") for _, role in c.amounts)


def _borrow_subject(c: Clause, previous: Clause) -> None:
    """"X vise 50 M€. Elle a déjà levé 20 M€": "elle" is X. Under the headline "X lève 7 M€",
    "La jeune entreprise a obtenu ces fonds…" is X and its 7 M€."""
    c.subject = [_main_subject(previous)[0]]
    if previous.kind is not None and not c.amounts:
        c.amounts += [(a, role) for a, role in previous.amounts if role == "raised"][:1]
    if not _targets(c):
        c.amounts += [(a, role) for a, role in previous.amounts if role == "target"][:1]


def _stands_alone(event: Event) -> bool:
    """An event without money still counts when it names its company and something more
    (an acquisition, an IPO, a round, an investor): "X rachète Y", "X boucle sa série A"."""
    if event.company is None:
        return False
    others = [r for r in event.parties.values() if r != "recipient"]
    return event.kind in ("acquisition", "ipo") or bool(others) or event.target is not None \
        or event.round not in (None, _kind_round(event.kind))


def _targets(c: Clause) -> list[Amount]:
    return [a for a, role in c.amounts if role == "target"]


def _partners(c: Clause) -> list[Name]:
    return c.names("partner")


def _new_event(c: Clause, ctx: DocContext) -> Event:
    event = Event(kind=c.kind)
    _merge(event, c, ctx)
    return event


def _matching_event(events: list[Event], new: Event) -> Event | None:
    """The event about the same company, or, with no company on either side, the same money.
    (Recent events are searched first and only the last hundred: a long page of briefs
    must not cost a quadratic search.)"""
    for e in reversed(events[-100:]):
        if new.company is not None and e.company is not None and new.company.name == e.company.name:
            return e
        if new.company is None and e.company is None and new.amount is not None and e.amount is not None \
                and new.amount.value == e.amount.value and new.amount.currency == e.amount.currency:
            return e
    return None


def _merge(event: Event, c: Clause, ctx: DocContext) -> None:
    """Add what clause `c` says to `event` (the first statement of a fact wins)."""
    event.clauses.append(c)
    company, roles = _roles(c)
    if event.company is None and company is not None:
        event.company = company
    for name, role in roles:
        if event.company is None or name != event.company.name or role in ("recipient", "target"):
            event.add_party(name, role)
    raised = [a for a, role in c.amounts if role == "raised"]
    if event.amount is None and raised:
        event.amount = raised[0]
    if event.target is None and _targets(c):
        event.target = _targets(c)[0]
    if event.round is None or event.round == _kind_round(event.kind):
        event.round = c.round or event.round


def _kind_round(kind: str) -> str | None:
    return KIND_ROUND.get(kind)


def _roles(c: Clause) -> tuple[Name | None, list[tuple[str, str]]]:
    """(company, [(party name, role)]) of one clause, by event kind."""
    roles = [(n.name, "lead_investor") for n in c.names("lead_investor")]
    roles += [(n.name, "investor") for n in c.names("investor")]
    partners = c.names("partner")
    roles += [(n.name, "partner") for n in partners]
    subject, objects = _main_subject(c), c.objects
    company = None
    if c.kind == "acquisition":
        buyers = c.names("acquirer_after")
        if buyers:  # "Y racheté par X", "rachat de Y par X"
            company = objects[0] if objects else (subject[0] if subject else None)
            roles += [(n.name, "acquirer") for n in buyers] + [(n.name, "acquirer") for n in subject if n is not company]
        else:  # "X rachète Y"
            company = objects[0] if objects else None
            roles += [(n.name, "acquirer") for n in subject]
        if company is not None:
            roles.append((company.name, "target"))
        return company, roles
    if c.kind == "investment" or (c.kind in ("grant", "debt") and subject and subject[0].investor
                                  and objects and not objects[0].investor):
        roles += [(n.name, "investor") for n in subject]  # "X investit dans Y", "Bpifrance accorde à Y"
        company = objects[0] if objects else None
    elif partners and not subject:
        company = None
    elif len(subject) >= 2 and c.kind in ("funding_round", "fund_raise") and all(n.investor for n in subject):
        roles += [(n.name, "partner") for n in subject]  # "BlackRock et Microsoft lèvent…"
    elif subject:
        company = subject[0]
        # "X obtient un prêt de 75 M€ de la BEI": a known investor after the trigger invests
        roles += [(n.name, "investor") for n in objects if n.investor]
    elif objects and not partners:
        company = objects[0]  # "levée de fonds de 5 M€ pour X"
    if company is not None:
        roles.insert(0, (company.name, "recipient"))
    return company, roles


def _main_subject(c: Clause) -> list[Name]:
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


def _company_from_headings(events: list[Event], headings: list[Clause]) -> None:
    """A body that says only "la start-up" leaves the name to its headline."""
    for event in events:
        if event.company is not None or any(r == "partner" for r in event.parties.values()):
            continue
        for h in headings:
            if h.kind is not None and h.subject:
                event.company = h.subject[0]
                event.parties = {h.subject[0].name: "recipient", **event.parties}
                break


# ---------------------------------------------------------------- records
def _record(ctx: DocContext, event: Event, warnings: list[WarningInfo], index: _Index) -> FundingRecord:
    company = canonical(event.company.name) if event.company else None
    parties = [Party(name=n, role=r) for n, r in event.parties.items()]
    amount = Money.of(event.amount) if event.amount else None
    target = Money.of(event.target) if event.target else None
    return FundingRecord(
        id=record_id(event.kind, company, parties, amount, event.round),
        kind=event.kind, company=company, parties=parties, amount=amount, target=target,
        round=event.round, announced=_announced(ctx, event, index, warnings), evidence=_evidence(ctx, event),
        confidence=_confidence(event, company, warnings), warnings=warnings)


def record_id(kind: str, company: str | None, parties: list[Party], amount: Money | None,
              round_: str | None) -> str:
    who = company or "+".join(sorted(p.name for p in parties if p.role == "partner"))
    money = f"{amount.value if amount.value is not None else (amount.low, amount.high)}|{amount.currency}" \
        if amount else "|"
    key = f"{kind}|{who}|{money}|{round_}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def _announced(ctx: DocContext, event: Event, index: _Index, warnings: list[WarningInfo]) -> str | None:
    first = event.clauses[0]
    dates = [d for d in index.within("dates", Sentence(first.start, first.end))
             if d.value and d.grain in ("day", "week", "month")]
    return _not_after_published(dates, ctx, warnings)


def _not_after_published(dates: list, ctx: DocContext, warnings: list[WarningInfo]) -> str | None:
    """The first candidate date not after `published`: an announcement is never in the future.
    When every candidate is ("un an après son amorçage" misread as a date), null and an
    `announced_after_published` warning; no candidate at all: `published`."""
    published = ctx.published.isoformat() if ctx.published else None
    for d in dates:
        if published is None or d.value <= published:
            return d.value
    if dates:
        warnings.append(WarningInfo(
            code="announced_after_published", spans=[(d.start, d.end) for d in dates],
            message=f"the only announcement date {ctx.norm[dates[0].start:dates[0].end]!r} "
                    f"({dates[0].value}) is after the publication date {published}"))
        return None
    return published


def _evidence(ctx: DocContext, event: Event) -> list[Evidence]:
    spans = {(c.start, c.end) for c in event.clauses if c.kind is not None or c is event.clauses[0]}
    spans |= {(a.start, a.end) for a in (event.amount, event.target) if a is not None}
    return [Evidence(start=s, end=e, text=ctx.norm[s:e]) for s, e in sorted(spans)]


def _confidence(event: Event, company: str | None, warnings: list[WarningInfo]) -> float:
    score = 0.4
    score += 0.2 if company or event.parties else 0.0
    score += 0.2 if event.amount is not None else 0.0
    score += 0.1 if event.round else 0.0
    score += 0.1 if any(r in ("investor", "lead_investor", "acquirer") for r in event.parties.values()) else 0.0
    score -= 0.3 if warnings else 0.0
    return round(min(0.99, max(0.05, score)), 2)


def _unique(records: list[FundingRecord]) -> list[FundingRecord]:
    seen, out = set(), []
    for r in records:
        if r.id not in seen:
            seen.add(r.id)
            out.append(r)
    return out
