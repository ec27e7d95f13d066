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

from milliard.lang import stop_words
from milliard.normalise.context import DocContext
from milliard.records import refine, story
from milliard.records.capitals import in_shouting_line
from milliard.records.checks import conflicts
from milliard.records.confidence import confidence
from milliard.records.consolidate import consolidate, same_money_in
from milliard.records.entities import canonical, gazetteer
from milliard.records.event import Event
from milliard.records.lexicon import KIND_ROUND, Lexicon, attention, has_trigger, lexicon
from milliard.records.names import Name, capitalised_names, drop_modifiers, party_names
from milliard.records.newsworthy import funding_news
from milliard.records.parties import clause_roles
from milliard.records.roles import Clause, analyse, may_start_event
from milliard.records.salience import give_salient_company, main_subject, salient_company
from milliard.records.sentences import Sentence, sentences
from milliard.schema import Amount, Evidence, FundingRecord, Money, Party, WarningInfo


def needs_model(paragraph: str, lang: str) -> bool:
    """Cheap test: can this paragraph hold a funding event (so the NER model must read it)?"""
    try:
        return has_trigger(paragraph, lang)
    except Exception:  # an unsupported language: let the model decide
        return True


def _sentences_of(ctx: DocContext) -> list[Sentence]:
    if "sentences" not in ctx.memo:
        ctx.memo["sentences"] = sentences(ctx.norm, ctx.duplicates, ctx.lang)
    return ctx.memo["sentences"]


def can_hold_event(ctx: DocContext) -> bool:
    """Cheap test before the model reads anything: can a sentence of this document start an
    event? (`_events`, `story`: only a clause with a kind starts one.) A clause gets a kind only
    when its triggers pass `roles.may_start_event`, which reads the text and the amounts, not the
    names; and its event is dropped as empty (`_empty`) unless it holds an amount, a round word
    or a name, or borrows the subject of a sentence about funding just before it (`_events`).
    The one name-dependent check of the roles (a market as subject) is left out, so this may say
    yes where the records stage then says no; it says no only where no record can come out,
    names written wholly in lower case aside."""
    try:
        lex = lexicon(ctx.lang)
    except Exception:  # an unsupported language: let the model decide
        return True
    if lex.any_trigger is None or not lex.any_trigger.search(ctx.norm):
        return False  # one scan of the whole text clears most documents
    index = _Index(ctx)  # the amounts of a sentence, as its clause gets them
    sents = [s for s in _sentences_of(ctx) if not s.boilerplate and not s.duplicate]
    for i, s in enumerate(sents):
        within = index.within("amounts", s)
        if not may_start_event(ctx.norm, s.start, s.end, lex, within):
            continue  # (a sentence without any trigger is cleared by one scan in find_triggers)
        if s.headline or within or _may_name(ctx, s, lex) or (i and index.within("amounts", sents[i - 1])):
            return True  # the sentence before: "X vise 50 M€. Elle a été rachetée…" (_borrow_subject)
    return False


_FIRST_WORD = re.compile(r"\W*([^\W\d_]+)")


def _may_name(ctx: DocContext, s: Sentence, lex: Lexicon) -> bool:
    """Does the sentence hold a round word or something that may be a name? The model, the
    gazetteer and the capitalised-word fallback find names written with a capital; the stop word
    opening a sentence ("Le club a investi dans un nouveau centre") is no name."""
    if lex.any_round is not None and lex.any_round.search(ctx.norm, s.start, s.end):
        return True
    start = s.start
    first = _FIRST_WORD.match(ctx.norm, s.start, s.end)
    if first and first.group(1).lower() in stop_words(ctx.lang):
        start = first.end()
    if any(map(str.isupper, ctx.norm[start:s.end])):
        return True
    gaz = gazetteer().pattern  # a known name may be written in lower case ("a16z")
    return gaz is not None and gaz.search(ctx.norm, s.start, s.end) is not None


