"""Monetary amounts: every way French and English news writes money, normalised exactly.

`find_amounts(text, lang)` reads the matching form of a document (milliard.normalise.text) and returns
one `Amount` per monetary mention, a range or a bound being ONE mention. Three passes:

1. quantities: one precompiled regex (built from `lang/<lang>/amounts.toml`) finds
   number + scale + currency runs ("12,5 milliards de dollars", "US$ 3,5M", "45 MUSD",
   "un demi-milliard d'euros"); `_read` checks and normalises each (digits: milliard.normalise.numbers;
   words: text2num behind our scale table).
2. units: neighbours joined into ranges ("entre 5 et 8 Md$", "5-8 M€", "de 125 à 300
   milliards"), bound and approximation words taken in ("plus de", "environ").
3. money: a unit with a currency is money; a bare scaled unit ("125 milliards") followed by
   punctuation or a function word (not "d'habitants") borrows the currency of the nearest
   preceding explicit amount (else the dominant one) within a window, flagged
   `currency_inferred` with an `inferred_currency` warning; with no explicit currency around,
   a money word before it in the sentence ("lève 15 millions") gives the language's usual
   currency (noted as assumed); anything else (counts, years,
   percentages, phone numbers, versions) is not an amount.

Scales whose native reading is implausible (French "trillion" = 1e18 above world GDP) are
read as the anglicism (1e12) with a note and an `ambiguous_scale` warning; the 1e18 reading
is never emitted. Every quantifier is bounded, so the scan is linear on hostile input.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from milliard.lang import data
from milliard.normalise.numbers import WordNumbers, parse_digits
from milliard.normalise.text import fold
from milliard.schema import Amount, Money, WarningInfo

_LETTER = r"[^\W\d_]"
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(1[89]|2[01])\d\d")


def _alt(forms, boundary: bool = True) -> str:
    """Alternation of literal forms as a trie ("mil(?:liard(?:s|)|lion(?:s|))"): Python's re
    tries the branches of a flat alternation one by one at every position, a trie picks one
    by its first character (5x faster on the word lists). Longest first; a form ending in a
    letter must end a word (when `boundary`); a space matches one to three spaces."""
    trie: dict = {}
    for form in set(forms):
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie, "", boundary) if trie else "(?!)"


def _emit(node: dict, last: str, boundary: bool) -> str:
    tail = rf"(?!{_LETTER})" if boundary and last.isalpha() else ""
    branches = [("[ ]{1,3}" if ch == " " else re.escape(ch)) + _emit(child, ch, boundary)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return tail
    if "" in node:  # a form ends here and longer ones go on: the longer first
        branches.append(tail)
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


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


def _before(forms) -> re.Pattern:
    """Words that end right where a search stops (`search(text, lo, start)`)."""
    return re.compile(rf"(?<!{_LETTER})(?i:{_alt(forms)})[ ]{{0,2}}$")


def _main_pattern(d: dict, symbols, codes, scale_abbr) -> re.Pattern:
    """The one regex of pass 1: [prefix currency] number [scale] [connector currency]
    ["75 USD million" scale] [cents]. Every group is optional but the number."""
    num, cur = d.get("numbers", {}), d.get("currencies", {})
    word_forms = [*num.get("words", []), *num.get("fractions", {}), *num.get("multiples", {}),
                  *num.get("articles", [])]
    w = f"(?:{_alt(word_forms)})"
    numw = rf"(?<!{_LETTER})(?i:{w}(?:(?:[ -]|[ ](?:{_alt(num.get('joiners', []))})[ ]){w}){{0,8}})"
    numw_tail = rf"(?<!{_LETTER})(?i:{w}(?:[ -]{w}){{0,3}})"
    code = _alt(codes)
    abbr = _alt(scale_abbr, boundary=False)
    scale_word = rf"(?i:{_alt(d.get('scales', {}).get('words', {}))})"
    scale = rf"(?:{scale_word}|(?:{abbr})(?=(?:{code})|[^\w]|$))"  # "M€", "MUSD", "M d'euros"
    conn = _alt(cur.get("connectors", []))
    subunit = rf"(?i:{_alt(cur.get('subunits', {}))})"
    tail_join = _alt(d.get("cents", {}).get("joiners", []))
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
        rf"(?P<pre>{_alt(symbols)}|{code}|(?i:{_alt(cur.get('prefixes', []))}))"
        rf"(?P<colon>[ ]{{0,2}}:)?[ ]{{0,2}})?"
        rf"(?:(?P<dnum>{_DIGITS})|(?P<wnum>{numw}))"
        rf"(?:(?:(?P<mconn>[ ]{{1,2}}(?:{conn})[ ]{{0,2}})|[ ]{{0,2}}-?)(?P<scale>{scale})"
        rf"(?P<half>[ ](?i:{_alt(num.get('half_after', []))}))?)?"
        rf"(?:(?P<conn>[ ]{{0,2}}(?:{conn})[ ]{{0,2}}|[ ]{{0,2}}|-)"
        rf"(?:(?P<sub>{subunit})|(?P<post>{_alt(symbols)}|{code}|(?i:{_alt(cur.get('names', {}))}))))?"
        rf"(?:[ ](?P<scale2>{scale_word}))?"
        rf"(?:[ ]{{0,2}}(?:(?:{tail_join})[ ])?(?P<tnum>\d{{1,2}}(?!\d|[.,]\d)|{numw_tail})"
        rf"(?:[ ](?P<tsub>{subunit}))?)?")


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    d = data(lang, "amounts")
    num, sc, cur = d.get("numbers", {}), d.get("scales", {}), d.get("currencies", {})
    ctx, ranges = d.get("context", {}), d.get("ranges", {}).get("pairs", [])
    scale_words = {_key(k): float(v) for k, v in sc.get("words", {}).items()}
    scale_abbr = {k: float(v) for k, v in sc.get("abbreviations", {}).items()}
    symbols = {k: _currency(v) for k, v in cur.get("symbols", {}).items()}
    # "$" compounds are written in any case ("US$", "us$", "$ hk")
    symbols |= {f: v for k, v in symbols.items() if "$" in k for f in (k.lower(), k.upper())}
    aliases = cur.get("code_aliases", {})
    codes = {c: aliases.get(c, c) for c in cur.get("codes", [])}
    codes |= {c: aliases.get(c.upper(), c.upper()) for c in cur.get("lower_codes", [])}
    pairs = [(re.compile(rf"[ ]{{0,2}}(?i:{_alt([sep])})[ ]{{0,2}}"), _before([opener]) if opener else None)
             for opener, sep in ranges]
    pairs.sort(key=lambda p: p[1] is None)  # with an opener first: it belongs in the span
    return Lexicon(
        lang=lang, decimal=num.get("decimal", ","), words=WordNumbers(lang, num),
        scale_words=scale_words, scale_abbr=scale_abbr,
        bare={_key(b) if _key(b) in scale_words else b for b in sc.get("bare", [])},
        anglicisms={_key(k): float(v) for k, v in sc.get("anglicisms", {}).items()},
        max_value=float(d.get("plausibility", {}).get("max_value", 1e14)),
        symbols=symbols, prefix_names={_key(p) for p in cur.get("prefixes", [])},
        no_decimals=set(cur.get("no_decimals", [])), codes=codes,
        names={_key(k): _currency(v) for k, v in cur.get("names", {}).items()},
        subunits={_key(k): ((v[0] or None), float(v[1])) for k, v in cur.get("subunits", {}).items()},
        pairs=pairs,
        low_re=_before(d.get("bounds", {}).get("low", [])),
        high_re=_before(d.get("bounds", {}).get("high", [])),
        approx_re=_before(d.get("approx", {}).get("before", [])),
        approx_after_re=re.compile(rf"[ ]{{1,2}}(?i:{_alt(d.get('approx', {}).get('after', []))})"),
        follow_re=re.compile(rf"[ ]{{0,2}}(?:$|[^\w\s']|\n|(?i:{_alt(ctx.get('bare_followers', []))}))"),
        sep_any=re.compile(rf"[ ]{{0,2}}(?i:{_alt([sep for _opener, sep in ranges])})"),
        tail_end_re=re.compile(rf"[ ]{{0,2}}(?:$|[^\w\s$€£¥]|\n|(?i:{_alt(d.get('cents', {}).get('joiners', []))})"
                               rf"(?!{_LETTER}))"),
        window=int(ctx.get("window", 1500)), default_currency=ctx.get("default_currency"),
        cue_re=re.compile(rf"(?<!{_LETTER})(?i:{_alt(ctx.get('money_cues', []))})"),
        main=_main_pattern(d, symbols, codes, scale_abbr),
        hint=re.compile(rf"\d|(?i:{_alt([*scale_words, *cur.get('names', {}), *cur.get('subunits', {}), *num.get('multiples', {})])})"))


@dataclass
class Quantity:
    """One number with what is written around it (pass 1)."""
    start: int
    end: int
    num: float                 # the number as written, before the scale
    scale: float | None = None
    scale_token: str = ""
    currency: str | None = None
    has_currency: bool = False  # a currency (or subunit) word is in the phrase
    plain_digits: str = ""     # the digits when nothing else is written (year guard)
    from_words: bool = False
    approximate: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def value(self) -> float:
        return _clean(self.num * (self.scale or 1.0))


def _lookup_currency(lex: Lexicon, form: str) -> tuple[str | None, bool]:
    if form in lex.symbols:
        return lex.symbols[form]
    if form in lex.codes:
        return lex.codes[form], False
    spaced = " ".join(form.split())
    if spaced in lex.symbols:
        return lex.symbols[spaced]
    return lex.names.get(_key(form), (None, False))


def _currency_note(form: str, iso: str | None, assumed: bool) -> list[str]:
    if iso is None:
        return [f"currency:{_key(form)}=unknown"]
    return [f"currency:{_key(form)}={iso}(assumed)"] if assumed else []


def _read(lex: Lexicon, text: str, m: re.Match) -> Quantity | None:
    """Check and normalise one regex match; None when its number is not one."""
    g = m.group
    pre = g("pre")
    num_end = m.end("dnum") if g("dnum") else m.end("wnum")
    if not (pre or g("scale") or g("post") or g("sub")) and not lex.sep_any.match(text, num_end):
        return None  # a plain number that opens no range: no need to read it
    if pre and _key(pre) in lex.prefix_names and (g("colon") or g("post")):
        pre = None  # "dollar : 143 yens" is a quote of the yen, not 143 dollars
    english = bool(pre and pre in lex.symbols)
    if g("dnum"):
        num = parse_digits(g("dnum"), lex.decimal, english)
        approx = False
    else:
        num, approx = lex.words.parse(g("wnum"))
    if num is None:
        return None
    q = Quantity(start=m.start("pre") if pre else m.start("dnum") if g("dnum") else m.start("wnum"),
                 end=num_end, num=num, approximate=approx, from_words=not g("dnum"))
    if pre:
        iso, assumed = _lookup_currency(lex, pre)
        if _key(pre) in lex.prefix_names:
            iso, assumed = lex.names.get(_key(pre), (None, False))
        if g("pcode"):  # "NZD $100": the code says which dollar
            iso, assumed, q.start = lex.codes[g("pcode")], False, m.start("pcode")
        q.currency, q.has_currency = iso, True
        q.notes += _currency_note(pre, iso, assumed)
        if g("pscale"):
            q.scale, q.scale_token = lex.scale_abbr[g("pscale")], g("pscale")
            q.start = m.start("pscale")
    if g("scale") and not (g("mconn") and not approx):  # "une dizaine de millions"
        _set_scale(lex, q, g("scale"), bool(g("half")))
        q.end = m.end("half") if g("half") else m.end("scale")
    _read_post(lex, text, m, q)
    if not q.has_currency and q.scale_token in lex.scale_abbr and q.scale_token not in lex.bare:
        q.scale, q.scale_token, q.end = None, "", num_end  # "5 M" alone: not a scale
    if g("dnum") and q.currency in lex.no_decimals:  # "3,500 円" is not 3.5 yen
        q.num = parse_digits(g("dnum"), "", False) or q.num
    if g("dnum") and q.scale is None and not q.has_currency:
        q.plain_digits = g("dnum")
    return q


def _set_scale(lex: Lexicon, q: Quantity, token: str, half: bool) -> None:
    key = _key(token)
    q.scale_token = token if token in lex.scale_abbr else key
    q.scale = lex.scale_abbr.get(token) or lex.scale_words[key]
    if half:
        q.num += 0.5


def _read_post(lex: Lexicon, text: str, m: re.Match, q: Quantity) -> None:
    """The currency written after the number, the English "75 USD million" scale and cents."""
    g = m.group
    post, sub = g("post"), g("sub")
    if not (post or sub):
        return
    connected = g("conn").strip() not in ("", "-")
    if connected and q.scale is None:
        return  # "15 de $" is no amount; "15 millions de $" is
    if g("wnum") and post and post in lex.symbols:
        return  # "a $5 million": the article is not the number
    if sub:
        if q.has_currency or (g("wnum") and _key(sub) in lex.words.vocabulary):
            return  # "deux cents" is 200, not two cents
        iso, factor = lex.subunits[_key(sub)]
        q.num *= factor
        q.currency, q.has_currency, q.end = iso, True, m.end("sub")
        q.notes += _currency_note(sub, iso, False) if iso is None else []
        return
    iso, assumed = _lookup_currency(lex, post)
    if q.has_currency:
        if post in lex.codes and any(n.endswith("(assumed)") for n in q.notes):
            q.currency, q.end = iso, m.end("post")  # "$1,190.00 AUD": the code says which dollar
            q.notes = [n for n in q.notes if not n.endswith("(assumed)")]
            return
        if post in lex.symbols or iso != q.currency:
            return  # "$ 20 $ 37": the second symbol opens the next amount
        q.end = m.end("post")
        return
    q.currency, q.has_currency, q.end = iso, True, m.end("post")
    q.notes += _currency_note(post, iso, assumed)
    if g("scale2") and q.scale is None:
        _set_scale(lex, q, g("scale2"), False)
        q.end = m.end("scale2")
    elif g("tnum") and q.scale is None and q.num.is_integer():
        _read_cents(lex, text, m, q)


def _read_cents(lex: Lexicon, text: str, m: re.Match, q: Quantity) -> None:
    """"15 dollars et 50 (cents)", "35€ 99": the cents after a currency."""
    g = m.group
    tnum, tsub = g("tnum"), g("tsub")
    last = tnum.replace("-", " ").split()[-1]
    if not tsub and not tnum.isdigit() and _key(last) in lex.subunits:
        tnum, tsub = tnum[:len(tnum) - len(last)].rstrip(" -"), last  # "quarante-cinq cents"
    cents = float(tnum) if tnum.isdigit() else lex.words.parse(tnum)[0]
    if cents is None or cents >= 100:
        return
    if tsub:
        _, factor = lex.subunits[_key(tsub)]
        q.num += cents * factor
        q.end = m.end("tsub") if g("tsub") else m.end("tnum")
    elif lex.tail_end_re.match(text, m.end("tnum")):
        q.num += cents / 100
        q.end = m.end("tnum")


def _scan(lex: Lexicon, text: str) -> list[Quantity]:
    out: list[Quantity] = []
    pos, n = 0, len(text)
    search = lex.main.search
    while pos < n:
        m = search(text, pos)
        if not m:
            break
        q = _read(lex, text, m)
        if q is None:
            pos = max(m.end("dnum") if m.group("dnum") else m.end("wnum"), m.start() + 1)
            continue
        # a plain number matters only as the first bound of a range ("entre 5 et 8 M€")
        if q.has_currency or q.scale is not None or lex.sep_any.match(text, q.end):
            out.append(q)
        pos = max(q.end, m.start() + 1)
    return out


# -- pass 2: units (single quantities, ranges), bounds, approximations ----------------------

@dataclass
class Unit:
    start: int
    end: int
    low: Quantity
    high: Quantity | None = None   # set for a range
    low_value: float = 0.0
    bound: str = ""                # "low" | "high" | ""
    approximate: bool = False

    @property
    def currency(self) -> str | None:
        return self.low.currency or (self.high.currency if self.high else None)

    @property
    def has_currency(self) -> bool:
        return self.low.has_currency or bool(self.high and self.high.has_currency)

    @property
    def last(self) -> Quantity:
        return self.high or self.low


def _units(lex: Lexicon, text: str, qs: list[Quantity]) -> list[Unit]:
    units: list[Unit] = []
    i = 0
    while i < len(qs):
        a = qs[i]
        rng = _range(lex, text, a, qs[i + 1]) if i + 1 < len(qs) else None
        if rng:
            units.append(rng)
            i += 2
        else:
            units.append(Unit(a.start, a.end, a, low_value=a.value))
            i += 1
    return units


def _range(lex: Lexicon, text: str, a: Quantity, b: Quantity) -> Unit | None:
    if b.start - a.end > 12 or not (b.has_currency or b.scale_token in lex.bare or a.has_currency):
        return None
    if a.has_currency and b.has_currency and a.currency != b.currency:
        return None
    if a.from_words and a.num < 1 and a.scale is None:
        return None  # "quarter to $5": a fraction alone is no number
    if a.plain_digits and _YEAR.fullmatch(a.plain_digits):
        return None  # "en 2014 à 5 M€" is a year, then an amount
    if b.scale is None and b.plain_digits and not b.has_currency and not a.scale:
        b_ok = True
    else:
        b_ok = b.scale is not None or b.has_currency
    if not b_ok:
        return None
    for sep_re, opener_re in lex.pairs:
        if not sep_re.fullmatch(text, a.end, b.start):
            continue
        opener = opener_re.search(text, max(0, a.start - 20), a.start) if opener_re else None
        if opener_re and not opener:
            continue
        low = _range_low(a, b, bool(opener))
        if low is None:
            continue
        if a.scale is None and b.scale is not None and low != a.num:
            a.scale, a.scale_token = b.scale, b.scale_token
        return Unit(opener.start() if opener else a.start, b.end, a, b, low_value=low)
    return None


def _range_low(a: Quantity, b: Quantity, opened: bool) -> float | None:
    """The low bound's value: "5 à 8 M€" lends the scale to 5; "de 500 000 à 2 millions"
    does not (500 000 millions would pass the high bound)."""
    high = b.value
    if a.scale is not None or b.scale is None:
        low = a.value
    elif a.num * b.scale <= high:
        low = a.num * b.scale
    elif opened:
        low = a.num
    else:
        return None
    return low if low <= high else None


def _take_prefix_words(lex: Lexicon, text: str, u: Unit, left: int, right: int) -> None:
    """Bound and approximation words around `u`, never reaching past `left` / `right`
    (the neighbouring mentions)."""
    for _ in range(2):
        lo = max(left, u.start - 40)
        if not u.bound and not u.high:
            found = [(m.start(), kind) for kind, rx in (("low", lex.low_re), ("high", lex.high_re))
                     if (m := rx.search(text, lo, u.start))]
            if found:  # the longer phrase wins: "pas plus de" over "plus de"
                u.start, u.bound = min(found)
        m = lex.approx_re.search(text, lo, u.start)
        if m and not u.approximate:
            u.approximate, u.start = True, m.start()
    m = lex.approx_after_re.match(text, u.end, right)
    if m and not u.approximate:
        u.approximate, u.end = True, m.end()


# -- pass 3: which units are money, and in which currency ------------------------------------

def find_amounts(text: str, lang: str) -> tuple[list[Amount], list[WarningInfo]]:
    """Every monetary mention of `text` (already in matching form) with its normalised value."""
    lex = lexicon(lang)
    if not lex.hint.search(text):
        return [], []
    units = _units(lex, text, _scan(lex, text))
    explicit = [u for u in units if u.has_currency and u.currency]
    starts = [u.start for u in explicit]
    dominant = Counter(u.currency for u in explicit).most_common(1)[0][0] if explicit else None
    amounts: list[Amount] = []
    warnings: list[WarningInfo] = []
    prev_end = 0
    for i, u in enumerate(units):
        inferred = None
        if not u.has_currency:
            if u.last.scale_token not in lex.bare or not lex.follow_re.match(text, u.end):
                continue
            inferred = _context_currency(lex, u, explicit, starts, dominant)
            if inferred is None:
                inferred = _default_currency(lex, text, u)
                if inferred is None:
                    continue
                u.low.notes.append(f"currency:default={inferred}(assumed)")
        _take_prefix_words(lex, text, u, prev_end, units[i + 1].start if i + 1 < len(units) else len(text))
        amount = _amount(lex, text, u, inferred, warnings)
        if amount is not None:
            amounts.append(amount)
            prev_end = u.end
    return amounts, warnings


def _context_currency(lex: Lexicon, u: Unit, explicit: list[Unit], starts: list[int],
                      dominant: str | None) -> str | None:
    """The currency a bare scaled number borrows: the nearest preceding explicit amount's,
    else the document's dominant one; only with an explicit amount within the window."""
    i = bisect_left(starts, u.start)
    before = explicit[i - 1] if i > 0 else None
    after = explicit[i] if i < len(explicit) else None
    if before and u.start - before.end <= lex.window:
        return before.currency
    if after and after.start - u.end <= lex.window:
        return dominant
    return None


