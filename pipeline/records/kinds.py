"""Which kind of event a sentence's triggers make: the kind that decides wherever it stands
(acquisition, IPO, fund) or the one next to the first amount; and the fund words that only
name an investor ("mené par X, le fonds d'investissement de…"), which decide nothing."""
from __future__ import annotations

from milliard.records.lexicon import DECIDE_ANYWHERE, KIND_PRIORITY, NEAR_CHARS, Lexicon
from milliard.schema import Amount

Trigger = tuple[int, int, str]


def kind_of(triggers: list[Trigger], amounts: list[Amount]) -> str:
    """An acquisition, IPO or fund word decides wherever it stands; otherwise the triggers next
    to the first amount do, the most specific kind first."""
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


def without_investor_funds(norm: str, triggers: list[Trigger],
                            lex: Lexicon) -> list[Trigger]:
    """A fund word after an investor cue names who invests, not a fund being raised: "un tour
    de 5 M€ mené par Racine, le fonds d'investissement de la MGEN", "Raises $600m in Round Led
    by SoftBank's Vision Fund 2"; so does one before a cue that makes its name the leader
    ("Vision Fund 2 co-led a series D round"). Only when a trigger of another kind remains (so
    the sentence keeps a trigger and `may_start_event` still holds)."""
    funds = [t for t in triggers if t[2] == "fund_raise"]
    others = [t for t in triggers if t[2] != "fund_raise"]
    if not funds or not others:
        return triggers
    if _fund_leads(norm, funds, lex) or _fund_after_investor_cue(norm, triggers, funds, others, lex):
        return others
    return triggers


def _fund_leads(norm: str, funds: list[Trigger], lex: Lexicon) -> bool:
    """"SoftBank's Vision Fund 2 co-led a $600m series D round for X": the fund leads."""
    leads = lex.cues.get("lead_investor_before")
    lead = leads.search(norm, funds[0][0]) if leads else None
    return lead is not None and all(t[1] <= lead.start() for t in funds)


def _fund_after_investor_cue(norm: str, triggers: list[Trigger], funds: list[Trigger],
                             others: list[Trigger], lex: Lexicon) -> bool:
    """Every fund word comes after the first investor cue that follows a trigger of another kind."""
    cues = [m.start() for role in ("lead_investor", "investor") if lex.cues.get(role)
            for m in lex.cues[role].finditer(norm, triggers[0][0], triggers[-1][1])]
    cue = min((c for c in cues if any(t[1] <= c for t in others)), default=None)
    return cue is not None and not any(t[1] <= cue for t in funds)
