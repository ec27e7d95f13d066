"""The cascade: a cheap scan decides which parts of a document the NER model must read.

Most news articles hold no funding event; the regex stages (amounts, dates) are cheap,
the model is not. The model reads text in *pieces*: each distinct paragraph, cut at a
sentence end when it is longer than MODEL_CHUNK_CHARS. A piece is read on its own, so the
entities found in it do not depend on which other pieces are read: the cascade changes
what is read, never what reading a piece finds.

With the cascade on:
- a document none of whose sentences can start a funding event is not read at all
  (`records.can_hold_event`: a trigger of `lang/<lang>/funding.toml` that is no idiom, strong
  or next to an amount, in a sentence that does not speak of public money — the checks of the
  records stage that need no name, so no record is lost);
- otherwise the model reads the first piece (the headline or the lead: where news names the
  company), the publisher's disclaimers (they name the site, never a party) and the pieces
  with a trigger or an amount.
Repeated paragraphs are never read again (their first copy is).

Pieces of many documents are read together, in batches of at most MODEL_BATCH_CHARS
characters: spaCy is fastest on many short texts at once, and memory stays bounded
whatever the size of a document.
"""
from __future__ import annotations

import bisect
import re
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

from milliard.normalise.context import DocContext
from milliard.records import events as records_stage
from milliard.records.sentences import boilerplate_pattern

T = TypeVar("T")

MODEL_CHUNK_CHARS = 4_000    # longest text the model reads at once (a piece)
MODEL_BATCH_CHARS = 25_000   # most text in one nlp.pipe batch: bounds the model's memory

# Where a long paragraph may be cut: after a sentence end, else at a space.
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
_SPACE = re.compile(r"\S(?=\s)")


def pieces(ctx: DocContext) -> list[tuple[int, int]]:
    """The spans (norm offsets) the model may read: distinct paragraphs, cut to length."""
    out: list[tuple[int, int]] = []
    for p in ctx.paragraphs:
        if p.duplicate_of is None:
            out += cut(ctx.norm, p.start, p.end)
    return out


def cut(text: str, start: int, end: int, limit: int | None = None) -> list[tuple[int, int]]:
    """[start, end) as consecutive spans of at most `limit` characters, cut after the last
    sentence end that fits, else at the last space, else hard."""
    limit = limit or MODEL_CHUNK_CHARS
    out = []
    while end - start > limit:
        at = _last(_SENTENCE_END, text, start, start + limit) or _last(_SPACE, text, start, start + limit)
        stop = at if at and at > start else start + limit
        out.append((start, stop))
        start = stop
        while start < end and text[start].isspace():  # the next piece starts on a word
            start += 1
    if start < end:
        out.append((start, end))
    return out


def _last(pattern: re.Pattern, text: str, start: int, stop: int) -> int | None:
    """End of the last match of pattern in text[start:stop], or None."""
    last = None
    for m in pattern.finditer(text, start, stop):
        last = m.end()
    return last


def model_chunks(ctx: DocContext, cascade: bool) -> list[tuple[int, int]]:
    """The pieces the model must read (all of them without the cascade)."""
    if cascade and not records_stage.can_hold_event(ctx):
        return []  # no sentence can start an event: most documents of a feed
    spans = pieces(ctx)
    if not cascade or not spans:
        return spans
    triggered = [records_stage.needs_model(ctx.norm[s:e], ctx.lang) for s, e in spans]
    if not any(triggered):
        return []  # nothing here can be a funding event: the model reads nothing
    amount_starts = sorted(a.start for a in ctx.amounts)
    boiler = boilerplate_pattern()
    # the first piece (headline or lead) is where news names the company, and a publisher's
    # disclaimer names the site that is never a party: both are always read
    return [span for i, (span, hit) in enumerate(zip(spans, triggered))
            if hit or i == 0 or _has_amount(span, amount_starts)
            or (boiler is not None and boiler.search(ctx.norm, *span))]


def _has_amount(span: tuple[int, int], amount_starts: list[int]) -> bool:
    i = bisect.bisect_left(amount_starts, span[0])
    return i < len(amount_starts) and amount_starts[i] < span[1]


def char_batches(items: Iterable[T], limit: int | None = None, size: Callable[[T], int] = len) -> Iterator[list[T]]:
    """Consecutive items grouped so that a group holds at most `limit` characters (an item
    longer than that is a group of its own). Reads `items` lazily."""
    limit = limit or MODEL_BATCH_CHARS
    batch: list[T] = []
    total = 0
    for item in items:
        n = size(item)
        if batch and total + n > limit:
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += n
    if batch:
        yield batch


def read(nlp, texts: Sequence[str]) -> Iterator:
    """spaCy docs of `texts`, in order, read in batches bounded by characters."""
    for batch in char_batches(texts):
        yield from nlp.pipe(batch, batch_size=len(batch))