def _default_currency(lex: Lexicon, text: str, u: Unit) -> str | None:
    """With no explicit currency around, a money word just before the number in the same
    sentence ("X lève 15 millions") makes it money in the language's usual currency."""
    if not lex.default_currency:
        return None
    lo = max(0, u.start - 80)
    cut = max(text.rfind("\n", lo, u.start), text.rfind(". ", lo, u.start))
    return lex.default_currency if lex.cue_re.search(text, max(lo, cut + 1), u.start) else None


def _amount(lex: Lexicon, text: str, u: Unit, inferred: str | None,
            warnings: list[WarningInfo]) -> Amount | None:
    notes = [*u.low.notes, *(u.high.notes if u.high else [])]
    low, high = u.low_value, (u.high.value if u.high else None)
    factor = _plausible_factor(lex, u, notes, warnings, text)
    low = _clean(low * factor) if low is not None else None
    high = _clean(high * factor) if high is not None else None
    if not all(v is None or (math.isfinite(v) and v >= 0) for v in (low, high)):
        return None
    span = text[u.start:u.end]
    a = Amount(text=span, start=u.start, end=u.end, currency=u.currency or inferred,
               approximate=u.approximate or u.low.approximate or bool(u.high and u.high.approximate),
               currency_inferred=inferred is not None, notes=list(dict.fromkeys(notes)))
    if u.high is not None:
        a.low, a.high = low, high
    elif u.bound == "low":
        a.low = low
    elif u.bound == "high":
        a.high = low
    else:
        a.value = low
    if inferred:
        warnings.append(WarningInfo(code="inferred_currency", spans=[(u.start, u.end)],
                                message=f"{span!r} names no currency; {inferred} taken from the document"))
    return a


