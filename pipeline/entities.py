"""Entities from the NER model plus the gazetteer (stub: being written in issue 5)."""
from __future__ import annotations

from .context import DocContext
from .schema import Entity


def find_entities(ctx: DocContext) -> list[Entity]:
    """Entity mentions of the spaCy docs in `ctx.docs`, offsets in ctx.norm."""
    out = []
    for offset, doc in ctx.docs:
        for ent in doc.ents:
            if ent.label_ in ("ORG", "PER", "LOC", "MISC"):
                out.append(Entity(text=ent.text, start=offset + ent.start_char, end=offset + ent.end_char,
                                  label=ent.label_, name=ent.text))
    return out
