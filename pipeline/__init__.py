"""milliard: French (and English) financial news to funding records.

    import milliard
    result = milliard.extract("La start-up lyonnaise Korvel a levé 12,5 M€.", published="2026-01-20")
    result.records[0].amount.value           # 12500000.0
    milliard.parse_amount("1,5 Md€")         # Money(value=1500000000.0, currency='EUR', ...)
    milliard.parse_date("le 13 janvier", published="2026-01-20")   # DateMention 2026-01-13
    nlp = milliard.load("fr")                # the spaCy pipeline: base NER + milliard's stages

The names below are loaded on first use, so `import milliard` (and `milliard --help`) stays
fast and imports no spaCy.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> module that defines it
_PUBLIC = {
    "Extractor": "milliard.extraction.extractor",
    "parse_amount": "milliard.normalise.amounts",
    "find_amounts": "milliard.normalise.amounts",
    "find_dates": "milliard.normalise.dates",
    **{name: "milliard.schema" for name in (
        "InputDocument", "DocumentResult", "FundingRecord", "Amount", "Money", "DateMention", "Entity",
        "Party", "Evidence", "Warning", "ErrorInfo")},
}
__all__ = sorted([*_PUBLIC, "extract", "extract_many", "parse_date", "load"])

_EXTRACTOR = None


def __getattr__(name: str):
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'milliard' has no attribute {name!r}")


def _extractor():
    global _EXTRACTOR
    if _EXTRACTOR is None:
        from milliard.extraction.extractor import Extractor
        _EXTRACTOR = Extractor()
    return _EXTRACTOR


def extract(text: str, *, lang: str | None = None, published=None, title: str | None = None):
    """The DocumentResult of one text (records, amounts, dates, entities, warnings). `published`
    (a date or an ISO string) anchors year-less and relative dates; `lang` None detects it.
    The model is loaded once, on the first call."""
    return _extractor().extract(text, lang=lang, published=published, title=title)


def extract_many(docs):
    """DocumentResults in input order for an iterable of texts or InputDocuments; the model
    reads their pieces in shared batches (faster than one `extract` a document)."""
    return _extractor().extract_many(docs)


def parse_date(text: str, lang: str = "fr", published=None):
    """The first date written in `text` as a DateMention ("le 13 janvier" with published
    2026-01-20 -> 2026-01-13, inferred_year), or None. No spaCy."""
    from milliard.extraction.extractor import parse_published
    from milliard.normalise.dates import find_dates
    from milliard.normalise.text import fold

    found = find_dates(fold(text), lang, parse_published(published))
    mentions = found[0] if isinstance(found, tuple) else found
    return mentions[0] if mentions else None


def load(lang: str = "fr", **kwargs):
    """The language's spaCy pipeline (models/<lang>.toml): its packaged base model and
    milliard's stages."""
    from milliard.models import load as _load
    return _load(lang, **kwargs)
