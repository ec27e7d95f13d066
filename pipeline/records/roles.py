"""Who does what in one funding sentence, and what each amount of it stands for.

Every word comes from `pipeline/lang/<lang>/funding.toml` (see its header). A sentence is read
left to right: a name takes the role of the last cue before it ("mené par" -> lead investor,
"auprès de" -> investor, "entre" -> partner, "fondée par" -> no role); a name before the
trigger is the subject, a name right after it the object. The event kind decides what subject
and object mean (raise: subject receives; "investit dans": subject invests; "rachète":
subject buys).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from milliard.records.entities import gazetteer
from milliard.records.kinds import kind_of, without_investor_funds
from milliard.records.lexicon import KIND_ROUND, NOT_SCOPES, Lexicon, lexicon
from milliard.records.names import Name, after_place_word, receives_money
from milliard.schema import Amount

FRONTED_SUBJECT_CHARS = 50
FUND_MANAGERS = frozenset({"vc", "fund"})  # gazetteer types whose own raise is a fund raise  # how far after a fronted participle's comma its subject is named


# ---------------------------------------------------------------- sentence analysis
@dataclass
class Clause:
    """What one sentence says about one event."""
    start: int
    end: int
    kind: str | None = None
    trigger: tuple[int, int] | None = None
    round: str | None = None
    subject: list[Name] = field(default_factory=list)
    objects: list[Name] = field(default_factory=list)
    roles: dict[str, list[Name]] = field(default_factory=dict)  # cue role -> names
    amounts: list[tuple[Amount, str]] = field(default_factory=list)  # (amount, role)
    comma: int | None = None  # the first comma of the sentence
    colon: int | None = None  # the last colon before the trigger
    receiver: Name | None = None  # the object right after "<money> à": "prête 14 M€ à X"
    gives: bool = False  # the trigger is a lending verb: the subject lends
    sells: bool = False  # the trigger is a selling phrase: the subject sells, "à Y" / "to Y" buys

    def names(self, role: str) -> list[Name]:
        return self.roles.get(role, [])


def find_triggers(norm: str, start: int, end: int, lex: Lexicon) -> list[tuple[int, int, str]]:
    # one scan with the union first: most sentences read closely hold no trigger, and the
    # idioms are only looked for where a trigger is
    if lex.any_trigger is None or not lex.any_trigger.search(norm, start, end):
        return []
    found = [(m.start(), m.end(), kind) for kind, pat in lex.triggers.items() for m in pat.finditer(norm, start, end)]
    if found and lex.not_triggers is not None:
        idioms = [m.span() for m in lex.not_triggers.finditer(norm, start, end)]
        found = [t for t in found if not any(s <= t[0] < e for s, e in idioms)]
    return sorted(found)


def _strong_enough(norm: str, triggers: list[tuple[int, int, str]], amounts: list[Amount], lex: Lexicon) -> bool:
    """A sentence whose only triggers are weak ("financement", "obtient", "secures") is a
    funding sentence only when an amount stands right next to one of them."""
    if lex.weak is None:
        return True
    weak = [t for t in triggers if lex.weak.fullmatch(norm, t[0], t[1])]
    if len(weak) < len(triggers):
        return True
    start, end = triggers[0][0], triggers[-1][1]
    if any(pat and pat.search(norm, start, end + 200) for role, pat in lex.cues.items()
           if role in ("lead_investor", "investor")):
        return True  # "a obtenu ces fonds auprès d'Elaia"
    return any(_next_to_amount(t, amounts) for t in weak)


def _next_to_amount(t: tuple[int, int, str], amounts: list[Amount]) -> bool:
    return any(-15 <= t[0] - a.end <= 15 or 0 <= a.start - t[1] <= 30 for a in amounts)


def _without_far_weak(norm: str, triggers: list[tuple[int, int, str]], amounts: list[Amount],
                      lex: Lexicon) -> list[tuple[int, int, str]]:
    """Beside a strong trigger, a weak one far from any amount says nothing of the event:
    "un prêt de 15 M€ à X pour lui permettre de reprendre sa production" is no takeover."""
    if lex.weak is None:
        return triggers
    kept = [t for t in triggers if not lex.weak.fullmatch(norm, t[0], t[1]) or _next_to_amount(t, amounts)]
    return kept or triggers


def _cue_spans(norm: str, start: int, end: int, lex: Lexicon, kind: str | None,
               triggers: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    spans = _buyer_spans(norm, end, lex, triggers) if kind == "acquisition" else []
    for role, pat in lex.cues.items():
        if not _cue_applies(role, kind):
            continue
        for m in pat.finditer(norm, start, end):
            if role != "stake" and any(ts < m.end() and m.start() < te for ts, te, _ in triggers):
                continue  # "entre au capital" is a trigger, not the partner cue "entre"
            spans.append((m.start(), m.end(), _agent_role(role, m.start(), kind, triggers)))
    spans.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out, last_end = [], -1
    for c in spans:  # keep the longest of overlapping cues
        if c[0] >= last_end:
            out.append(c)
            last_end = c[1]
    return out


# cues that open a scope only in events of these kinds
_CUE_KINDS = {"investee": ("investment",), "stake": ("acquisition", "investment"), "acquirer_after": ("acquisition",)}


def _cue_applies(role: str, kind: str | None) -> bool:
    return role not in NOT_SCOPES and (role not in _CUE_KINDS or kind in _CUE_KINDS[role])


def _buyer_spans(norm: str, end: int, lex: Lexicon, triggers: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """"CGG vend son activité de stockage à Oasis": after a selling phrase, the name after "à"
    (`buyer_after`) buys (the scope of the buyers of "racheté par X")."""
    pat = lex.cues.get("buyer_after")
    sale = next((t for t in triggers if lex.sells and lex.sells.fullmatch(norm, t[0], t[1])), None)
    if pat is None or sale is None:
        return []
    m = pat.search(norm, sale[1], end)
    return [(m.start(), m.end(), "acquirer_after")] if m else []


def _agent_role(role: str, pos: int, kind: str | None, triggers: list[tuple[int, int, str]]) -> str:
    """"par X" before any trigger of the event names no buyer: "Convoitée par le Louvre,
    l'œuvre, acquise par…" (X only wanted it)."""
    if role == "acquirer_after" and all(pos < t[0] for t in triggers if t[2] == kind):
        return "ignore"
    return role


