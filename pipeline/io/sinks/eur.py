"""Amounts in euros at the European Central Bank's reference rate of a day.

The rates come from the `currencyconverter` package, which ships the ECB's history (every
working day since 1999) inside the package: nothing is downloaded at run time. The ECB
publishes no rate on weekends and TARGET holidays: the rate used is the last one published
on or before the day, at most `LOOK_BACK` days before it, and its date is stored with it.
"""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

LOOK_BACK = 7  # days: a long holiday closure; older than this, the rate is no longer the day's

NO_RATE = (None, None, None)


@lru_cache(maxsize=1)
def converter():
    from currency_converter import CurrencyConverter

    # no fallbacks: a missing rate must stay missing, never an interpolated or a far one
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


@lru_cache(maxsize=4096)
def eur_rate(currency: str, day: str) -> tuple[float | None, str | None]:
    """(units of CURRENCY for 1 EUR, the ISO date of that rate), or (None, None)."""
    if currency == "EUR":
        return 1.0, day
    rates = converter()
    if currency not in rates.currencies:
        return None, None
    try:
        wanted = date.fromisoformat(day[:10])
    except ValueError:
        return None, None
    for back in range(LOOK_BACK + 1):
        on = wanted - timedelta(days=back)
        try:
            return rates.convert(1.0, "EUR", currency, date=on), on.isoformat()
        except Exception:  # RateNotFoundError: no rate that day (a weekend, a holiday, outside the history)
            continue
    return None, None


def in_euros(value: float | None, currency: str | None, day: str | None) -> tuple:
    """(amount_eur, eur_rate, eur_rate_date) of VALUE in CURRENCY on DAY; nulls when any is
    missing or the ECB has no rate for it."""
    if value is None or not currency or not day:
        return NO_RATE
    rate, on = eur_rate(currency, day)
    if rate is None:
        return NO_RATE
    return value / rate, rate, on
