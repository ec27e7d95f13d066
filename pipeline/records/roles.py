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
from functools import lru_cache

from milliard.lang import data, stop_words
from milliard.normalise.patterns import words as _words
from milliard.records.entities import INVESTOR_TYPES, canonical, gazetteer
from milliard.schema import Amount, Entity

# When one sentence holds triggers of several kinds: an acquisition, IPO or fund word decides
# wherever it is; otherwise the triggers next to the first amount decide ("a obtenu 160 M€,
# dont 50 M€ de dette" is a raise, "un prêt de 50 M€" a loan), the most specific kind first.
KIND_PRIORITY = ("acquisition", "ipo", "grant", "debt", "fund_raise", "funding_round", "investment")
DECIDE_ANYWHERE = ("acquisition", "ipo", "fund_raise")
NEAR_CHARS = 30
KIND_ROUND = {"debt": "debt", "grant": "grant", "ipo": "ipo", "fund_raise": "fund"}
# amount roles other than "raised" that a cue can give
CUE_ROLES = ("target", "remaining", "valuation", "forecast", "revenue", "previous", "raised")
NOT_FUNDING = frozenset({"valuation", "forecast", "revenue", "previous"})
# [roles] lists that do not open a scope for the names after them
NOT_SCOPES = frozenset({"recipient_after", "target_after", "scope_end", "lead_investor_before"})


@dataclass
class Lexicon:
    triggers: dict[str, re.Pattern]
    weak: re.Pattern | None          # triggers that need an amount next to them
    not_triggers: re.Pattern | None  # idioms ("lève le voile") that hold a trigger word
    aggregate: re.Pattern | None     # a market as subject ("les start-up ont levé…")
    any_trigger: re.Pattern | None
    rounds: list[tuple[str, re.Pattern]]
    cues: dict[str, re.Pattern]
    before: dict[str, re.Pattern]  # amount role -> cue before the amount
    after: dict[str, re.Pattern]   # amount role -> cue right after the amount
    not_names: frozenset[str]
    descriptor_suffixes: tuple[str, ...]
    any_round: re.Pattern | None
    scope_end: re.Pattern | None
    place_before: re.Pattern | None  # "à", "en": a model LOC after these is a place, else maybe a name


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    d = data(lang, "funding")
    trig = d.get("triggers", {})
    triggers = {k: _words(v) for k, v in trig.items() if k in KIND_PRIORITY and v}
    every = [p for k, v in trig.items() if k in KIND_PRIORITY for p in v]
    roles = d.get("roles", {})
    ar = d.get("amount_roles", {})
    before = {r: _words(ar.get(f"{r}_before", [])) for r in CUE_ROLES}
    after = {r: _words(ar.get(f"{r}_after", [])) for r in CUE_ROLES}
    return Lexicon(
        triggers=triggers, any_trigger=_words(every),
        weak=_words(trig.get("weak", [])), not_triggers=_words(trig.get("not_triggers", [])),
        aggregate=_words(trig.get("aggregate", [])),
        rounds=[(r, _words(v)) for r, v in d.get("rounds", {}).items()],
        cues={r: _words(v) for r, v in roles.items() if v},
        before={r: p for r, p in before.items() if p}, after={r: p for r, p in after.items() if p},
        not_names=frozenset(d.get("names", {}).get("not_names", [])),
        place_before=_words(d.get("names", {}).get("place_before", [])),
        descriptor_suffixes=tuple(d.get("names", {}).get("descriptor_suffixes", [])),
        any_round=_words([p for v in d.get("rounds", {}).values() for p in v]),
        scope_end=_words(roles.get("scope_end", []), re.I),
    )


@lru_cache(maxsize=None)
def attention(lang: str) -> re.Pattern | None:
    """Any trigger, investor cue or target/remaining cue of the language, as one regex."""
    d = data(lang, "funding")
    words = [p for k, v in d.get("triggers", {}).items() if k in KIND_PRIORITY for p in v]
    roles = d.get("roles", {})
    words += roles.get("lead_investor", []) + roles.get("investor", []) + roles.get("lead_investor_before", [])
    ar = d.get("amount_roles", {})
    words += ar.get("target_before", []) + ar.get("remaining_before", [])
    return _words(words)


def has_trigger(text: str, lang: str) -> bool:
    lex = lexicon(lang)
    return bool(lex.any_trigger and lex.any_trigger.search(text))


