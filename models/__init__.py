"""spaCy pipeline definitions per language: `models/<lang>.toml` names the packaged base
model and milliard's stages; `load(lang)` builds the pipeline. Nothing is downloaded:
base models are PyPI wheels declared in pyproject.toml."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).parent


@lru_cache(maxsize=None)
def definition(lang: str) -> dict:
    path = HERE / f"{lang}.toml"
    if not path.exists():
        raise ValueError(f"no pipeline definition for language {lang!r} ({path.name} missing)")
    with path.open("rb") as fh:
        return tomllib.load(fh)


def load(lang: str = "fr", *, stages: bool = True, size: str | None = None):
    """The language's pipeline: its base model keeping only `keep` components, then,
    with `stages`, milliard's own spaCy stages (registered through entry points).
    `size` picks another packaged base ("sm") where the definition lists one."""
    import spacy

    spec = definition(lang)
    base = spec.get("bases", {}).get(size, spec["base"]) if size else spec["base"]
    if base:
        keep = set(spec.get("keep", []))
        # excluded components are never loaded: faster start, ~130 MB less (MEASURED.md)
        nlp = spacy.load(base, exclude=[n for n in _components(base) if n not in keep])
    else:
        nlp = spacy.blank(lang)
    for name in spec.get("pipes", []):
        nlp.add_pipe(name)
    if stages:
        for name in spec.get("stages", []):
            nlp.add_pipe(name)
    return nlp


def _components(package: str) -> list[str]:
    """Names of a packaged pipeline's components, read from its meta.json without loading it."""
    from spacy.util import get_model_meta, get_package_path

    meta = get_model_meta(get_package_path(package))
    return list(meta.get("components") or meta.get("pipeline") or [])
