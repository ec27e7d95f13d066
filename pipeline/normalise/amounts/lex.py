"""The compiled lexicon of milliard.normalise.amounts: the word lists of `lang/<lang>/amounts.toml`
and the one regex of pass 1 (number + scale + currency runs)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from milliard.lang import data
from milliard.normalise.numbers import WordNumbers
from milliard.normalise.patterns import LETTER, forms


def _key(s: str) -> str:
    return " ".join(s.casefold().split())


def _currency(code: str) -> tuple[str | None, bool]:
    """TOML currency value -> (ISO code or None, assumed)."""
    return (code.rstrip("?") or None), code.endswith("?")


@dataclass
class Lexicon:
    """Everything `find_amounts` needs for one language, compiled once."""
    lang: str
    decimal: str
    words: WordNumbers
    scale_words: dict[str, float]
    scale_abbr: dict[str, float]
    bare: set[str]
    bare_after_cue: set[str]
    anglicisms: dict[str, float]
    max_value: float
    symbols: dict[str, tuple[str | None, bool]]
    prefix_names: set[str]
    no_decimals: set[str]
    codes: dict[str, str]
    names: dict[str, tuple[str | None, bool]]
    subunits: dict[str, tuple[str | None, float]]
    pairs: list[tuple[re.Pattern, re.Pattern | None]]  # (separator, opener)
    low_re: re.Pattern
    high_re: re.Pattern
    approx_re: re.Pattern
    approx_after_re: re.Pattern
    follow_re: re.Pattern
    sep_any: re.Pattern
    tail_end_re: re.Pattern
    window: int
    default_currency: str | None
    cue_re: re.Pattern
    main: re.Pattern
    hint: re.Pattern


# Digits with any grouping: Indian "12,34,567.89", grouped "1 250 000,50" / "1.250.000" /
# "1'049,95" (one separator repeated), or plain "12,5". Bounded: {1,30} digits a group.
_DIGITS = (r"(?<![\d.,])(?:\d{1,2}(?:,\d\d){1,4},\d{3}(?:\.\d{1,30})?"
           r"|\d{1,3}(?P<g>[ .,'])\d{3}(?:(?P=g)\d{3}){0,10}(?:[.,]\d{1,30})?"
           r"|\d{1,30}(?:[.,]\d{1,30})?)(?!\d|[.,]\d)")


def _before(words) -> re.Pattern:
    """Words that end right where a search stops (`search(text, lo, start)`)."""
    return re.compile(rf"(?<!{LETTER})(?i:{forms(words)})[ ]{{0,2}}$")


def _main_pattern(d: dict, symbols, codes, scale_abbr) -> re.Pattern:
    """The one regex of pass 1: [prefix currency] number [scale] [connector currency]
    ["75 USD million" scale] [cents]. Every group is optional but the number."""
    num, cur = d.get("numbers", {}), d.get("currencies", {})
    word_forms = [*num.get("words", []), *num.get("fractions", {}), *num.get("multiples", {}),
                  *num.get("articles", [])]
    w = f"(?:{forms(word_forms)})"
    numw = rf"(?<!{LETTER})(?i:{w}(?:(?:[ -]|[ ](?:{forms(num.get('joiners', []))})[ ]){w}){{0,8}})"
    numw_tail = rf"(?<!{LETTER})(?i:{w}(?:[ -]{w}){{0,3}})"
    code = forms(codes)
    abbr = forms(scale_abbr, boundary=False)
    scale_word = rf"(?i:{forms(d.get('scales', {}).get('words', {}))})"
    scale = rf"(?:{scale_word}|(?:{abbr})(?=(?:{code})|[^\w]|$))"  # "M€", "MUSD", "M d'euros"
    # words are matched in any case (upper-case headlines: "11 MILLIONS D'EUROS"); only the
    # scale abbreviations, the symbols and the codes keep their case ("M" is not "m")
    conn = f"(?i:{forms(cur.get('connectors', []))})"
    subunit = rf"(?i:{forms(cur.get('subunits', {}))})"
    tail_join = f"(?i:{forms(d.get('cents', {}).get('joiners', []))})"
    # A cheap first-character test before anything else: most positions fail it at once.
    firsts = {f[0] for f in [*symbols, *codes, *scale_abbr]}
    firsts |= {c for f in [*word_forms, *cur.get("prefixes", [])] for c in (f[0].lower(), f[0].upper())}
    first = "[0-9" + "".join(sorted(re.escape(c) for c in firsts)) + "]"
    return re.compile(
        rf"(?={first})(?<![^\W_]|[%/=&#@])"  # not inside a word, a URL or an e-mail
        # nor at a three-digit group of a longer number it could not hold ("1 000 … 000 €")
        rf"(?<!_)(?:(?=\d{{3}}(?!\d))(?<!\d[ .,'_])|(?!\d{{3}}(?!\d)))"
        rf"(?:(?:(?P<pscale>{abbr})(?=(?:{code})))?"  # "MAUD 60"
        rf"(?:(?P<pcode>{code})[ ]{{0,2}}(?=\$))?"  # "NZD $100"
        rf"(?P<pre>{forms(symbols)}|{code}|(?i:{forms(cur.get('prefixes', []))}))"
        rf"(?P<colon>[ ]{{0,2}}:)?[ ]{{0,2}})?"
        rf"(?:(?P<dnum>{_DIGITS})|(?P<wnum>{numw}))"
        rf"(?:(?:(?P<mconn>[ ]{{1,2}}(?:{conn})[ ]{{0,2}})|[ ]{{0,2}}-?)(?P<scale>{scale})"
        rf"(?P<half>[ ](?i:{forms(num.get('half_after', []))}))?)?"
        rf"(?:(?P<conn>[ ]{{0,2}}(?:{conn})[ ]{{0,2}}|[ ]{{0,2}}|-)"
        rf"(?:(?P<sub>{subunit})|(?P<post>{forms(symbols)}|{code}|(?i:{forms(cur.get('names', {}))}))))?"
        rf"(?:[ ](?P<scale2>{scale_word}))?"
        rf"(?:[ ]{{0,2}}(?:(?:{tail_join})[ ])?(?P<tnum>\d{{1,2}}(?!\d|[.,]\d)|{numw_tail})"
        rf"(?:[ ](?P<tsub>{subunit}))?)?")


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    d = data(lang, "amounts")
    num, sc, cur = d.get("numbers", {}), d.get("scales", {}), d.get("currencies", {})
    ctx = d.get("context", {})
    scale_words = {_key(k): float(v) for k, v in sc.get("words", {}).items()}
    scale_abbr = {k: float(v) for k, v in sc.get("abbreviations", {}).items()}
    # an abbreviation of several letters is also written in capitals ("5 MDS D'EUROS"); it
    # still counts only next to a currency ("M" and "m" keep their case: one letter tells little)
    scale_abbr |= {k.upper(): v for k, v in scale_abbr.items() if len(k) > 1 and k.upper() not in scale_abbr}
    symbols, codes = _symbols(cur), _codes(cur)
    return Lexicon(
        lang=lang, decimal=num.get("decimal", ","), words=WordNumbers(lang, num),
        scale_words=scale_words, scale_abbr=scale_abbr,
        bare={_key(b) if _key(b) in scale_words else b for b in sc.get("bare", [])},
        bare_after_cue=set(sc.get("bare_after_cue", [])),
        anglicisms={_key(k): float(v) for k, v in sc.get("anglicisms", {}).items()},
        max_value=float(d.get("plausibility", {}).get("max_value", 1e14)),
        symbols=symbols, prefix_names={_key(p) for p in cur.get("prefixes", [])},
        no_decimals=set(cur.get("no_decimals", [])), codes=codes,
        names={_key(k): _currency(v) for k, v in cur.get("names", {}).items()},
        subunits={_key(k): ((v[0] or None), float(v[1])) for k, v in cur.get("subunits", {}).items()},
        window=int(ctx.get("window", 1500)), default_currency=ctx.get("default_currency"),
        main=_main_pattern(d, symbols, codes, scale_abbr),
        hint=re.compile(rf"\d|(?i:{forms([*scale_words, *cur.get('names', {}), *cur.get('subunits', {}), *num.get('multiples', {})])})"),
        **_context_patterns(d))


def _symbols(cur: dict) -> dict[str, tuple[str | None, bool]]:
    symbols = {k: _currency(v) for k, v in cur.get("symbols", {}).items()}
    # "$" compounds are written in any case ("US$", "us$", "$ hk")
    return symbols | {f: v for k, v in symbols.items() if "$" in k for f in (k.lower(), k.upper())}


def _codes(cur: dict) -> dict[str, str]:
    """Code as written -> ISO code."""
    aliases = cur.get("code_aliases", {})
    codes = {c: aliases.get(c, c) for c in cur.get("codes", [])}
    return codes | {c: aliases.get(c.upper(), c.upper()) for c in cur.get("lower_codes", [])}


def _context_patterns(d: dict) -> dict[str, object]:
    """The regexes of the words around an amount: range joiners, bounds, approximations,
    followers of a bare number, cents joiners, money cues."""
    ctx, ranges = d.get("context", {}), d.get("ranges", {}).get("pairs", [])
    pairs = [(re.compile(rf"[ ]{{0,2}}(?i:{forms([sep])})[ ]{{0,2}}"), _before([opener]) if opener else None)
             for opener, sep in ranges]
    pairs.sort(key=lambda p: p[1] is None)  # with an opener first: it belongs in the span
    return dict(
        pairs=pairs,
        low_re=_before(d.get("bounds", {}).get("low", [])),
        high_re=_before(d.get("bounds", {}).get("high", [])),
        approx_re=_before(d.get("approx", {}).get("before", [])),
        approx_after_re=re.compile(rf"[ ]{{1,2}}(?i:{forms(d.get('approx', {}).get('after', []))})"),
        follow_re=re.compile(rf"[ ]{{0,2}}(?:$|[^\w\s']|\n|(?i:{forms(ctx.get('bare_followers', []))}))"),
        sep_any=re.compile(rf"[ ]{{0,2}}(?i:{forms([sep for _opener, sep in ranges])})"),
        tail_end_re=re.compile(rf"[ ]{{0,2}}(?:$|[^\w\s$€£¥]|\n|(?i:{forms(d.get('cents', {}).get('joiners', []))})"
                               rf"(?!{LETTER}))"),
        cue_re=re.compile(rf"(?<!{LETTER})(?i:{forms(ctx.get('money_cues', []))})"),
    )
