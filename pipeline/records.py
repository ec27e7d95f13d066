"""Funding records (stub: being written in issue 5)."""
from __future__ import annotations

from .context import DocContext
from .schema import FundingRecord, Warning


def needs_model(paragraph: str, lang: str) -> bool:
    """Cheap test: can this paragraph hold a funding event (so the NER model must read it)?"""
    return True


def build_records(ctx: DocContext) -> tuple[list[FundingRecord], list[Warning]]:
    return [], []