def _scope_ends(norm: str, start: int, end: int, lex: Lexicon) -> list[int]:
    """Where a list of names stops: clause breaks and purpose clauses ("pour lancer", "to expand")."""
    ends = [m.start() for m in lex.clause_break.finditer(norm, start, end)]
    if lex.scope_end is not None:
        ends += [m.start() for m in lex.scope_end.finditer(norm, start, end)]
    return ends


def analyse(norm: str, start: int, end: int, lang: str, names: list[Name],
            amounts: list[Amount]) -> Clause:
    lex = lexicon(lang)
    clause = Clause(start, end)
    comma = norm.find(",", start, end)
    clause.comma = comma if comma >= 0 else None
    triggers = _event_triggers(norm, start, end, lex, names, amounts)
    if triggers:
        _set_kind(norm, clause, lex, triggers, amounts)
    names = _round_and_names(norm, clause, lex, names)
    _assign_names(norm, clause, lex, names, triggers)
    _target_before_noun(norm, clause, lex)
    _fund_manager_raises(norm, clause, lex, triggers)
    clause.receiver = next((n for n in clause.objects if receives_money(norm, n.start, lex)), None)
    clause.amounts = [(a, amount_role(norm, a, amounts[i - 1].end if i else start,
                                      amounts[i + 1].start if i + 1 < len(amounts) else end, lex, bool(triggers)))
                      for i, a in enumerate(amounts)]
    return clause


def _set_kind(norm: str, clause: Clause, lex: Lexicon, triggers: list[tuple[int, int, str]],
              amounts: list[Amount]) -> None:
    """The clause's kind, its trigger (of that kind, nearest the first amount), and what the
    trigger says of the subject (it lends, it sells)."""
    clause.kind = kind_of(triggers, amounts)
    of_kind = [t for t in triggers if t[2] == clause.kind]
    first = min(of_kind, key=lambda t: abs(t[0] - amounts[0].start)) if amounts else of_kind[0]
    clause.trigger = (first[0], first[1])
    clause.gives = bool(lex.gives and lex.gives.fullmatch(norm, first[0], first[1]))
    clause.sells = clause.kind == "acquisition" and lex.sells is not None \
        and any(lex.sells.fullmatch(norm, t[0], t[1]) for t in of_kind)
    colon = norm.rfind(":", clause.start, first[0])
    clause.colon = colon if colon >= 0 else None


