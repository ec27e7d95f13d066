"""The funding vocabulary of a language, compiled once: triggers by event kind, rounds, role
cues, amount-role cues, name rules (`pipeline/lang/<lang>/funding.toml`, see its header)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from milliard.lang import data
from milliard.normalise.patterns import words as _words

# When one sentence holds triggers of several kinds: an acquisition, IPO or fund word decides
# wherever it is; otherwise the triggers next to the first amount decide ("a obtenu 160 M€,
# dont 50 M€ de dette" is a raise, "un prêt de 50 M€" a loan), the most specific kind first.
KIND_PRIORITY = ("acquisition", "ipo", "grant", "debt", "fund_raise", "funding_round", "investment")
DECIDE_ANYWHERE = ("acquisition", "ipo", "fund_raise")
NEAR_CHARS = 30
KIND_ROUND = {"debt": "debt", "grant": "grant", "ipo": "ipo", "fund_raise": "fund"}
# amount roles other than "raised" that a cue can give
CUE_ROLES = ("target", "remaining", "valuation", "forecast", "revenue", "previous", "price", "raised")
NOT_FUNDING = frozenset({"valuation", "forecast", "revenue", "previous", "price"})
# [roles] lists that do not open a scope for the names after them
NOT_SCOPES = frozenset({"recipient_after", "target_after", "target_before", "scope_end", "lead_investor_before", "buyer_after", "source_after",
                        "fund_manager"})


@dataclass
class Lexicon:
    triggers: dict[str, re.Pattern]
    weak: re.Pattern | None          # triggers that need an amount next to them
    gives: re.Pattern | None         # lending verbs: the subject gives, it does not receive
    sells: re.Pattern | None         # selling verbs: the subject sells, the name after "à"/"to" buys
    not_triggers: re.Pattern | None  # idioms ("lève le voile") that hold a trigger word
    aggregate: re.Pattern | None     # a market as subject ("les start-up ont levé…")
    any_trigger: re.Pattern | None
    rounds: list[tuple[str, re.Pattern]]
    cues: dict[str, re.Pattern]
    before: dict[str, re.Pattern]  # amount role -> cue before the amount
    after: dict[str, re.Pattern]   # amount role -> cue right after the amount
    not_names: frozenset[str]
    name_openers: frozenset[str]     # "British", "Biotech": open a name before capitalised words, describe alone
    of_heads: frozenset[str]         # "Department": "Department of Energy" is one name
    headline_verbs: re.Pattern | None  # "Completes", "Announces": a title-case run stops before them         # "British": opens a name before capitalised words, describes alone
    descriptor_suffixes: tuple[str, ...]
    any_round: re.Pattern | None
    scope_end: re.Pattern | None
    place_before: re.Pattern | None  # "à", "en": a model LOC after these is a place, else maybe a name
    not_funding: re.Pattern | None   # public money, fines, budgets: a sentence holding one starts no event
    participle: re.Pattern | None    # a capitalised word of this form opening a sentence is no name
    capitalised_fallback: bool       # do capitals mark names (not so in German)?
    money_to: re.Pattern | None      # "<money> à" right before a name: that name receives it
    clause_break: re.Pattern         # where a list of names stops (";", ", qui", ", which")
    list_joiner: re.Pattern          # what joins names of a list (",", "et", "and", "&")


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    d = data(lang, "funding")
    return Lexicon(**_trigger_fields(d.get("triggers", {})), **_role_fields(d), **_name_fields(d.get("names", {})),
                   not_funding=_words(d.get("not_funding", {}).get("contexts", [])))


def _trigger_fields(trig: dict) -> dict:
    every = [p for k, v in trig.items() if k in KIND_PRIORITY for p in v]
    return dict(triggers={k: _words(v) for k, v in trig.items() if k in KIND_PRIORITY and v},
                any_trigger=_words(every), weak=_words(trig.get("weak", [])), gives=_words(trig.get("gives", [])),
                sells=_words(trig.get("sells", [])),
                not_triggers=_words(trig.get("not_triggers", [])), aggregate=_words(trig.get("aggregate", [])))


def _role_fields(d: dict) -> dict:
    roles, ar, rounds = d.get("roles", {}), d.get("amount_roles", {}), d.get("rounds", {})
    before = {r: _words(ar.get(f"{r}_before", [])) for r in CUE_ROLES}
    after = {r: _words(ar.get(f"{r}_after", [])) for r in CUE_ROLES}
    openers = roles.get("clause_openers", [])
    # a list of names stops at ";", at ", qui" / ", which" and at a parenthesis that is no name
    clause_break = r";|\((?!\s*[A-Z])" + (r"|, (?:" + "|".join(openers) + r")\b" if openers else "")
    return dict(rounds=[(r, _words(v)) for r, v in rounds.items()],
                any_round=_words([p for v in rounds.values() for p in v]),
                cues={r: _words(v) for r, v in roles.items() if v and r not in ("clause_openers", "list_joiners")},
                before={r: p for r, p in before.items() if p}, after={r: p for r, p in after.items() if p},
                scope_end=_words(roles.get("scope_end", []), re.I), clause_break=re.compile(clause_break),
                list_joiner=re.compile(r"\s*(?:,|&|(?:" + "|".join(roles.get("list_joiners") or ["&"]) + r")\b)"))


def _name_fields(names: dict) -> dict:
    return dict(not_names=frozenset(names.get("not_names", [])), name_openers=frozenset(names.get("name_openers", [])),
                headline_verbs=_words(names.get("headline_verbs", []), 0),
                of_heads=frozenset(names.get("of_heads", [])), place_before=_words(names.get("place_before", [])),
                descriptor_suffixes=tuple(names.get("descriptor_suffixes", [])),
                participle=_participle(names.get("participle_endings", [])),
                capitalised_fallback=names.get("capitalised_fallback", True),
                money_to=_money_to(names.get("money_words", []), names.get("receiver_before", [])))


def _money_to(money: list[str], to: list[str]) -> re.Pattern | None:
    if not (money and to):
        return None
    return re.compile(r"(?:" + "|".join(money) + r")\s+(?:" + "|".join(to) + r")\s*[\"«]?\s*$", re.I)  # "à « Libération »"


def _participle(endings: list[str]) -> re.Pattern | None:
    return re.compile(r"\w+(?:" + "|".join(re.escape(x) for x in endings) + ")") if endings else None


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
