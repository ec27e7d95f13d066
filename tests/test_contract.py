"""The CONTRACT's output: JSON Schema validity, offsets into the original text,
one line out per line in."""
from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest

from milliard.schema import json_schema

NNBSP, NBSP = "\u202f", "\u00a0"
TYPOGRAPHIC = (
    f"La société l’Atelier d’Ici a levé 12{NNBSP}500{NNBSP}000{NBSP}€ le 3{NBSP}mars{NBSP}2026, "
    f"auprès d’Idinvest et de Bpifrance.\n"
    f"Son objectif\u2009: atteindre 2,5{NBSP}Md€ d’ici 2030 — « un cap », dit-elle."
)


def run_jsonl(lines: list[str]) -> list[dict]:
    proc = subprocess.run([sys.executable, "-m", "milliard.cli", "extract", "--input-format", "jsonl",
                           "--mentions", "-"], input="\n".join(lines) + "\n",
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


@pytest.fixture(scope="module")
def typographic_output() -> dict:
    doc = {"id": "typo", "text": TYPOGRAPHIC, "published": "2026-03-04", "lang": None, "title": None}
    return run_jsonl([json.dumps(doc, ensure_ascii=False)])[0]


@pytest.mark.slow
def test_output_validates_against_exported_schema(typographic_output):
    jsonschema.validate(typographic_output, json_schema())


@pytest.mark.slow
def test_offsets_index_the_original_text(typographic_output):
    mentions = [m for key in ("amounts", "dates", "entities") for m in typographic_output[key]]
    assert {m["text"] for m in typographic_output["amounts"]} >= {f"12{NNBSP}500{NNBSP}000{NBSP}€", f"2,5{NBSP}Md€"}
    for m in mentions:
        assert TYPOGRAPHIC[m["start"]:m["end"]] == m["text"]


@pytest.mark.slow
def test_curly_apostrophes_are_not_entities(typographic_output):
    names = {e["text"] for e in typographic_output["entities"]}
    assert not names & {"l’", "d’", "d’Ici a"}, names


@pytest.mark.slow
def test_decomposed_accents_keep_offsets_in_the_original():
    text = "La startup a leve\u0301 3 M€ en fe\u0301vrier 2026 aupre\u0300s de Bpifrance."
    out = run_jsonl([json.dumps({"id": "nfd", "text": text})])[0]
    assert out["error"] is None
    assert out["amounts"], "the amount must be found through the NFC matching form"
    for key in ("amounts", "dates", "entities"):
        for m in out[key]:
            assert text[m["start"]:m["end"]] == m["text"]


@pytest.mark.slow
def test_one_line_out_per_line_in_same_order():
    lines = [json.dumps({"id": "ok1", "text": "Rien à signaler."}), "", "not json",
             json.dumps({"id": "no-text"}), json.dumps({"id": "ok2", "text": "Deuxième document."}),
             json.dumps({"id": "big", "text": "Le marché progresse. " * 50_000})]
    out = run_jsonl(lines)
    assert [o["id"] for o in out] == ["ok1", "line:2", "line:3", "no-text", "ok2", "big"]
    assert [o["error"] is None for o in out] == [True, False, False, False, True, True]
    for o in out:
        assert {"records", "warnings", "amounts", "dates", "entities"} <= set(o)
