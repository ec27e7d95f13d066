"""What the Duckling-style corpus tests share: corpus/<dimension>/<lang>.toml files (one value,
many spellings) and those of the fixture language "xx" (tests/fixtures: data files only, found
through milliard.lang.register), read by the same tests."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import milliard.lang

TESTS = Path(__file__).resolve().parent
FIXTURE_LANGUAGES = TESTS / "fixtures" / "lang"


def load(dimension: str) -> list[dict]:
    """Every corpus file of a dimension ("amounts", "dates"), the project's then the fixture's."""
    dirs = [TESTS.parent / "corpus" / dimension, TESTS / "fixtures" / "corpus" / dimension]
    return [tomllib.loads(p.read_text(encoding="utf-8")) for d in dirs for p in sorted(d.glob("*.toml"))]


def xfail_marks(entry: dict, spelling: str) -> list:
    """A spelling listed under `xfail_spellings` is a known miss: a strict xfail with its reason."""
    reason = entry.get("xfail_spellings", {}).get(spelling)
    return [pytest.mark.xfail(reason=reason, strict=True)] if reason else []


@pytest.fixture(autouse=True, scope="module")
def fixture_languages():
    milliard.lang.register(FIXTURE_LANGUAGES)
    yield
    milliard.lang.unregister(FIXTURE_LANGUAGES)
