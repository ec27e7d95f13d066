"""Numbers as news writes them: digit strings with any grouping, and number words.

Digits are parsed here rather than with price-parser: price-parser reads one price per
string and guesses separators from the whole string, while we already hold the exact
span of one number (found by our own bounded regex) and must decide "1,500" by the
document's language and the typography around it (a currency symbol written before the
number is the English convention). The rules fit in one short function.

Number words go to text2num (it knows French and English composition: "quatre-vingt-dix",
"one hundred and five"); this module adds only what text2num lacks: articles before
fractions ("un demi"), fractions ("trois quarts") and approximate multiples ("une
dizaine"), all listed in `lang/<lang>/amounts.toml`. text2num is only ever called on a
run of number words that the amount grammar already put before a scale or a currency, so
"une nouvelle" never becomes 1.
"""
from __future__ import annotations

import math
import re

from text_to_num import text2num

_SEPARATORS = re.compile(r"[^\d]")
MAX_SIG_DIGITS = 30


def parse_digits(s: str, decimal: str = ",", english_typography: bool = False) -> float | None:
    """`s` ("1 250 000", "1.250,50", "1'049.95", "12,5") as a float, or None when its
    separators cannot be one number ("1.2.3"). `decimal` is the language's decimal
    separator, used only for a lone "," or "." followed by exactly three digits;
    `english_typography` (a symbol before the number) makes that case the English one."""
    seps = _SEPARATORS.findall(s)
    if not seps:
        return _assemble([s], [], None)
    parts = _SEPARATORS.split(s)
    kinds = set(seps)
    if kinds & {" ", "'"}:
        dec_sep = _decimal_after_grouping(seps, kinds)
        if dec_sep is False:
            return None
    elif len(kinds) == 2:  # "1.250,50" / "1,250.50": the last one is decimal
        dec_sep = seps[-1]
        if seps.count(dec_sep) > 1:
            return None
    elif len(seps) > 1:  # "1.250.000"
        dec_sep = None
    elif len(parts[-1]) != 3 or parts[0] == "0" or len(parts[0]) > 3:
        dec_sep = seps[0]
    else:  # "1,500" / "1.500": the one truly ambiguous case
        lang_decimal = "." if english_typography else decimal
        dec_sep = seps[0] if seps[0] == lang_decimal else None
    return _assemble(parts, seps, dec_sep)


def _decimal_after_grouping(seps: list[str], kinds: set[str]) -> str | None | bool:
    """Space and apostrophe only ever group; a "." or "," after them is decimal. The decimal
    separator, None, or False when the separators cannot be one number."""
    rest = kinds - {" ", "'"}
    dec_sep = rest.pop() if len(rest) == 1 else None
    if len(rest) > 1 or (dec_sep and (seps.count(dec_sep) > 1 or seps[-1] != dec_sep)):
        return False
    return dec_sep


def _assemble(parts: list[str], seps: list[str], dec_sep: str | None) -> float | None:
    if dec_sep is not None and seps[-1] == dec_sep:
        int_parts, frac = parts[:-1], parts[-1]
    else:
        int_parts, frac = parts, ""
    # every group after the first has three digits (Indian 2-digit groups aside)
    if len(int_parts) > 1 and any(len(p) not in (2, 3) for p in int_parts[1:]):
        return None
    if len(int_parts) > 1 and len(int_parts[-1]) != 3:
        return None
    digits = "".join(int_parts)
    if len(digits.lstrip("0")) > MAX_SIG_DIGITS:
        return None
    return _finite(float(f"{digits}.{frac or '0'}"))


def _finite(x: float) -> float | None:
    return x if math.isfinite(x) else None


class WordNumbers:
    """Number words of one language (from its amounts.toml [numbers] section)."""

    def __init__(self, lang: str, numbers: dict):
        self.lang = lang
        self.articles = {w.casefold() for w in numbers.get("articles", [])}
        self.vocabulary = {w.casefold() for w in numbers.get("words", [])}
        self.fractions = {k.casefold(): float(v) for k, v in numbers.get("fractions", {}).items()}
        self.multiples = {k.casefold(): float(v) for k, v in numbers.get("multiples", {}).items()}
        self.halves = tuple(" " + " ".join(h.casefold().split()) for h in numbers.get("half_after", []))
        self.fraction_tails = tuple(" " + " ".join(t.casefold().split()) for t in numbers.get("fraction_tails", []))

    def parse(self, words: str) -> tuple[float | None, bool]:
        """(value, approximate) of a run of number words, or (None, False)."""
        key = " ".join(words.casefold().replace("-", " ").split())
        compound = self._compound(key)
        if compound is not None:
            return compound
        tokens = key.split()
        # an article before a fraction or multiple is not a number ("un demi", "une dizaine")
        if len(tokens) > 1 and tokens[0] in self.articles:
            rest = " ".join(tokens[1:])
            if rest in self.fractions or rest in self.multiples:
                key = rest
        if key in self.fractions:
            return self.fractions[key], False
        if key in self.multiples:
            return self.multiples[key], True
        if key in self.articles and not _is_number(key, self.lang):
            return 1.0, False
        for start in range(len(tokens)):  # "trois et deux" fails; its tail may not
            value = _text2num(" ".join(tokens[start:]), self.lang)
            if value is not None:
                return value, False
        return None, False


    def _compound(self, key: str) -> tuple[float | None, bool] | None:
        """A number with a half after it, or a fraction before its scale; None if neither."""
        for half in self.halves:  # "three and a half (million)"
            if key.endswith(half) and len(key) > len(half):
                value, approx = self.parse(key[:-len(half)])
                return (value + 0.5 if value is not None else None), approx
        for tail in self.fraction_tails:  # "half a (billion)", "a quarter of a (million)"
            fraction = self._fraction(key[:-len(tail)]) if key.endswith(tail) else None
            if fraction is not None:
                return fraction, False
        return None

    def _fraction(self, key: str) -> float | None:
        """The value of a fraction word, after an optional article ("a quarter")."""
        tokens = key.split()
        if len(tokens) > 1 and tokens[0] in self.articles:
            tokens = tokens[1:]
        return self.fractions.get(" ".join(tokens))


def _is_number(word: str, lang: str) -> bool:
    return _text2num(word, lang) is not None


def _text2num(s: str, lang: str) -> float | None:
    try:
        return float(text2num(s, lang))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
