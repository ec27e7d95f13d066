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

from milliard.normalise.amounts.lex import Lexicon, lexicon
from milliard.normalise.amounts.quantities import _clean, _scan, cue_before
from milliard.normalise.amounts.units import Unit, _take_prefix_words, _units
from milliard.normalise.numbers import parse_digits
from milliard.normalise.text import fold
from milliard.schema import Amount, Money, WarningInfo

__all__ = ["find_amounts", "parse_amount", "lexicon"]


# -- pass 3: which units are money, and in which currency ------------------------------------

def find_amounts(text: str, lang: str) -> tuple[list[Amount], list[WarningInfo]]:
    """Every monetary mention of `text` (already in matching form) with its normalised value."""
    lex = lexicon(lang)
    if not lex.hint.search(text):
        return [], []
    units = _units(lex, text, _scan(lex, text))
    known = _Explicit([u for u in units if u.has_currency and u.currency])
    amounts: list[Amount] = []
    warnings: list[WarningInfo] = []
    prev_end = 0
    for i, u in enumerate(units):
        inferred = None
        if not u.has_currency:
            inferred = _inferred_currency(lex, text, u, known)
            if inferred is None:
                continue  # a count ("3 millions d'habitants"), not money
        _take_prefix_words(lex, text, u, prev_end, units[i + 1].start if i + 1 < len(units) else len(text))
        amount = _amount(lex, text, u, inferred, warnings)
        if amount is not None:
            amounts.append(amount)
            prev_end = u.end
    return amounts, warnings


class _Explicit:
    """The amounts of a document that name their currency, in text order."""

    def __init__(self, units: list[Unit]):
        self.units = units
        self.starts = [u.start for u in units]
        self.dominant = Counter(u.currency for u in units).most_common(1)[0][0] if units else None


def _inferred_currency(lex: Lexicon, text: str, u: Unit, known: _Explicit) -> str | None:
    """The currency of a unit that names none, or None when it is not money: only a bare scaled
    number followed by punctuation or a function word may be, taking the currency around it."""
    bare = u.last.scale_token in lex.bare or u.last.scale_token in lex.bare_after_cue  # (a cue was seen)
    if not bare or not lex.follow_re.match(text, u.end):
        return None
    inferred = _context_currency(lex, u, known)
    if inferred is None:
        inferred = _default_currency(lex, text, u)
        if inferred is not None:
            u.low.notes.append(f"currency:default={inferred}(assumed)")
    return inferred


def _context_currency(lex: Lexicon, u: Unit, known: _Explicit) -> str | None:
    """The currency a bare scaled number borrows: the nearest preceding explicit amount's,
    else the document's dominant one; only with an explicit amount within the window."""
    i = bisect_left(known.starts, u.start)
    before = known.units[i - 1] if i > 0 else None
    after = known.units[i] if i < len(known.units) else None
    if before and u.start - before.end <= lex.window:
        return before.currency
    if after and after.start - u.end <= lex.window:
        return known.dominant
    return None


def _default_currency(lex: Lexicon, text: str, u: Unit) -> str | None:
    """With no explicit currency around, a money word just before the number in the same
    sentence ("X lève 15 millions") makes it money in the language's usual currency."""
    if not lex.default_currency:
        return None
    return lex.default_currency if cue_before(lex, text, u.start) else None


def _amount(lex: Lexicon, text: str, u: Unit, inferred: str | None,
            warnings: list[WarningInfo]) -> Amount | None:
    notes = [*u.low.notes, *(u.high.notes if u.high else [])]
    factor = _plausible_factor(lex, u, notes, warnings, text)
    low = _clean(u.low_value * factor)
    high = _clean(u.high.value * factor) if u.high else None
    if not all(v is None or (math.isfinite(v) and v >= 0) for v in (low, high)):
        return None
    span = text[u.start:u.end]
    a = Amount(text=span, start=u.start, end=u.end, currency=u.currency or inferred,
               approximate=_approximate(u), currency_inferred=inferred is not None,
               notes=list(dict.fromkeys(notes)))
    _set_values(a, u, low, high)
    if inferred:
        warnings.append(WarningInfo(code="inferred_currency", spans=[(u.start, u.end)],
                                message=f"{span!r} names no currency; {inferred} taken from the document"))
    return a


def _approximate(u: Unit) -> bool:
    return u.approximate or u.low.approximate or bool(u.high and u.high.approximate)


def _set_values(a: Amount, u: Unit, low: float, high: float | None) -> None:
    """A range has both bounds, a bound one side, any other amount its value."""
    if u.high is not None:
        a.low, a.high = low, high
    elif u.bound == "low":
        a.low = low
    elif u.bound == "high":
        a.high = low
    else:
        a.value = low


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
