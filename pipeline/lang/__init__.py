"""Per-language data: one folder per language, one TOML file per dimension.

`pipeline/lang/fr/amounts.toml`, `fr/dates.toml`, `fr/funding.toml`, ... hold every
word list a stage needs, so a new language is a folder of data files plus corpus
examples, not code. See `pipeline/lang/README.md` for the contract of each file.

Language folders are looked for in this package, then in every folder of the
`MILLIARD_LANG_PATH` environment variable (folders separated by the system's path
separator) and in every folder given to `register()`: a project adds or tries a language
without touching the package. The first folder holding a language wins.

Every file is checked against its model (milliard.lang.schema) when it is loaded: a missing
or misspelt key is a `LanguageDataError` naming the file and the key, never a KeyError deep
in a stage.
"""
from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from milliard.lang.schema import LanguageDataError, check

HERE = Path(__file__).parent
ENV = "MILLIARD_LANG_PATH"
_registered: list[Path] = []

__all__ = ["LanguageDataError", "UnsupportedLanguage", "data", "folder", "register", "stop_words", "supported",
           "unregister"]


class UnsupportedLanguage(ValueError):
    pass


def _folders() -> dict[str, Path]:
    return _scan(os.environ.get(ENV, ""), tuple(_registered))


@lru_cache(maxsize=16)
def _scan(env: str, registered: tuple[Path, ...]) -> dict[str, Path]:
    """Language folders of the package, of the folders of $MILLIARD_LANG_PATH (`env`) and of
    the registered folders, the first of each name winning (cached: stages ask for every
    document; register() forgets it)."""
    found: dict[str, Path] = {}
    for root in [HERE, *(Path(p) for p in env.split(os.pathsep) if p), *registered]:
        if root.is_dir():
            for p in sorted(root.iterdir()):
                if p.is_dir() and not p.name.startswith(("_", ".")):
                    found.setdefault(p.name, p)
    return found


def supported() -> tuple[str, ...]:
    """Languages with a data folder."""
    return tuple(sorted(_folders()))


def folder(lang: str) -> Path:
    """The data folder of `lang`."""
    found = _folders()
    if lang not in found:
        raise UnsupportedLanguage(f"unsupported language {lang!r}; supported: {', '.join(sorted(found))}")
    return found[lang]


def register(path: str | os.PathLike) -> None:
    """Add a folder of language folders (`path/<lang>/*.toml`) after the package's own."""
    p = Path(path).resolve()
    if not p.is_dir():
        raise FileNotFoundError(f"no folder {p} to take languages from")
    if p not in _registered:
        _registered.append(p)
    data.cache_clear()
    _scan.cache_clear()


def unregister(path: str | os.PathLike) -> None:
    """Forget a folder given to `register()`."""
    p = Path(path).resolve()
    if p in _registered:
        _registered.remove(p)
    data.cache_clear()
    _scan.cache_clear()


@lru_cache(maxsize=None)
def data(lang: str, dimension: str) -> dict[str, Any]:
    """The parsed and checked `<lang>/<dimension>.toml`, every optional key filled with its
    default (cached; treat it as read-only); {} when the language has no such file."""
    path = folder(lang) / f"{dimension}.toml"
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        try:
            raw = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise LanguageDataError(f"{path}: not valid TOML: {exc}") from exc
    return check(path, dimension, raw)


@lru_cache(maxsize=None)
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop-word list of the language (library data shipped with spaCy, no network);
    empty for a language spaCy does not know."""
    import importlib

    try:
        return frozenset(importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS)
    except (ImportError, AttributeError):
        return frozenset()
