"""The cascade: a cheap scan decides which parts of a document the NER model must read.

Most news articles hold no funding event; the regex stages (amounts, dates) are cheap,
the model is not. The model reads only paragraphs with an amount or a funding trigger.
"""
from __future__ import annotations

import bisect
from typing import Iterator

from . import records as records_stage
from .context import DocContext

MODEL_CHUNK_CHARS = 100_000  # the model reads at most this much at once (bounded memory)


def model_chunks(ctx: DocContext, cascade: bool) -> Iterator[tuple[int, int]]:
    """Spans of norm for the model: runs of consecutive selected paragraphs, each at most
    MODEL_CHUNK_CHARS long. Repeated paragraphs are skipped; their first copy is read."""
    amount_starts = sorted(a.start for a in ctx.amounts)
    start = end = None
    for p in ctx.paragraphs:
        keep = p.duplicate_of is None and (not cascade or _selected(ctx, p, amount_starts))
        if keep and start is not None and p.end - start <= MODEL_CHUNK_CHARS:
            end = p.end
            continue
        if start is not None:
            yield start, end
            start = end = None
        if keep:
            start, end = p.start, p.end
            while end - start > MODEL_CHUNK_CHARS:  # one huge paragraph: cut it
                yield start, start + MODEL_CHUNK_CHARS
                start += MODEL_CHUNK_CHARS
    if start is not None:
        yield start, end


def _selected(ctx: DocContext, p, amount_starts: list[int]) -> bool:
    i = bisect.bisect_left(amount_starts, p.start)
    has_amount = i < len(amount_starts) and amount_starts[i] < p.end
    return has_amount or records_stage.needs_model(ctx.norm[p.start:p.end], ctx.lang)


