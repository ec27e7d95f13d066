"""Monetary amounts (stub: being written in issue 3)."""
from __future__ import annotations

from .schema import Amount, Money, Warning


def find_amounts(text: str, lang: str) -> tuple[list[Amount], list[Warning]]:
    """Every monetary mention of `text` (already in matching form) with its normalised value."""
    return [], []


def parse_amount(text: str, lang: str = "fr") -> Money | None:
    """The one amount written in `text` ("1,5 Md€" -> 1.5e9 EUR), or None."""
    return None
