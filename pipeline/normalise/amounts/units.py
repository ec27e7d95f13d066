"""Pass 2 of milliard.normalise.amounts: units (single quantities, ranges), bounds, approximations."""
from __future__ import annotations

import re
from dataclasses import dataclass

from milliard.normalise.amounts.lex import Lexicon
from milliard.normalise.amounts.quantities import Quantity

_YEAR = re.compile(r"(1[89]|2[01])\d\d")


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
    if not _may_pair(lex, a, b):
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


def _may_pair(lex: Lexicon, a: Quantity, b: Quantity) -> bool:
    """Whether two neighbouring quantities can be the bounds of one range, whatever joins them."""
    if b.start - a.end > 12 or not _currencies_agree(lex, a, b) or not _may_open(a):
        return False
    if b.scale is None and not b.has_currency:
        # a plain high bound pairs only with a plain low one ("entre 5 et 8 millions")
        return bool(b.plain_digits) and not a.scale
    return True


def _currencies_agree(lex: Lexicon, a: Quantity, b: Quantity) -> bool:
    """One of the two names a currency (or the high one a bare scale), and not two different ones."""
    if not (b.has_currency or b.scale_token in lex.bare or a.has_currency):
        return False
    return not (a.has_currency and b.has_currency and a.currency != b.currency)


def _may_open(a: Quantity) -> bool:
    """Whether a quantity can be the low bound of a range."""
    if a.from_words and a.num < 1 and a.scale is None:
        return False  # "quarter to $5": a fraction alone is no number
    return not (a.plain_digits and _YEAR.fullmatch(a.plain_digits))  # "en 2014 à 5 M€": a year


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
