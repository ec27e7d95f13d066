"""The models of the language files: what each `<lang>/<dimension>.toml` must and may hold.

Checked when a file is loaded (milliard.lang.data): a missing key, a misspelt one (no model
accepts a key it does not know) or a value of the wrong kind is a `LanguageDataError` that
names the file and the key. The meaning of each key is documented at the top of the French
file of each dimension; the models say only what is required and of which kind.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

Words = list[str]
Grain = Literal["day", "week", "month", "quarter", "half", "year", "hour", "minute", "second"]


class LanguageDataError(ValueError):
    """A language file that does not fit its model."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


# ---------------------------------------------------------------- amounts.toml

class AmountNumbers(_Section):
    decimal: Literal[",", "."] = ","
    words: Words = []
    joiners: Words = []
    articles: Words = []
    half_after: Words = []
    fraction_tails: Words = []  # what joins a fraction to its scale: "half a billion", "a quarter of a million"
    fractions: dict[str, float] = {}
    multiples: dict[str, float] = {}


class AmountScales(_Section):
    words: dict[str, float] = {}
    abbreviations: dict[str, float] = {}
    bare: Words = []
    bare_after_cue: Words = []
    anglicisms: dict[str, float] = {}


class Plausibility(_Section):
    max_value: float = 1e14


class Currencies(_Section):
    symbols: dict[str, str] = {}
    codes: Words = []
    lower_codes: Words = []
    code_aliases: dict[str, str] = {}
    no_decimals: Words = []
    names: dict[str, str] = {}
    prefixes: Words = []
    subunits: dict[str, tuple[str, float]] = {}
    connectors: Words = []


class AmountRanges(_Section):
    pairs: list[tuple[str, str]] = []


class Bounds(_Section):
    low: Words = []
    high: Words = []


class Approx(_Section):
    before: Words = []
    after: Words = []


class AmountContext(_Section):
    bare_followers: Words = []
    window: int = 1500
    money_cues: Words = []
    default_currency: str | None = None


class Cents(_Section):
    joiners: Words = []


class Amounts(_Section):
    numbers: AmountNumbers = AmountNumbers()
    scales: AmountScales = AmountScales()
    plausibility: Plausibility = Plausibility()
    currencies: Currencies = Currencies()
    ranges: AmountRanges = AmountRanges()
    bounds: Bounds = Bounds()
    approx: Approx = Approx()
    context: AmountContext = AmountContext()
    cents: Cents = Cents()


# ---------------------------------------------------------------- dates.toml

class DateMeta(_Section):
    date_order: Literal["DMY", "MDY", "YMD"]
    decimal_dot: bool | None = None


class MonthContext(_Section):
    month_needs_context: Words
    month_context: Words


class DateNumbers(_Section):
    words: Words
    few: Words
    few_value: int
    one: Words = []


def _one_list(table: dict, key: str) -> dict:
    """A table of numbers that also holds one list (`key`): every other value a number."""
    for k, v in table.items():
        if k != key and isinstance(v, list):
            raise ValueError(f"{k!r} must be a number (only {key!r} is a list)")
    if key not in table:
        raise ValueError(f"{key!r} is required")
    return table


class Modifiers(_Section):
    next: Words
    last: Words
    this: Words
    articles: Words
    week_word: str
    weekend: Words


class Periods(_Section):
    quarter: Words
    half: Words
    quarter_letters: Words
    half_letters: Words
    year_nouns: Words
    # words before a quarter letter written without a year that make it a quarter ("au T1")
    letter_context: Words = []


Span = tuple[int, int]


class Parts(_Section):
    early: Words
    mid: Words
    late: Words
    year_early: Span
    year_mid: Span
    year_late: Span
    month_early: Span
    month_mid: Span
    month_late: Span


class DateRanges(_Section):
    between: Words
    between_and: Words
    from_: Words = Field(alias="from")
    to: Words
    since: Words
    until: Words
    before: Words
    after: Words
    after_day: Words = []


class Relative(_Section):
    ago: Words
    in_: Words = Field(alias="in")
    later: Words
    earlier: Words
    stamp_past: Words
    stamp_future: Words
    approx: Words
    compound_join: Words = []
    # relative days that may name another date instead of the reference ("le lendemain du 13 février")
    of_date: Words = []
    # words naming the reference day only after a context word or as a line of their own
    # ("sur la journée"; not "la journée type")
    today_words: Words = []
    today_context: Words = []


class Years(_Section):
    decade: Words
    decade_suffix: str = ""
    decade_suffix_required: bool = False
    count_nouns: Words
    not_after: Words
    # words between a year-less day and its year written in words ("le 4 octobre de l'an deux mille")
    word_year_link: Words = []


class Tense(_Section):
    past: Words
    past_right_before: str
    future: Words
    not_future: Words = []
    not_participles: Words = []


class Fillers(_Section):
    the: Words
    of: Words
    on_day: Words = []
    # words after which "le 17" is still a lone day ("le 17 pour une réunion", "le 17 à 9 h")
    day_follow: Words = []


class Dates(_Section):
    meta: DateMeta
    months: dict[str, int]
    month_abbr: dict[str, int]
    # abbreviations that fit two months ("jui": juin or juillet) -> those months
    month_abbr_ambiguous: dict[str, list[int]] = {}
    context: MonthContext
    weekdays: dict[str, int]
    weekday_abbr: dict[str, int]
    relative_days: dict[str, int]
    units: dict[str, Grain]
    numbers: DateNumbers
    ordinals: dict[str, int | Words]
    modifiers: Modifiers
    periods: Periods
    parts: Parts
    seasons: dict[str, Span | Words]
    ranges: DateRanges
    relative: Relative
    years: Years
    tense: Tense
    fillers: Fillers

    @field_validator("ordinals")
    @classmethod
    def _ordinals(cls, v: dict) -> dict:
        return _one_list(v, "day_suffixes")

    @field_validator("seasons")
    @classmethod
    def _seasons(cls, v: dict) -> dict:
        return _one_list(v, "context")