# ---------------------------------------------------------------- names
_TOKEN = r"(?:[A-ZÀ-ÖØ-Þ][\w&.+]*(?:-[\w&.+]+)*|[a-z]{1,3}[A-Z][\w&.+-]*|\d+[A-Za-z][\w-]*)"
_NAME = re.compile(rf"(?<![\w-]){_TOKEN}(?:[ ](?:&[ ])?{_TOKEN})*")


@dataclass
class Name:
    start: int
    end: int
    name: str
    label: str
    investor: bool = False  # a gazetteer investor (bank, fund, VC, public investor…)
    guessed: bool = False   # from the capitalised-word fallback, not the model or the gazetteer
    known: bool = False     # in the gazetteer




def party_names(norm: str, entities: list[Entity], lang: str) -> list[Name]:
    """Entities that may be parties. The model often labels an unknown start-up LOC or PER
    ("La néobanque Qonto" -> LOC), so a model LOC is a place only after a place preposition
    ("à Lyon", "en Allemagne"); a gazetteer place always is."""
    lex = lexicon(lang)
    out = []
    for e in entities:
        if len(e.name) < 2:
            continue
        entry = gazetteer().lookup(e.name)
        if entry is not None and entry.type == "place":
            continue
        if e.label == "LOC" and entry is None and lex.place_before is not None:
            if _after_place_word(norm, _name_of_entity(e), lex):
                continue
        out.append(_name_of_entity(e))
    return out


def _name_of_entity(e: Entity) -> Name:
    entry = gazetteer().lookup(e.name)
    return Name(e.start, e.end, e.name, e.label, bool(entry and entry.type in INVESTOR_TYPES), known=entry is not None)


def capitalised_names(norm: str, start: int, end: int, lang: str, taken: list[tuple[int, int]],
                      doc_names: frozenset[str] = frozenset()) -> list[Name]:
    """Capitalised word runs that no stage claimed: the fallback for names the model missed
    (and the only source besides the gazetteer where there is no model, e.g. English)."""
    lex = lexicon(lang)
    stop, not_names = stop_words(lang), lex.not_names

    def not_a_name_start(word: str) -> bool:
        return word.casefold() in stop or word in not_names or len(word) == 1 \
            or word.casefold().endswith(lex.descriptor_suffixes or ("\0",))

    out = []
    for m in _NAME.finditer(norm, start, end):
        s, e = m.start(), m.end()
        words = m.group().split(" ")
        while words and not_a_name_start(words[0]):
            s += len(words.pop(0)) + 1
        # a trailing "AI" belongs to a name of several words ("Scale AI"), not to one alone
        while words and (words[-1].casefold() in stop or words[-1] == "&" or (words[-1] in not_names and len(words) == 1)):
            e -= len(words.pop()) + 1
        if not words or any(ts < e and s < te for ts, te in taken):
            continue
        text = norm[s:e].rstrip(".")
        e = s + len(text)
        if s == start and len(words) == 1 and text not in doc_names and not _followed_by_verbish(norm, e, end, lang):
            continue  # a capitalised first word of a sentence is usually just a word
        out.append(Name(s, e, canonical(text), "ORG", guessed=True))
    return out


def drop_modifiers(norm: str, names: list[Name], lang: str) -> list[Name]:
    """In "Oxford startup Quantiq" or "Battery maker Northvolt" the first capitalised word
    only describes the name after it: a guessed name followed by one to three lower-case
    words (no punctuation, no trigger or cue) and another name is dropped."""
    lex = lexicon(lang)
    out = []
    for a, b in zip(names, names[1:] + [None]):
        if a.guessed and b is not None:
            gap = norm[a.end:b.start]
            if re.fullmatch(r"(?: [a-zà-ÿ][\w-]*){1,3} ", gap) and not (lex.any_trigger and lex.any_trigger.search(gap)) \
                    and not any(w in stop_words(lang) for w in gap.split()) \
                    and not any(p.search(gap) for p in lex.cues.values() if p):
                continue
        out.append(a)
    return out


def _followed_by_verbish(norm: str, pos: int, end: int, lang: str) -> bool:
    rest = norm[pos:min(end, pos + 40)]
    if re.match(r"\s*[,(]", rest):
        return True
    nxt = re.match(r" ([a-zà-ÿ][\w'-]*)", rest)
    if nxt and nxt.group(1).casefold() not in stop_words(lang) and "'" not in nxt.group(1):
        return True  # "Klarna files…": a lower-case word, not a function word, follows
    lex = lexicon(lang)
    m = lex.any_trigger.search(rest) if lex.any_trigger else None
    between = rest[:m.start()].split() if m else []
    # "Acme raised", "Qonto a levé", "Acme has raised": at most one short auxiliary between
    return bool(m and (not between or (len(between) == 1 and len(between[0]) <= 4)))


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

    def names(self, role: str) -> list[Name]:
        return self.roles.get(role, [])


