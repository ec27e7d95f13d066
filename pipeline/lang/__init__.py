"""Per-language data: one folder per language, one TOML file per dimension.

`pipeline/lang/fr/amounts.toml`, `fr/dates.toml`, `fr/funding.toml`, ... hold every
word list a stage needs, so a new language is a folder of data files plus corpus
examples, not code. See `pipeline/lang/README.md` for the contract of each file.
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


def supported() -> tuple[str, ...]:
    """Languages with a data folder."""
    return tuple(sorted(p.name for p in HERE.iterdir() if p.is_dir() and not p.name.startswith("_")))


class UnsupportedLanguage(ValueError):
    pass


@lru_cache(maxsize=None)
def data(lang: str, dimension: str) -> dict[str, Any]:
    """The parsed `lang/<lang>/<dimension>.toml` (cached; treat it as read-only)."""
    if lang not in supported():
        raise UnsupportedLanguage(f"unsupported language {lang!r}; supported: {', '.join(supported())}")
    path = HERE / lang / f"{dimension}.toml"
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=None)
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop-word list of the language (library data shipped with spaCy, no network);
    empty for a language spaCy does not know."""
    import importlib

    try:
        return frozenset(importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS)
    except (ImportError, AttributeError):
        return frozenset()