def _event_triggers(norm: str, start: int, end: int, lex: Lexicon, names: list[Name],
                    amounts: list[Amount]) -> list[tuple[int, int, str]]:
    """The triggers of a sentence that may announce an event: none when they are weak and
    alone, when the subject is a whole market, or when the sentence speaks of public money,
    fines or budgets (`[not_funding]`)."""
    triggers = find_triggers(norm, start, end, lex)
    if not _pass_text_checks(norm, start, end, lex, triggers, amounts):
        return []
    triggers = _without_far_weak(norm, triggers, amounts, lex)
    triggers = without_investor_funds(norm, triggers, lex)
    market = lex.aggregate.search(norm, start, triggers[0][0]) if lex.aggregate else None
    # a name right before the market word is part of it ("European startups raised…")
    if market and not any(n.start < market.start() and norm[n.end:market.start()].strip() for n in names):
        return []  # a market figure: "les start-up françaises ont levé 7,8 Md€ en 2024"
    return triggers


def may_start_event(norm: str, start: int, end: int, lex: Lexicon, amounts: list[Amount]) -> bool:
    """Whether the sentence [start, end) passes every check of `_event_triggers` that needs no
    name: only such a sentence can start an event, whatever names the model finds in it (the
    cascade asks this before the model reads anything)."""
    return _pass_text_checks(norm, start, end, lex, find_triggers(norm, start, end, lex), amounts)


def _pass_text_checks(norm: str, start: int, end: int, lex: Lexicon, triggers: list[tuple[int, int, str]],
                      amounts: list[Amount]) -> bool:
    if not triggers or not _strong_enough(norm, triggers, amounts, lex):
        return False
    # "le gouvernement annonce une aide de 430 M€", "une amende de 2 M€"
    return lex.not_funding is None or not lex.not_funding.search(norm, start, end)


def _round_and_names(norm: str, clause: Clause, lex: Lexicon, names: list[Name]) -> list[Name]:
    """Set the clause's round; return the names that are not round words or places."""
    # a capitalised round word right after a name belongs to it: "EQT Growth", "Kima Seed"
    known = [(n.start, _CAP_WORD_AFTER.match(norm, n.end).end()) for n in names if n.known]
    rounds = _round_spans(norm, clause.start, clause.end, lex, known)
    clause.round = (find_round(norm, clause.start, clause.end, lex, known) if rounds else None) \
        or KIND_ROUND.get(clause.kind)
    if clause.kind == "acquisition":
        clause.round = None  # a purchase has no round ("auprès du fonds Breizh Amorçage")
    names = [n for n in names if n.known or not _overlap_any(rounds, n.start, n.end)]
    if clause.kind != "investment":  # "invests in X" names a company, "expands in X" a place
        names = [n for n in names if not (n.guessed and after_place_word(norm, n, lex)
                                          and not receives_money(norm, n.start, lex) and not _after_stake(norm, n, lex))]
    return names


def _after_stake(norm: str, name: Name, lex: Lexicon) -> bool:
    """"a majority stake in X": X is a company, not a place."""
    pat = lex.cues.get("stake")
    return pat is not None and any(not norm[m.end():name.start].strip()
                                   for m in pat.finditer(norm, max(0, name.start - 40), name.start))