def find_triggers(norm: str, start: int, end: int, lex: Lexicon) -> list[tuple[int, int, str]]:
    idioms = [m.span() for m in lex.not_triggers.finditer(norm, start, end)] if lex.not_triggers else []
    found = []
    for kind, pat in lex.triggers.items():
        for m in pat.finditer(norm, start, end):
            if not any(s <= m.start() < e for s, e in idioms):
                found.append((m.start(), m.end(), kind))
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
    return any(-15 <= t[0] - a.end <= 15 or 0 <= a.start - t[1] <= 30 for t in weak for a in amounts)


def _cue_spans(norm: str, start: int, end: int, lex: Lexicon, kind: str | None,
               triggers: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    spans = []
    for role, pat in lex.cues.items():
        if role in NOT_SCOPES or (role == "investee" and kind != "investment"):
            continue
        if role == "acquirer_after" and kind != "acquisition":
            continue
        for m in pat.finditer(norm, start, end):
            if any(ts < m.end() and m.start() < te for ts, te, _ in triggers):
                continue  # "entre au capital" is a trigger, not the partner cue "entre"
            spans.append((m.start(), m.end(), role))
    spans.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out, last_end = [], -1
    for c in spans:  # keep the longest of overlapping cues
        if c[0] >= last_end:
            out.append(c)
            last_end = c[1]
    return out


_CLAUSE_BREAK = re.compile(r";|, (?:qui|où|which|who|where|while|tandis)\b|\((?!\s*[A-Z])")


def _scope_ends(norm: str, start: int, end: int, lex: Lexicon) -> list[int]:
    """Where a list of names stops: clause breaks and purpose clauses ("pour lancer", "to expand")."""
    ends = [m.start() for m in _CLAUSE_BREAK.finditer(norm, start, end)]
    if lex.scope_end is not None:
        ends += [m.start() for m in lex.scope_end.finditer(norm, start, end)]
    return ends


def analyse(norm: str, start: int, end: int, lang: str, names: list[Name],
            amounts: list[Amount]) -> Clause:
    lex = lexicon(lang)
    clause = Clause(start, end)
    comma = norm.find(",", start, end)
    clause.comma = comma if comma >= 0 else None
    triggers = find_triggers(norm, start, end, lex)
    if triggers and not _strong_enough(norm, triggers, amounts, lex):
        triggers = []
    market = lex.aggregate.search(norm, start, triggers[0][0]) if triggers and lex.aggregate else None
    # a name right before the market word is part of it ("European startups raised…")
    if market and not any(n.start < market.start() and norm[n.end:market.start()].strip() for n in names):
        triggers = []  # a market figure: "les start-up françaises ont levé 7,8 Md€ en 2024"
    if triggers:
        clause.kind = _kind(triggers, amounts)
        of_kind = [t for t in triggers if t[2] == clause.kind]
        first = min(of_kind, key=lambda t: abs(t[0] - amounts[0].start)) if amounts else of_kind[0]
        clause.trigger = (first[0], first[1])
        colon = norm.rfind(":", start, first[0])
        clause.colon = colon if colon >= 0 else None
    # a capitalised round word right after a name belongs to it: "EQT Growth", "Kima Seed"
    known = [(n.start, _CAP_WORD_AFTER.match(norm, n.end).end()) for n in names if n.known]
    rounds = []
    if lex.any_round and lex.any_round.search(norm, start, end):
        rounds = [m.span() for _, pat in lex.rounds if pat for m in pat.finditer(norm, start, end)
                  if not any(s < m.end() and m.start() < e for s, e in known)]  # "EQT Growth" is a name
    clause.round = (find_round(norm, start, end, lex, known) if rounds else None) or KIND_ROUND.get(clause.kind)
    names = [n for n in names if n.known or not any(s < n.end and n.start < e for s, e in rounds)]
    if clause.kind != "investment":  # "invests in X" names a company, "expands in X" a place
        names = [n for n in names if not (n.guessed and _after_place_word(norm, n, lex))]
    _assign_names(norm, clause, lex, names, triggers)
    clause.amounts = [(a, amount_role(norm, a, amounts[i - 1].end if i else start,
                                      amounts[i + 1].start if i + 1 < len(amounts) else end, lex, bool(triggers)))
                      for i, a in enumerate(amounts)]
    return clause


def _after_place_word(norm: str, name: Name, lex: Lexicon) -> bool:
    if lex.place_before is None:
        return False
    before = norm[max(0, name.start - 14):name.start].rstrip()
    return any(m.end() == len(before) for m in lex.place_before.finditer(before))


_CAP_WORD_AFTER = re.compile(r"(?: [A-Z]\w*)?")


def _kind(triggers: list[tuple[int, int, str]], amounts: list[Amount]) -> str:
    kinds = {k for _, _, k in triggers}
    anywhere = [k for k in DECIDE_ANYWHERE if k in kinds]
    if anywhere or not amounts:
        return anywhere[0] if anywhere else next(k for k in KIND_PRIORITY if k in kinds)
    a = amounts[0]

    def distance(t: tuple[int, int, str]) -> int:
        return max(0, a.start - t[1], t[0] - a.end)

    nearest = min(distance(t) for t in triggers)
    near = {t[2] for t in triggers if distance(t) <= nearest + NEAR_CHARS}
    return next(k for k in KIND_PRIORITY if k in near)


def find_round(norm: str, start: int, end: int, lex: Lexicon, skip: list[tuple[int, int]] = ()) -> str | None:
    best = None
    for name, pat in lex.rounds:
        m = next((m for m in pat.finditer(norm, start, end)
                  if not any(s < m.end() and m.start() < e for s, e in skip)), None) if pat else None
        if m and (best is None or m.start() < best[0] or (m.start() == best[0] and m.end() > best[1])):
            best = (m.start(), m.end(), name)
    if best and best[2] == "seed":  # "pré-amorçage" also holds "amorçage"
        for name, pat in lex.rounds:
            if name == "pre_seed" and pat and pat.search(norm, start, end):
                return "pre_seed"
    return best[2] if best else None


def _assign_names(norm: str, clause: Clause, lex: Lexicon, names: list[Name],
                  triggers: list[tuple[int, int, str]]) -> None:
    cues = _cue_spans(norm, clause.start, clause.end, lex, clause.kind, triggers)
    breaks = _scope_ends(norm, clause.start, clause.end, lex)
    events = [(s, 0, role) for s, e, role in cues] + [(b, 0, "break") for b in breaks] \
        + ([(clause.trigger[0], 0, "trigger")] if clause.trigger else []) + [(n.start, 1, n) for n in names]
    commas = [m.start() for m in re.finditer(",", norm[clause.start:clause.end])]
    events += [(clause.start + c, 0, "comma") for c in commas]
    events.sort(key=lambda ev: (ev[0], ev[1]))
    scope, seen_trigger = "subject", False
    for _pos, order, item in events:
        if item == "comma":
            if scope == "ignore":  # "Installée à Bordeaux, la jeune pousse X": the place clause ends
                scope = "object" if seen_trigger else "subject"
            continue
        if order == 0:
            if item == "trigger":
                seen_trigger, scope = True, "object"
            elif item == "break":
                scope = "other"
            elif item == "investee":
                scope = "object"
            else:
                scope = item
            continue
        if any(item.start < e and s < item.end for s, e, _ in cues):
            continue
        if scope == "subject":
            clause.subject.append(item)
        elif scope == "object":
            clause.objects.append(item)
            scope = "object_done" if not _joined_list(norm, item, names) else scope
        else:
            clause.roles.setdefault(scope, []).append(item)
    _leads_before(norm, clause, lex)


def _leads_before(norm: str, clause: Clause, lex: Lexicon) -> None:
    """"Tiger Global mène l'opération": the subject before such a cue leads the round."""
    pat = lex.cues.get("lead_investor_before")
    m = pat.search(norm, clause.start, clause.end) if pat else None
    if m is None:
        return
    leads = [n for n in clause.subject if n.end <= m.start()]
    clause.subject = [n for n in clause.subject if n.end > m.start()]
    clause.roles.setdefault("lead_investor", [])[:0] = leads


def _joined_list(norm: str, name: Name, names: list[Name]) -> bool:
    """Is `name` followed by ", X" or "et X" / "and X" (a list of names)?"""
    rest = norm[name.end:name.end + 8]
    return bool(re.match(r"\s*(?:,|et\b|and\b|&)", rest)) and any(0 < n.start - name.end <= 6 for n in names)


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