def build_records(ctx: DocContext) -> tuple[list[FundingRecord], list[WarningInfo]]:
    sents = _sentences_of(ctx)
    index = _Index(ctx)
    read = _read_sentences(ctx, sents, index)
    events = consolidate(_events(ctx, read), max((s.end for s, _ in read if s.headline), default=-1))
    give_salient_company(events, salient_company(ctx.norm, [c for s, c in read if s.headline],
                                                 [c for s, c in read if s.heading]))
    events = same_money_in(events)
    if story.one_story(ctx.lang):  # English: an article under a headline tells one deal
        body = [c for _, c in read]
        events = story.story_events(ctx.norm, ctx.lang, events, body, lambda c: _headline_event(c, body, ctx))
    events = funding_news(events, ctx.norm, ctx.lang)
    records, doc_warnings = [], []
    for event, warnings in zip(events, conflicts(ctx.norm, events, [c for _, c in read])):
        doc_warnings += warnings
        records.append(_record(ctx, event, warnings, index))
    return _unique(records), doc_warnings


def _read_sentences(ctx: DocContext, sents: list[Sentence], index: "_Index") -> list[tuple[Sentence, Clause]]:
    """(sentence, clause) of every sentence that is not boilerplate nor a repeat; only the
    headline (it names the salient company) and those holding an amount, a trigger or a role
    word are read closely."""
    publisher = _publisher_names(ctx, sents)
    marks = _attention_marks(ctx)
    return [(s, _clause(ctx, s, publisher, index) if s.headline or _wants_reading(s, marks)
             else Clause(s.start, s.end))
            for s in sents if not s.boilerplate and not s.duplicate]


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
    if not in_shouting_line(ctx.norm, s.start):  # in capitals every word looks like a name
        taken = [(m.start, m.end) for m in (*ents, *amounts, *index.within("dates", s))]
        names += capitalised_names(ctx.norm, s.start, s.end, ctx.lang, taken, _doc_names(ctx))
    names = drop_modifiers(ctx.norm, sorted((n for n in names if n.name not in publisher), key=lambda n: n.start),
                           ctx.lang)
    names = refine.not_parties(ctx.norm, refine.cut_at_trigger(ctx.norm, names, ctx.lang), s.start, ctx.lang)
    names = refine.quoted_titles(ctx.norm, names, s.start, s.end, ctx.lang)
    clause = analyse(ctx.norm, s.start, s.end, ctx.lang, names, amounts)
    refine.round_of_this_event(ctx.norm, clause, names, ctx.lang)
    return clause


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
                and not _told_of(c) and _told_of(c_prev) and _about_funding(c_prev):
            _borrow_subject(c, c_prev)
        _place(events, c, ctx)
    return events


def _place(events: list[Event], c: Clause, ctx: DocContext) -> None:
    """Start an event with clause `c`, add it to the event it is about, or drop it."""
    raised = [a for a, role in c.amounts if role == "raised"]
    if any(role == "previous" for _, role in c.amounts) and not raised:
        return  # a past round: not this event
    if c.kind is None:
        _add_details(events, c, ctx)
        return
    event = _new_event(c, ctx)
    if _empty(event):
        return  # a trigger word and nothing else ("ses objectifs de financement")
    same = _matching_event(events, event)
    if same is not None:
        _merge(same, c, ctx)
    elif _goes_on(events, event, c):
        _merge(events[-1], c, ctx)
    elif raised or _stands_alone(event):
        events.append(event)


def _goes_on(events: list[Event], event: Event, c: Clause) -> bool:
    """"Cette levée de 5 M€ servira à…" (no company) goes on with the latest event; a clause of
    another kind naming its own parties is another story ("Y devrait apporter 5 M€ de chiffre
    d'affaires", a roundup's next line)."""
    return event.company is None and not _partners(c) and bool(events) \
        and (event.kind == events[-1].kind or not event.parties)


def _add_details(events: list[Event], c: Clause, ctx: DocContext) -> None:
    """A sentence without a trigger adds investors, a target or the missing deal value to the
    latest event ("Le tour a été mené par X", "cette opération de 285 M€")."""
    if not events:
        return
    deal_value = events[-1].amount is None and any(role == "raised" for _, role in c.amounts)
    if c.names("lead_investor") or c.names("investor") or _targets(c) or deal_value:
        _merge(events[-1], c, ctx)


def _empty(event: Event) -> bool:
    return event.company is None and not event.parties and event.amount is None and event.target is None \
        and event.round in (None, _kind_round(event.kind))