def _round_spans(norm: str, start: int, end: int, lex: Lexicon, skip: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of round words in [start, end), not inside a known name ("EQT Growth")."""
    if not (lex.any_round and lex.any_round.search(norm, start, end)):
        return []
    return [m.span() for _, pat in lex.rounds if pat for m in pat.finditer(norm, start, end)
            if not _overlap_any(skip, m.start(), m.end())]


def _overlap_any(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


_CAP_WORD_AFTER = re.compile(r"(?: [A-Z]\w*)?")


def find_round(norm: str, start: int, end: int, lex: Lexicon, skip: list[tuple[int, int]] = ()) -> str | None:
    """The round named first (the longest word at the same place) in [start, end)."""
    best = None
    for name, pat in lex.rounds:
        m = next((m for m in pat.finditer(norm, start, end) if not _overlap_any(skip, m.start(), m.end())),
                 None) if pat else None
        if m and (best is None or (m.start(), -m.end()) < (best[0], -best[1])):
            best = (m.start(), m.end(), name)
    if best and best[2] == "seed" and _names_pre_seed(norm, start, end, lex):
        return "pre_seed"  # "pré-amorçage" also holds "amorçage"
    return best[2] if best else None


def _names_pre_seed(norm: str, start: int, end: int, lex: Lexicon) -> bool:
    return any(name == "pre_seed" and pat and pat.search(norm, start, end) for name, pat in lex.rounds)


def _assign_names(norm: str, clause: Clause, lex: Lexicon, names: list[Name],
                  triggers: list[tuple[int, int, str]]) -> None:
    """Read the sentence left to right: each name takes the scope opened by the last cue,
    trigger, clause break or comma before it."""
    cues = _cue_spans(norm, clause.start, clause.end, lex, clause.kind, triggers)
    reader = _ScopeReader(norm, clause, lex, names)
    for pos, order, item in _name_events(norm, clause, lex, cues, names):
        if order == 0:
            reader.mark(item, pos)
        elif not any(item.start < e and s < item.end for s, e, _ in cues):
            reader.name(item)
    _leads_before(norm, clause, lex)


def _name_events(norm: str, clause: Clause, lex: Lexicon, cues: list[tuple[int, int, str]],
                 names: list[Name]) -> list[tuple[int, int, object]]:
    """(position, 0 for a mark / 1 for a name, mark or Name), in text order."""
    # a parenthesis inside a cue is part of it: "sa participation (51%) dans X"
    breaks = [b for b in _scope_ends(norm, clause.start, clause.end, lex) if not any(s <= b < e for s, e, _ in cues)]
    events = [(s, 0, role) for s, e, role in cues] + [(b, 0, "break") for b in breaks]
    events += [(clause.trigger[0], 0, "trigger")] if clause.trigger else []
    events += [(n.start, 1, n) for n in names]
    events += [(m.start(), 0, "comma") for m in re.compile(",").finditer(norm, clause.start, clause.end)]
    return sorted(events, key=lambda ev: (ev[0], ev[1]))


class _ScopeReader:
    """The scope a name falls in: subject (before the trigger), object (the name or list right
    after it), a cue role, or "other" after a clause break."""

    def __init__(self, norm: str, clause: Clause, lex: Lexicon, names: list[Name]):
        self.norm, self.clause, self.lex, self.names = norm, clause, lex, names
        self.scope, self.seen_trigger = "subject", False
        # "Rachetée par X pour N, la plateforme Y…": a participle trigger opens the sentence
        self.fronted = clause.trigger is not None and not norm[clause.start:clause.trigger[0]].strip(' "')
        self.fronted_comma = -1

    def mark(self, item: str, pos: int) -> None:
        if item == "comma":
            self._comma(pos)
        elif item == "trigger":
            self.seen_trigger, self.scope = True, "object"
        else:
            # "acquired a majority stake in X": X is what is bought, as right after the trigger
            self.scope = {"break": "other", "investee": "object", "stake": "object"}.get(item, item)

    def _comma(self, pos: int) -> None:
        if self.fronted and self.seen_trigger:
            # the first name soon after it is the subject ("la plateforme de réservation Y")
            self.fronted, self.scope, self.fronted_comma = False, "fronted_subject", pos
        elif self.scope in ("ignore", "founded") or (self.scope == "source" and not self.seen_trigger):
            # "Installée à Bordeaux, la jeune pousse X": the place clause ends
            self.scope = "object" if self.seen_trigger else "subject"

    def name(self, item: Name) -> None:
        if self.scope == "fronted_subject":
            if item.start - self.fronted_comma <= FRONTED_SUBJECT_CHARS:
                self.clause.subject.append(item)
            self.scope = "other"
        elif self.scope == "subject":
            self.clause.subject.append(item)
        elif self.scope == "object":
            self.clause.objects.append(item)
            if not _joined_list(self.norm, item, self.names, self.lex):
                self.scope = "object_done"
        else:
            self.clause.roles.setdefault(self.scope, []).append(item)


def _leads_before(norm: str, clause: Clause, lex: Lexicon) -> None:
    """"Tiger Global mène l'opération": the subject before such a cue leads the round."""
    pat = lex.cues.get("lead_investor_before")
    m = pat.search(norm, clause.start, clause.end) if pat else None
    if m is None:
        return
    leads = [n for n in clause.subject if n.end <= m.start()]
    clause.subject = [n for n in clause.subject if n.end > m.start()]
    clause.roles.setdefault("lead_investor", [])[:0] = leads


def _target_before_noun(norm: str, clause: Clause, lex: Lexicon) -> None:
    """"AT&T agrees DirecTV takeover", "Microsoft's Activision takeover": the name right before
    a takeover noun (`target_before`) is what is bought, not who buys."""
    pat = lex.cues.get("target_before")
    if clause.kind != "acquisition" or clause.trigger is None or pat is None \
            or not pat.match(norm, clause.trigger[0]):
        return
    right_before = [n for n in clause.subject if norm[n.end:clause.trigger[0]] in (" ", "'s ")]
    if right_before:
        clause.subject.remove(right_before[-1])
        clause.objects.insert(0, right_before[-1])


def _fund_manager_raises(norm: str, clause: Clause, lex: Lexicon, triggers: list[tuple[int, int, str]]) -> None:
    """A raise whose subject manages funds is a fund raise: "Le fonds de capital-risque X lève
    390 M€ auprès d'investisseurs institutionnels", "venture capital firm X has raised $108m"
    (a descriptor of `fund_manager` right before the name, or a VC or fund the gazetteer knows).
    Not where the fund invests ("Le fonds X entre au capital de…, qui prolonge son amorçage")."""
    if clause.kind != "funding_round" or not clause.subject or clause.objects \
            or any(k == "investment" for _, _, k in triggers):
        return
    pat, first = lex.cues.get("fund_manager"), clause.subject[0]
    described = pat is not None and any(not norm[m.end():first.start].strip()
                                        for m in pat.finditer(norm, max(clause.start, first.start - 60), first.start))
    entry = gazetteer().lookup(first.name) if first.known else None
    if described or (entry is not None and entry.type in FUND_MANAGERS):
        clause.kind = "fund_raise"
        clause.round = clause.round if clause.round not in (None, KIND_ROUND.get("funding_round")) else "fund"


def _joined_list(norm: str, name: Name, names: list[Name], lex: Lexicon) -> bool:
    """Is `name` followed by ", X" or "et X" / "and X" (a list of names)?"""
    return bool(lex.list_joiner.match(norm[name.end:name.end + 8])) and any(0 < n.start - name.end <= 6 for n in names)


def amount_role(norm: str, amount: Amount, prev_end: int, next_start: int, lex: Lexicon,
                event_sentence: bool) -> str:
    """raised / target / remaining / valuation / forecast / revenue / previous / other, from
    the nearest cue before the amount (back to the previous amount or the sentence start,
    `prev_end`) or right after it (up to the next amount, `next_start`)."""
    window_start = max(prev_end, amount.start - 90)
    best = None  # (distance, role)
    for role, pat in lex.before.items():
        for m in pat.finditer(norm, window_start, amount.start):
            d = amount.start - m.end()
            if best is None or d < best[0]:
                best = (d, role)
    if lex.any_trigger:
        for m in lex.any_trigger.finditer(norm, window_start, amount.start):
            d = amount.start - m.end()
            if best is None or d < best[0]:
                best = (d, "raised")
    after_end = max(amount.end, min(next_start, amount.end + 40))
    for role, pat in lex.after.items():
        m = pat.match(norm, amount.end + _spaces(norm, amount.end), after_end)
        if m and (best is None or 0 < best[0]):
            best = (0, role)
    if best:
        return best[1]
    return "raised" if event_sentence else "other"


def _spaces(norm: str, pos: int) -> int:
    n = 0
    while pos + n < len(norm) and norm[pos + n] in " ,":
        n += 1
    return n