def _plausible_factor(lex: Lexicon, u: Unit, notes: list[str], warnings: list[WarningInfo],
                      text: str) -> float:
    """1.0, or the ratio that turns an implausible native scale into its anglicism."""
    q = u.last
    key = q.scale_token
    if key not in lex.anglicisms or not q.scale:
        return 1.0
    if q.value <= lex.max_value:
        return 1.0
    alt = lex.anglicisms[key]
    word = key[:-1] if key.endswith("s") and key[:-1] in lex.anglicisms else key
    notes.append(f"scale:{word}={_pow10(alt)}(anglicism)")
    warnings.append(WarningInfo(
        code="ambiguous_scale", spans=[(u.start, u.end)],
        message=f"{text[u.start:u.end]!r}: '{word}' read as {_pow10(alt)} (anglicism); "
                f"the native {_pow10(q.scale)} reading exceeds any plausible amount"))
    return alt / q.scale


def _clean(x: float) -> float:
    """16.4 * 1e6 is 16399999.999999998 in binary; the text said 16400000."""
    return float(f"{x:.15g}") if math.isfinite(x) else x


def _pow10(x: float) -> str:
    e = math.log10(x)
    return f"1e{int(e)}" if e.is_integer() else f"{x:g}"


def parse_amount(text: str, lang: str = "fr") -> Money | None:
    """The one amount written in `text` ("1,5 Md€" -> 1.5e9 EUR), or None. A bare number
    ("1 250,50") is read as an amount of unknown currency."""
    norm = fold(text)
    found, _ = find_amounts(norm, lang)
    if found:
        return Money.of(found[0])
    lex = lexicon(lang)
    m = re.fullmatch(r"\s*(\d[\d .,']{0,60})\s*", norm)
    if m:
        value = parse_digits(m.group(1).strip(), lex.decimal)
        if value is not None:
            return Money(value=value, text=text.strip())
    return None