def _about_funding(c: Clause) -> bool:
    return c.kind is not None or any(role in ("target", "remaining") for _, role in c.amounts)


def _told_of(c: Clause) -> list[Name]:
    """Whom a sentence is about: its subject, or the company named after a raise's trigger
    ("Avec 9,3 millions levés, Antaios occupe la première place"; not a known investor: "Son
    tour de table associe Breega…" is about the company before; not without money: "une levée
    qui va alimenter le projet d'IA Factory")."""
    if c.subject:
        return main_subject(c)
    raises = c.kind in ("funding_round", "fund_raise") and any(role == "raised" for _, role in c.amounts)
    return c.objects[:1] if raises and c.objects and not c.objects[0].investor else []


def _borrow_subject(c: Clause, previous: Clause) -> None:
    """"X vise 50 M€. Elle a déjà levé 20 M€": "elle" is X. Under the headline "X lève 7 M€",
    "La jeune entreprise a obtenu ces fonds…" is X and its 7 M€."""
    buyers = previous.names("acquirer_after") if previous.sells and c.kind == "acquisition" else []
    # "X cède sa filiale à Y. Ce dernier prévoit d'acquérir…": the seller buys nothing, the buyer does
    c.subject = [buyers[0] if buyers else _told_of(previous)[0]]
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


def _headline_event(head: Clause, clauses: list[Clause], ctx: DocContext) -> Event:
    """The event of a headline the body never restates with a trigger; the body's "the round
    was led by X" still names its investors."""
    event = _new_event(head, ctx)
    for c in clauses:
        if c.start >= head.end and c.kind is None and (c.names("lead_investor") or c.names("investor")):
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
    if event.kind == "funding_round" and c.kind in ("fund_raise", "ipo") and event.clauses[0] is not c:
        # "X lève 390 M€" then "le fonds de capital-risque X annonce…": the raise is a fund's;
        # "X veut lever 50 M€" then "X ouvre son offre en vue de s'introduire en Bourse": an IPO's
        event.kind = c.kind
        event.round = _kind_round(c.kind) if event.round is None else event.round
    company, roles = clause_roles(c)
    if event.company is None and company is not None:
        event.company = company
        # "X cède ses activités américaines à Y": the business sold is X's, not named
        event.seller_company = c.sells and not c.objects
    for name, role in roles:
        if role == "recipient" and c.kind is None and event.company is not None:
            continue  # a sentence without a trigger names no second company ("…, a indiqué X")
        if event.company is None or name != event.company.name or role in ("recipient", "target"):
            event.add_party(name, role)
    _merge_money(event, c)


def _merge_money(event: Event, c: Clause) -> None:
    raised = [a for a, role in c.amounts if role == "raised"]
    if event.amount is None and raised:
        event.amount = raised[0]
    if event.target is None and _targets(c):
        event.target = _targets(c)[0]
    # a fund keeps its round: "The firm backs seed and Series A startups" names no series of it
    if event.round is None or (event.round == _kind_round(event.kind) and event.kind != "fund_raise"):
        event.round = c.round or event.round


def _kind_round(kind: str) -> str | None:
    return KIND_ROUND.get(kind)


# ---------------------------------------------------------------- records
def _record(ctx: DocContext, event: Event, warnings: list[WarningInfo], index: _Index) -> FundingRecord:
    company = canonical(event.company.name) if event.company else None
    parties = [Party(name=n, role=r) for n, r in event.parties.items()]
    amount = Money.of(event.amount) if event.amount else None
    target = Money.of(event.target) if event.target else None
    return FundingRecord(
        id=record_id(event.kind, company, parties, amount, event.round),
        kind=event.kind, company=company, parties=parties, amount=amount, target=target,
        round=event.round, confidence=confidence(event, warnings),  # before the date's own warning
        announced=_announced(ctx, event, index, warnings), evidence=_evidence(ctx, event), warnings=warnings)


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


def _unique(records: list[FundingRecord]) -> list[FundingRecord]:
    seen, out = set(), []
    for r in records:
        if r.id not in seen:
            seen.add(r.id)
            out.append(r)
    return out
