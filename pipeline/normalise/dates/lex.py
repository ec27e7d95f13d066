"""Regex fragments built from `pipeline/lang/<lang>/dates.toml` (no word of a language here).

A word list becomes an alternation (milliard.normalise.patterns.loose_words) where accents are
optional (é also matches e), any apostrophe-like character matches "'", a space matches any
run of spaces and a hyphen may be a space or missing; a longer word is tried before the word
it extends, so "janv" wins over "jan".
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from milliard.lang import data
from milliard.normalise.patterns import APOS, forms, loose_words


@lru_cache(maxsize=4096)
def fold(s: str) -> str:
    """Lookup key of a matched word: lower case, no accents, plain apostrophe, single spaces."""
    s = re.sub(APOS, "'", s.lower().lstrip("="))
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return re.sub(r"[\s-]+", " ", s).strip(" .")


def table(mapping: dict) -> dict:
    return {fold(k): v for k, v in mapping.items()}


def folded(words) -> set[str]:
    return {fold(w) for w in words}


def _without(mapping: dict, key: str) -> dict:
    """A table of the language file without its one list-valued entry."""
    return {k: v for k, v in mapping.items() if k != key}


@dataclass
class Lex:
    lang: str
    raw: dict
    order: str
    months: dict
    month_abbr: dict
    month_ambiguous: dict  # folded abbreviation -> the months it may be ("jui" -> [6, 7])
    weekdays: dict
    weekday_abbr: dict
    relative_days: dict
    units: dict
    ordinals: dict
    parts: dict          # folded word -> "early" | "mid" | "late"
    seasons: dict
    modifiers: dict      # folded word -> "next" | "last" | "this"
    needs_context: set
    count_nouns: set
    not_after: set
    rx: dict = field(default_factory=dict)   # fragment name -> regex source
    past: list = field(default_factory=list)
    past_right_before: re.Pattern | None = None
    future: list = field(default_factory=list)
    not_future: set = field(default_factory=set)
    not_participles: set = field(default_factory=set)
    anchors: dict = field(default_factory=dict)


def _words(section: dict, key: str) -> list[str]:
    return list(section.get(key, []))


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lex:
    t = data(lang, "dates")
    if not t:
        raise ValueError(f"no dates.toml for language {lang!r}")
    mods, parts = t["modifiers"], t["parts"]
    lex = Lex(
        lang=lang, raw=t, order=t["meta"]["date_order"],
        months=table(t["months"]), month_abbr=table(t["month_abbr"]),
        month_ambiguous=table(t.get("month_abbr_ambiguous", {})),
        weekdays=table(t["weekdays"]), weekday_abbr=table(t["weekday_abbr"]),
        relative_days=table(t["relative_days"]), units=table(t["units"]),
        ordinals=table(_without(t["ordinals"], "day_suffixes")),
        parts={fold(w): k for k in ("early", "mid", "late") for w in parts[k]},
        seasons=table(_without(t["seasons"], "context")),
        modifiers={fold(w): k for k in ("next", "last", "this") for w in mods[k]},
        needs_context=folded(t["context"]["month_needs_context"]),
        count_nouns=folded(t["years"]["count_nouns"]), not_after=folded(t["years"]["not_after"]),
    )
    _read_tense(t["tense"], lex)
    lex.rx = _fragments(t, lex)
    lex.anchors = _anchor_words(t)
    return lex


def _read_tense(tense: dict, lex: Lex) -> None:
    """The tense cues of [tense], compiled."""
    lex.past = [re.compile(p, re.I) for p in tense["past"]]
    lex.past_right_before = re.compile(tense["past_right_before"], re.I)
    lex.future = [re.compile(p, re.I) for p in tense["future"]]
    lex.not_future = folded(tense.get("not_future", []))
    lex.not_participles = folded(tense.get("not_participles", []))


def _anchor_words(t: dict) -> dict:
    """Lower-case words (or phrases) one of which every date written in letters holds: the
    cheap prefilter of milliard.normalise.dates. Each has its classes (which rules it can start). Of a
    several-word entry its longest word stands for it, unless the class keeps whole phrases;
    each is listed with and without its accents."""
    units, mods, rel = t["units"], t["modifiers"], t["relative"]
    classes = {
        "month": [*t["months"], *t["month_abbr"], *t.get("month_abbr_ambiguous", {})],
        "weekday": [*t["weekdays"], *t["weekday_abbr"]],
        "unit": [*units, mods["week_word"], *mods["weekend"]],
        "calunit": [w for w, g in units.items() if g in ("week", "month", "quarter", "half", "year")],
        "week": [mods["week_word"]],
        "weekend": [*mods["weekend"]],
        "relday": [*t["relative_days"]],
        "today": [*rel.get("today_words", [])],
        "season": [k for k in t["seasons"] if k != "context"],
        "decade": [*t["years"]["decade"]],
        "period": [*t["periods"]["quarter"], *t["periods"]["half"]],
        "part": [*t["parts"]["early"], *t["parts"]["mid"], *t["parts"]["late"]],
        "lastn": [*mods["next"], *mods["last"]],
        "ago": [*rel["ago"], *rel["in"], *rel["later"], *rel["earlier"]],
    }
    phrases = {"ago"}
    out: dict = {}
    for cls, words in classes.items():
        for w in words:
            w = w.lstrip("=").lower()
            if cls in phrases:
                best = w
            else:
                parts = [p for p in re.findall(r"[^\W\d_]+", w) if len(p) >= 2]
                if not parts:
                    continue
                best = max(reversed(parts), key=len)  # "à la mi-": "mi", not "la"
            for form in {best, fold(best)}:
                out.setdefault(form, set()).add(cls)
    return {k: frozenset(v) for k, v in out.items()}


def _fragments(t: dict, lex: Lex) -> dict:
    return {**_unit_fragments(t["units"]), **_number_fragments(t), **_word_fragments(t)}


def _of_grain(units: dict, *grains: str) -> list[str]:
    return [w for w, g in units.items() if g in grains]


def _unit_fragments(units: dict) -> dict:
    return {
        "UNIT": loose_words(units),
        "CALUNIT": loose_words(_of_grain(units, "week", "month", "quarter", "half", "year")),
        "MONTHUNIT": loose_words(_of_grain(units, "month")),
        "YEARUNIT": loose_words(_of_grain(units, "year")),
    }


def _number_fragments(t: dict) -> dict:
    """Number words, ordinals, day numbers."""
    suffixes = forms(t["ordinals"]["day_suffixes"], boundary=False)
    nums = loose_words(t["numbers"]["words"])
    ordinals = [k for k in t["ordinals"] if k != "day_suffixes"]
    return {
        "NUMW": rf"{nums}(?:[\s-]+{nums}){{0,5}}",
        # a year in words: up to eight ("mille neuf cent quatre-vingt-dix-neuf")
        "YEARW": rf"{nums}(?:[\s-]+{nums}){{1,7}}",
        "FEW": loose_words(t["numbers"]["few"]),
        "ORDW": loose_words([k for k in ordinals if not k[0].isdigit()]),
        "ORD": loose_words(ordinals),
        "DAY_SUFFIX": suffixes,
        "DAYN": rf"(?<![\d.,])(?:3[01]|[12]\d|0?[1-9])(?:{suffixes})?(?![\d\w])",
    }


def _word_fragments(t: dict) -> dict:
    mods = t["modifiers"]
    plural = lambda ws: [w for w in ws if w.endswith("s")]  # noqa: E731
    return {
        "MONTH": loose_words(t["months"]),
        "MABBR": loose_words(t["month_abbr"]),
        "MAMB": loose_words(t.get("month_abbr_ambiguous", {})),
        "WD": loose_words(t["weekdays"]),
        "WDA": loose_words(t["weekday_abbr"]),
        "RELDAY": loose_words(t["relative_days"]),
        "TODAYW": loose_words(t["relative"].get("today_words", [])),
        "TODAYCTX": loose_words(t["relative"].get("today_context", []), bounded=False),
        "NEXT": loose_words(mods["next"]),
        "LAST": loose_words(mods["last"]),
        "NEXTPL": loose_words(plural(mods["next"])),
        "LASTPL": loose_words(plural(mods["last"])),
        "THIS": loose_words(mods["this"]),
        "ART": loose_words(mods["articles"], bounded=False),
        "WEEK": loose_words([mods["week_word"]]),
        "WEEKEND": loose_words(mods["weekend"]),
        "OF": loose_words(t["fillers"]["of"], bounded=False),
        "THE": loose_words(t["fillers"]["the"], bounded=False),
        "QUARTER": loose_words(t["periods"]["quarter"]),
        "HALF": loose_words(t["periods"]["half"]),
        "QL": forms(t["periods"]["quarter_letters"], boundary=False),
        "HL": forms(t["periods"]["half_letters"], boundary=False),
        "QLCTX": loose_words(t["periods"].get("letter_context", []), bounded=False),
        "YEARNOUN": loose_words(t["periods"]["year_nouns"], bounded=False),
        "PART": loose_words(t["parts"]["early"] + t["parts"]["mid"] + t["parts"]["late"], bounded=False),
        "SEASON": loose_words([k for k in t["seasons"] if k != "context"]),
        "SCTX": loose_words(t["seasons"]["context"], bounded=False),
        "MCTX": loose_words(t["context"]["month_context"], bounded=False),
        "DECADE": loose_words(t["years"]["decade"]),
        "YEAR_LINK": loose_words(t["years"].get("word_year_link", []), bounded=False),
        "AGO": loose_words(t["relative"]["ago"]),
        "IN": loose_words(t["relative"]["in"]),
        "LATER": loose_words(t["relative"]["later"] + t["relative"]["earlier"]),
        "STAMP_PAST": loose_words(t["relative"]["stamp_past"]),
        "STAMP_FUT": loose_words(t["relative"]["stamp_future"]),
        "APPROX": loose_words(t["relative"]["approx"]),
        "YEAR": r"(?<![\d.,])(?:1[89]\d\d|20\d\d|21\d\d)(?![\d])",
        "ON_DAY": loose_words(t["fillers"].get("on_day", []), bounded=False),
        "DAY_FOLLOW": loose_words(t["fillers"].get("day_follow", [])),
        "BETWEEN": loose_words(t["ranges"]["between"]),
        "AND": loose_words(t["ranges"]["between_and"]),
        "FROM": loose_words(t["ranges"]["from"], bounded=False),
        "TO": loose_words([w for w in t["ranges"]["to"] if w != "-"], bounded=True) + "|-",
        "SINCE": loose_words(t["ranges"]["since"], bounded=False),
        "UNTIL": loose_words(t["ranges"]["until"], bounded=False),
        "BEFORE": loose_words(t["ranges"]["before"], bounded=False),
        "AFTER": loose_words(t["ranges"]["after"], bounded=False),
        "AFTER_DAY": loose_words(t["ranges"]["after_day"], bounded=False) + r"\b",
    }
