"""milliard: French (and English) financial news to funding records.

    import pipeline
    nlp = pipeline.load("fr")            # fr_core_news_md NER + milliard's stages
    doc = nlp("La start-up a levé 12 M€.")
    doc._.amounts, doc._.records

    pipeline.parse_amount("1,5 Md€", "fr")   # pure normaliser, no spaCy
"""
from __future__ import annotations

__version__ = "0.1.0"

from .amounts import parse_amount  # noqa: E402


def load(lang: str = "fr", **kwargs):
    from .models import load as _load
    return _load(lang, **kwargs)
