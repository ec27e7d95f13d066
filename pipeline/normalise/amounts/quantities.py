"""Pass 1 of milliard.normalise.amounts: quantities, one number with what is written around it."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from milliard.normalise.amounts.lex import Lexicon, _key
from milliard.normalise.numbers import parse_digits
from milliard.normalise.text import clause_start


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
    num_start, num_end = m.span("dnum") if g("dnum") else m.span("wnum")
    if not (g("pre") or g("scale") or g("post") or g("sub")) and not lex.sep_any.match(text, num_end):
        return None  # a plain number that opens no range: no need to read it
    pre = _prefix(lex, m)
    num, approx = _number(lex, m, english=bool(pre and pre in lex.symbols))
    if num is None:
        return None
    q = Quantity(start=m.start("pre") if pre else num_start, end=num_end, num=num, approximate=approx,
                 from_words=not g("dnum"))
    if pre:
        _read_pre(lex, m, q, pre)
    if g("scale") and not (g("mconn") and not approx):  # "une dizaine de millions"
        _set_scale(lex, q, g("scale"), bool(g("half")))
        q.end = m.end("half") if g("half") else m.end("scale")
    _read_post(lex, text, m, q)
    _settle(lex, text, m, q, num_end)
    return q


def _prefix(lex: Lexicon, m: re.Match) -> str | None:
    """The currency written before the number, unless the phrase quotes it: "dollar : 143 yens"
    is a quote of the yen, not 143 dollars."""
    pre = m.group("pre")
    if pre and _key(pre) in lex.prefix_names and (m.group("colon") or m.group("post")):
        return None
    return pre


def _number(lex: Lexicon, m: re.Match, english: bool) -> tuple[float | None, bool]:
    """(number, approximate) of the digits or the number words of a match."""
    if m.group("dnum"):
        return parse_digits(m.group("dnum"), lex.decimal, english), False
    return lex.words.parse(m.group("wnum"))


def _read_pre(lex: Lexicon, m: re.Match, q: Quantity, pre: str) -> None:
    """The currency (and the "MAUD 60" scale) written before the number."""
    iso, assumed = _lookup_currency(lex, pre)
    if _key(pre) in lex.prefix_names:
        iso, assumed = lex.names.get(_key(pre), (None, False))
    if m.group("pcode"):  # "NZD $100": the code says which dollar
        iso, assumed, q.start = lex.codes[m.group("pcode")], False, m.start("pcode")
    q.currency, q.has_currency = iso, True
    q.notes += _currency_note(pre, iso, assumed)
    if m.group("pscale"):
        q.scale, q.scale_token = lex.scale_abbr[m.group("pscale")], m.group("pscale")
        q.start = m.start("pscale")


def _settle(lex: Lexicon, text: str, m: re.Match, q: Quantity, num_end: int) -> None:
    """What the whole phrase decides about its parts: an abbreviation alone is no scale (but
    after a money word: "lève 1,6M"), a currency without decimals reads its digits again, a
    bare number keeps its digits."""
    digits = m.group("dnum")
    if not q.has_currency and q.scale_token in lex.scale_abbr and q.scale_token not in lex.bare \
            and not (q.scale_token in lex.bare_after_cue and cue_before(lex, text, q.start)):
        q.scale, q.scale_token, q.end = None, "", num_end  # "5 M" alone: not a scale
    if digits and q.currency in lex.no_decimals:  # "3,500 円" is not 3.5 yen
        q.num = parse_digits(digits, "", False) or q.num
    if digits and q.scale is None and not q.has_currency:
        q.plain_digits = digits


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
        _read_subunit(lex, m, q, sub)
    elif q.has_currency:
        _read_second_currency(lex, m, q, post)
    else:
        iso, assumed = _lookup_currency(lex, post)
        q.currency, q.has_currency, q.end = iso, True, m.end("post")
        q.notes += _currency_note(post, iso, assumed)
        _read_after_currency(lex, text, m, q)


def _read_subunit(lex: Lexicon, m: re.Match, q: Quantity, sub: str) -> None:
    """"50 cents", "3 pence": the number counts a fraction of the unit."""
    if q.has_currency or (m.group("wnum") and _key(sub) in lex.words.vocabulary):
        return  # "deux cents" is 200, not two cents
    iso, factor = lex.subunits[_key(sub)]
    q.num *= factor
    q.currency, q.has_currency, q.end = iso, True, m.end("sub")
    q.notes += _currency_note(sub, iso, False) if iso is None else []


def _read_second_currency(lex: Lexicon, m: re.Match, q: Quantity, post: str) -> None:
    """A currency after the number when one was already written before it."""
    iso, _assumed = _lookup_currency(lex, post)
    if post in lex.codes and any(n.endswith("(assumed)") for n in q.notes):
        q.currency, q.end = iso, m.end("post")  # "$1,190.00 AUD": the code says which dollar
        q.notes = [n for n in q.notes if not n.endswith("(assumed)")]
        return
    if post in lex.symbols or iso != q.currency:
        return  # "$ 20 $ 37": the second symbol opens the next amount
    q.end = m.end("post")


def _read_after_currency(lex: Lexicon, text: str, m: re.Match, q: Quantity) -> None:
    """The English "75 USD million" scale, or the cents, after the currency."""
    g = m.group
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


def cue_before(lex: Lexicon, text: str, pos: int) -> bool:
    """Whether a money word ("lève", "valorisation") stands before `pos` in its clause, within
    80 characters: what makes a number without a currency money."""
    return bool(lex.cue_re.search(text, clause_start(text, max(0, pos - 80), pos), pos))


def _clean(x: float) -> float:
    """16.4 * 1e6 is 16399999.999999998 in binary; the text said 16400000."""
    return float(f"{x:.15g}") if math.isfinite(x) else x
