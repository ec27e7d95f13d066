"""Entities: the NER model's mentions, cleaned, plus a gazetteer of investors and institutions.

The gazetteer (`pipeline/lang/<lang>/entities.toml`, every language's file: names are not
words of a language) is one compiled regex over the matching form, so it also finds names in
paragraphs the model did not read. Where the two overlap the gazetteer wins: its span, its
canonical name and its label ("Bpifrance" tagged MISC by the model comes out ORG).

The model is noisy on news layout: it tags section headings ("Lien", "Impact") and
lower-case words as entities. A model mention is dropped when it starts in lower case, or
when it sits on a heading line (see `records_text.is_heading`) and is not seen in a sentence
of the document too.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from milliard.lang import data, supported
from milliard.normalise.context import DocContext
from milliard.records.capitals import in_shouting_line, recased_entities, shouting_lines
from milliard.records.sentences import ends_sentence, has_headline, is_heading, line_spans
from milliard.schema import Entity

LABELS = ("ORG", "PER", "LOC", "MISC")
INVESTOR_TYPES = frozenset({"public", "vc", "fund", "bank", "sovereign", "bigtech", "angel"})


@dataclass(frozen=True)
class GazEntry:
    name: str
    label: str
    type: str


@dataclass(frozen=True)
class Gazetteer:
    pattern: re.Pattern | None
    any_case: re.Pattern | None  # the same names in any case, for lines in capitals
    by_alias: dict[str, GazEntry]
    by_key: dict[str, GazEntry]  # casefolded name or alias -> entry

    def lookup(self, name: str) -> GazEntry | None:
        return self.by_key.get(name.casefold())


@lru_cache(maxsize=None)
def gazetteer() -> Gazetteer:
    by_alias: dict[str, GazEntry] = {}
    for lang in supported():
        for item in data(lang, "entities").get("entity", []):
            entry = GazEntry(item["name"], item.get("label", "ORG"), item.get("type", "corporate"))
            for alias in (item["name"], *item.get("aliases", [])):
                by_alias.setdefault(alias, entry)
    if not by_alias:
        return Gazetteer(None, None, {}, {})
    alternation = "|".join(re.escape(a) for a in sorted(by_alias, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")
    any_case = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.I)
    return Gazetteer(pattern, any_case, by_alias, {a.casefold(): e for a, e in by_alias.items()})


def is_investor_name(name: str) -> bool:
    entry = gazetteer().lookup(name)
    return entry is not None and entry.type in INVESTOR_TYPES


def canonical(name: str) -> str:
    entry = gazetteer().lookup(name)
    return entry.name if entry else name


def gazetteer_entities(text: str, start: int = 0, end: int | None = None, any_case: bool = False) -> list[Entity]:
    gaz = gazetteer()
    pattern = gaz.any_case if any_case else gaz.pattern
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text, start, len(text) if end is None else end):
        entry = gaz.by_alias.get(m.group()) or gaz.by_key[m.group().casefold()]
        out.append(Entity(text=m.group(), start=m.start(), end=m.end(), label=entry.label, name=entry.name))
    return out


_EDGE_JUNK = re.compile(r"^[\s\"'(\[-]+|[\s\"')\].,;:!?-]+$")


def model_entities(ctx: DocContext) -> list[Entity]:
    out = []
    for offset, doc in ctx.docs:
        for ent in doc.ents:
            if ent.label_ not in LABELS:
                continue
            start, end = offset + ent.start_char, offset + ent.end_char
            text = ctx.norm[start:end]
            trimmed = _EDGE_JUNK.sub("", text)
            if not trimmed or not (trimmed[0].isupper() or trimmed[0].isdigit()):
                continue  # "stablecoins", "d'": not names
            start += text.index(trimmed)
            out.append(Entity(text=trimmed, start=start, end=start + len(trimmed), label=ent.label_, name=trimmed))
    return out


def _distinct_paragraph_spans(ctx: DocContext) -> list[tuple[int, int]]:
    """Paragraphs to scan; an exact repeat is skipped (extract.mirror_into_duplicates copies
    the entities of its first copy)."""
    spans = []
    for p in ctx.paragraphs:
        if p.duplicate_of is not None:
            first = ctx.paragraphs[p.duplicate_of]
            if ctx.norm[first.start:first.end] == ctx.norm[p.start:p.end]:
                continue
        spans.append((p.start, p.end))
    return spans


def find_entities(ctx: DocContext) -> list[Entity]:
    """Entity mentions of the document, offsets in ctx.norm, sorted by start. On a line in
    capitals the model's mentions are noise: names come from the gazetteer in any case and
    from the names the document writes in mixed case elsewhere (`capitals`)."""
    norm = ctx.norm
    gaz = _gazetteer_mentions(ctx)
    model = [e for e in _drop_heading_noise(model_entities(ctx), norm) if not in_shouting_line(norm, e.start)]
    gaz_starts = [e.start for e in gaz]
    kept = [_canonical_entity(e) for e in model if not _overlaps(gaz, gaz_starts, e)]
    found = sorted(gaz + kept, key=lambda e: e.start)
    if shouting_lines(norm):
        starts = [e.start for e in found]
        found += [e for e in recased_entities(norm, found) if not _overlaps(found, starts, e)]
    return sorted(found, key=lambda e: (e.start, e.end))


def _gazetteer_mentions(ctx: DocContext) -> list[Entity]:
    """Gazetteer names, as written; on lines in capitals, in any case."""
    norm = ctx.norm
    gaz = []
    for start, end in _distinct_paragraph_spans(ctx) if ctx.paragraphs else [(0, len(norm))]:
        gaz += gazetteer_entities(norm, start, end)
    shouting = shouting_lines(norm)
    if not shouting:
        return gaz
    gaz = [e for e in gaz if not in_shouting_line(norm, e.start)]
    for start, end in shouting:
        gaz += gazetteer_entities(norm, start, end, any_case=True)
    return sorted(gaz, key=lambda e: e.start)


def _overlaps(sorted_entities: list[Entity], starts: list[int], ent: Entity) -> bool:
    """Does `ent` overlap one of `sorted_entities` (sorted by start, not overlapping each other)?"""
    i = bisect.bisect_left(starts, ent.end)
    return i > 0 and sorted_entities[i - 1].end > ent.start


def _canonical_entity(ent: Entity) -> Entity:
    entry = gazetteer().lookup(ent.text)
    if entry is None:
        return ent
    return ent.model_copy(update={"name": entry.name, "label": entry.label})


def _drop_heading_noise(entities: list[Entity], norm: str) -> list[Entity]:
    """The model tags words of short title lines as names ("Impact", "AI" as a place): a name
    found only on headings is dropped. On a title line (a headline without a final stop), which
    is where a company is often named and nowhere else, only places are so checked."""
    if not entities:
        return entities
    titles = _TitleLines(norm)
    if not titles.headings and titles.headline is None:
        return entities
    in_sentences = {e.text for e in entities if not titles.holds(e)}
    return [e for e in entities if not titles.holds(e) or e.text in in_sentences]


class _TitleLines:
    """The headings of a text and its title line (a headline without a final stop)."""

    def __init__(self, norm: str):
        lines = line_spans(norm)
        self.headings = [(s, e) for s, e in lines if is_heading(norm, s, e)]
        self.starts = [s for s, _ in self.headings]
        self.headline = lines[0] if lines and has_headline(lines) and not ends_sentence(norm, *lines[0]) else None

    def holds(self, ent: Entity) -> bool:
        """Is `ent` on a heading, or a place on the title line?"""
        i = bisect.bisect_right(self.starts, ent.start)
        if i > 0 and ent.start < self.headings[i - 1][1]:
            return True
        return self.headline is not None and self.headline[0] <= ent.start < self.headline[1] and ent.label == "LOC"
