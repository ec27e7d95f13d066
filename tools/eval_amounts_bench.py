"""Micro benchmark of find_amounts: words/s on a text repeated (default: the seed article
from ../shared, else the French corpus documents).

usage: python tools/eval_amounts_bench.py [FILE] [--repeat N]
"""
from __future__ import annotations

import argparse
import time
import tomllib
from pathlib import Path

from milliard.normalise.amounts import find_amounts
from milliard.normalise.text import fold

ROOT = Path(__file__).resolve().parent.parent


def default_text() -> str:
    seed = ROOT.parent / "shared" / "seed" / "article.txt"
    if seed.exists():
        return seed.read_text(encoding="utf-8")
    corpus = tomllib.loads((ROOT / "corpus" / "amounts" / "fr.toml").read_text(encoding="utf-8"))
    return "\n".join(d["text"] for d in corpus["document"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?")
    ap.add_argument("--repeat", type=int, default=20)
    opts = ap.parse_args()
    text = Path(opts.file).read_text(encoding="utf-8") if opts.file else default_text()
    doc = fold("\n".join([text] * opts.repeat))
    words = len(doc.split())
    find_amounts(doc, "fr")  # compile the regexes outside the timing
    runs = []
    for _ in range(5):
        start = time.process_time()
        found, _ = find_amounts(doc, "fr")
        runs.append(time.process_time() - start)
    best = min(runs)
    print(f"{words} words, {len(found)} amounts, best of 5 (CPU time): {best * 1000:.1f} ms = {words / best:,.0f} words/s")
    start = time.process_time()
    for para in text.split("\n"):
        find_amounts(fold(para), "fr")
    per_para = time.process_time() - start
    print(f"one paragraph at a time (seed once): {len(text.split()) / per_para:,.0f} words/s")


if __name__ == "__main__":
    main()
