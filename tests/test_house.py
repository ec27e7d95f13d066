"""The shape of the house: the import name, the package list, no import circle, short functions.
(`make test` also runs ruff and the layering contract of pyproject.toml: `lint-imports`.)"""
from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "pipeline"

# Functions still above the complexity limit (radon's cyclomatic complexity, which counts
# `and`/`or`); each is to be broken up along its seams. A function that goes below the
# limit must leave this list (the test says so), so the list only ever shrinks.
MAX_COMPLEXITY = 15
NOT_YET_SPLIT: set[str] = set()
# Files over MAX_LINES, likewise to be split along their seams (the list only shrinks).
MAX_LINES = 450
LONG_FILES: set[str] = set()


def _package_of(folder: Path) -> str:
    rel = folder.relative_to(SOURCE)
    return ".".join(("milliard", *rel.parts)) if rel.parts else "milliard"


def test_every_folder_of_the_source_is_an_installed_package():
    spec = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(spec["packages"])
    folders = {_package_of(p.parent) for p in SOURCE.rglob("*") if p.suffix in (".py", ".toml")
               and "__pycache__" not in p.parts}
    folders.add("milliard.models")
    assert listed == folders


def _graph():
    import grimp

    return grimp.build_graph("milliard", include_external_packages=False)


def test_no_import_circle_anywhere():
    """Tarjan's strongly connected components over every module: each must be alone."""
    graph = _graph()
    modules = sorted(graph.modules)
    index, low, stack, on, circles = {}, {}, [], set(), []

    def visit(m):
        index[m] = low[m] = len(index)
        stack.append(m)
        on.add(m)
        for n in sorted(graph.find_modules_directly_imported_by(m)):
            if n not in index:
                visit(n)
                low[m] = min(low[m], low[n])
            elif n in on:
                low[m] = min(low[m], index[n])
        if low[m] == index[m]:
            comp = []
            while True:
                n = stack.pop()
                on.discard(n)
                comp.append(n)
                if n == m:
                    break
            if len(comp) > 1:
                circles.append(sorted(comp))

    sys.setrecursionlimit(10_000)
    for m in modules:
        if m not in index:
            visit(m)
    assert circles == []


def _complexities():
    from radon.complexity import cc_visit

    out = {}
    for path in sorted(SOURCE.rglob("*.py")):
        for block in cc_visit(path.read_text(encoding="utf-8")):
            name = f"{path.relative_to(SOURCE).as_posix()}:{getattr(block, 'classname', None) or ''}" \
                   f"{'.' if getattr(block, 'classname', None) else ''}{block.name}"
            out[name] = max(out.get(name, 0), block.complexity)
    return out


def test_functions_stay_short_and_simple():
    scores = _complexities()
    too_complex = {name for name, c in scores.items() if c > MAX_COMPLEXITY}
    assert too_complex - NOT_YET_SPLIT == set(), "split these along their seams"
    assert NOT_YET_SPLIT - too_complex == set(), "now simple enough: remove them from NOT_YET_SPLIT"


def test_no_source_file_is_long():
    long = {p.relative_to(SOURCE).as_posix() for p in SOURCE.rglob("*.py")
            if len(p.read_text(encoding="utf-8").splitlines()) > MAX_LINES}
    assert long - LONG_FILES == set(), "split these along their seams"
    assert LONG_FILES - long == set(), "now short enough: remove them from LONG_FILES"


def test_import_milliard_loads_no_spacy_and_a_user_pipeline_py_cannot_shadow_it(tmp_path):
    """A user's project very often has a pipeline.py: our import name is milliard, so it cannot
    shadow us, and the entry points of our spaCy stages still resolve."""
    (tmp_path / "pipeline.py").write_text("raise SystemExit('the user module was imported')\n")
    code = ("import sys, milliard; assert 'spacy' not in sys.modules, 'spacy imported';"
            "print(milliard.parse_amount('1,5 Md€').value)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "1500000000.0"


@pytest.mark.slow
def test_public_api_from_a_folder_with_a_pipeline_py(tmp_path):
    (tmp_path / "pipeline.py").write_text("raise SystemExit('the user module was imported')\n")
    code = ("import milliard, spacy\n"
            "r = milliard.extract('La start-up Korvel a levé 12,5 M€ le 13 janvier.', published='2026-01-20')\n"
            "rec = r.records[0]\n"
            "print(rec.company, rec.amount.value, rec.announced)\n"
            "nlp = spacy.blank('fr'); nlp.add_pipe('milliard_amounts')  # through the entry point\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == "Korvel 12500000.0 2026-01-13"
