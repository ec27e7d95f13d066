"""Dates and periods (stub: being written in issue 4)."""
from __future__ import annotations

from datetime import date

from .schema import DateMention, Warning


def find_dates(text: str, lang: str, published: date | None = None,
               avoid: list[tuple[int, int]] = ()) -> tuple[list[DateMention], list[Warning]]:
    """Every date and period of `text` (matching form); `avoid` spans (amounts) are not dates."""
    return [], []
