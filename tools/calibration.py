#!/usr/bin/env python3
"""Does a record's confidence mean something? Share of records fully right per confidence
bucket, on article-level suites of ../shared/evals (issue 13, class 11).

usage: tools/calibration.py SUITE.jsonl PRED.jsonl [SUITE.jsonl PRED.jsonl ...] [--markdown]

A record is *fully right* when every field its article's gold gives is right for it:
- gold n_records == 0 (not funding news): no record is right;
- otherwise the record must match gold amount (within 1 %), currency, company (the scorer's
  company_ok), kind, when gold gives them; records beyond the gold count are wrong (the
  first records that match are counted right first).
Uses the scorer's own comparison helpers (../shared/evals/score.py, stdlib only).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1].parent / "shared" / "evals"))
from score import GOLD_TOL, close, company_ok, money_scalar  # noqa: E402

BUCKETS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


def record_right(rec: dict, gold: dict) -> bool:
    money = rec.get("amount") or {}
    if gold.get("amount") is not None and not close(money_scalar(money), gold["amount"], GOLD_TOL):
        return False
    if gold.get("currency") is not None and money.get("currency") != gold["currency"]:
        return False
    if gold.get("company") is not None and not company_ok(rec.get("company"), gold["company"]):
        return False
    return gold.get("kind") is None or rec.get("kind") == gold["kind"]


def judged(gold_rows: dict, preds: list[dict]):
    """(confidence, fully right) of every predicted record."""
    for pred in preds:
        gold = (gold_rows.get(pred.get("id")) or {}).get("gold") or {}
        records = pred.get("records") or []
        allowed = gold.get("n_records", 1)
        rights = [record_right(r, gold) if allowed else False for r in records]
        kept = 0
        for r, ok in sorted(zip(records, rights), key=lambda x: not x[1]):
            yield r.get("confidence", 0.0), ok and kept < allowed
            kept += ok


def table(pairs: list[tuple[float, bool]]) -> list[tuple[str, int, int]]:
    out = []
    for lo, hi in BUCKETS:
        inside = [ok for c, ok in pairs if lo <= c < hi]
        out.append((f"[{lo:.1f}, {min(hi, 1.0):.1f}{']' if hi > 1 else ')'}", len(inside), sum(inside)))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", help="SUITE PRED pairs")
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args(argv)
    if len(args.files) % 2:
        ap.error("give SUITE PRED pairs")
    pairs: list[tuple[float, bool]] = []
    for suite, pred in zip(args.files[::2], args.files[1::2]):
        rows = {}
        for line in open(suite, encoding="utf-8"):
            if line.strip():
                row = json.loads(line)
                rows[row["id"]] = row
        preds = [json.loads(line) for line in open(pred, encoding="utf-8") if line.strip()]
        pairs += list(judged(rows, preds))
    rows = table(pairs)
    if args.markdown:
        print("| confidence | records | fully right | share |\n|---|---:|---:|---:|")
    for name, n, ok in rows:
        share = f"{ok / n:.3f}" if n else "-"
        print(f"| {name} | {n} | {ok} | {share} |" if args.markdown else f"{name:12} {n:5} {ok:5} {share}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