# ---------------------------------------------------------------- funding.toml

class Triggers(_Section):
    funding_round: Words = []
    fund_raise: Words = []
    investment: Words = []
    acquisition: Words = []
    debt: Words = []
    grant: Words = []
    ipo: Words = []
    weak: Words = []
    gives: Words = []  # lending verbs: their subject gives the money ("X prête N à Y")
    sells: Words = []  # selling phrases (also acquisition triggers): their subject sells, "à Y" buys
    aggregate: Words = []
    not_triggers: Words = []


class Rounds(_Section):
    pre_seed: Words = []
    seed: Words = []
    series_a: Words = []
    series_b: Words = []
    series_c: Words = []
    series_d: Words = []
    series_e: Words = []
    series_f: Words = []
    series_g: Words = []
    series_h: Words = []
    bridge: Words = []
    growth: Words = []


class Roles(_Section):
    lead_investor_before: Words = []
    investee: Words = []
    stake: Words = []  # "a majority stake in": the name after it is the company bought into
    lead_investor: Words = []
    investor: Words = []
    partner: Words = []
    recipient_after: Words = []
    acquirer_after: Words = []
    target_after: Words = []
    target_before: Words = []  # a takeover noun: the name right before it is the target
    buyer_after: Words = []  # after a selling phrase: the name after these buys ("cède X à Y")
    fund_manager: Words = []  # "le fonds de capital-risque X": X manages funds; its raise is a fund raise
    ignore: Words = []
    source: Words = []  # speech verbs, "selon": who tells, never a party
    source_after: Words = []  # ", X reports.": a name before these, closing the sentence, tells
    founded: Words = []  # "cofondateur de X": X is the company a person subject raises for
    scope_end: Words = []
    clause_openers: Words = []  # relative pronouns: a clause they open says no more of the subject
    list_joiners: Words = []    # "et", "and": join a list of names


class AmountRoles(_Section):
    target_before: Words = []
    remaining_before: Words = []
    remaining_after: Words = []
    valuation_before: Words = []
    valuation_after: Words = []
    forecast_before: Words = []
    revenue_before: Words = []
    revenue_after: Words = []
    previous_before: Words = []
    previous_after: Words = []
    raised_after: Words = []
    raised_before: Words = []   # "pour un montant de": the deal's own value follows
    price_after: Words = []     # "par action": a price per share, never the deal's amount


class Boilerplate(_Section):
    phrases: Words = []


class NotFunding(_Section):
    contexts: Words = []  # public money, fines, budgets: a sentence holding one starts no event


class Sentences(_Section):
    abbreviations: Words = []  # a full stop after them ends no sentence


class Names(_Section):
    capitalised_fallback: bool = False  # do capitals mark names? (not in German: every noun has one)
    money_words: Words = []             # "<money> à X": X receives it
    receiver_before: Words = []
    participle_endings: Words = []      # "Créée à Lyon, …": a capitalised participle is no name
    place_before: Words = []
    not_names: Words = []
    name_openers: Words = []  # of the not_names: open a name before capitalised words ("British American Tobacco")
    of_heads: Words = []  # institution words: "Department of Energy" is one name
    headline_verbs: Words = []  # case-sensitive: a capitalised run in a title-case headline stops before them
    descriptor_suffixes: Words = []


class Article(_Section):
    # an article under a headline tells one deal: its records reduce to the headline's event
    # (milliard.records.story)
    one_story: bool = False


class Funding(_Section):
    article: Article = Article()
    not_funding: NotFunding = NotFunding()
    sentences: Sentences = Sentences()
    triggers: Triggers = Triggers()
    rounds: Rounds = Rounds()
    roles: Roles = Roles()
    amount_roles: AmountRoles = AmountRoles()
    boilerplate: Boilerplate = Boilerplate()
    names: Names = Names()


# ---------------------------------------------------------------- entities.toml

class Entity(_Section):
    name: str
    label: Literal["ORG", "PER", "LOC", "MISC"] = "ORG"
    type: Literal["public", "vc", "fund", "bank", "sovereign", "bigtech", "corporate", "angel", "place"] = "corporate"
    aliases: Words = []


class Entities(_Section):
    entity: list[Entity] = []


# ---------------------------------------------------------------- language.toml

class Language(_Section):
    name: str
    lingua: str | None = None  # the language's name in lingua (language detection), if it knows it


MODELS: dict[str, type[BaseModel]] = {
    "amounts": Amounts, "dates": Dates, "funding": Funding, "entities": Entities, "language": Language,
}


def check(path: Path, dimension: str, raw: dict[str, Any]) -> dict[str, Any]:
    """`raw` (the parsed file) checked against its model, optional keys filled with their
    defaults, in the file's own key names."""
    model = MODELS.get(dimension)
    if model is None:
        raise LanguageDataError(f"{path}: no language file is called {dimension!r}; known: {', '.join(MODELS)}")
    try:
        return model.model_validate(raw).model_dump(by_alias=True)
    except ValidationError as exc:
        raise LanguageDataError(f"{path}: {_problems(exc)}") from None


def _problems(exc: ValidationError) -> str:
    out = []
    for e in exc.errors():
        where = ".".join(str(p) for p in e["loc"])
        kind = {"missing": "missing key", "extra_forbidden": "unknown key (misspelt?)"}.get(e["type"], e["msg"])
        out.append(f"[{where}] {kind}")
    return "; ".join(out)
