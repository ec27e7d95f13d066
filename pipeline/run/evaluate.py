"""Score the pipeline's records against the expected records of corpus articles.

Per article, predicted and expected records are paired greedily by how well they agree
(company, amount, kind). For each field (company, amount, round, investors, kind):
- a pair whose field agrees is a true positive;
- a pair that disagrees is one false positive and one false negative;
- an unpaired predicted record is a false positive, an unpaired expected one a false negative.
`investors` compares the set of parties in the roles investor and lead_investor: each name is
counted on its own. `record` counts a pair as right when company, amount, round and kind all
agree. Names compare case-, accent- and punctuation-blind, and "Mistral" matches "Mistral AI".
Amounts agree within 0.5 % and in the same currency.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

FIELDS = ("company", "amount", "round", "investors", "kind", "record")
INVESTOR_ROLES = ("investor", "lead_investor")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    failures: list[str] = field(default_factory=list)
    articles: int = 0

    def as_dict(self) -> dict:
        return {f: {"precision": round(s.precision, 3), "recall": round(s.recall, 3), "f1": round(s.f1, 3),
                    "tp": s.tp, "fp": s.fp, "fn": s.fn} for f, s in self.scores.items()}


def norm_name(name: str | None) -> str:
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


def same_name(a: str | None, b: str | None) -> bool:
    x, y = norm_name(a), norm_name(b)
    if not x or not y:
        return x == y
    return x == y or x.startswith(y + " ") or y.startswith(x + " ")


def same_amount(a: dict | None, b: dict | None) -> bool:
    if not a or not b:
        return not a and not b
    if a.get("currency") != b.get("currency"):
        return False
    x, y = a.get("value"), b.get("value")
    if x is None or y is None:
        return x is None and y is None
    return math.isclose(x, y, rel_tol=0.005)


def investors(record: dict) -> list[str]:
    return [p["name"] for p in record.get("parties", []) if p.get("role") in INVESTOR_ROLES]


def _pair_score(pred: dict, exp: dict) -> int:
    return 2 * same_name(pred.get("company"), exp.get("company")) + 2 * same_amount(pred.get("amount"), exp.get("amount")) \
        + (pred.get("kind") == exp.get("kind"))


def pair_records(predicted: list[dict], expected: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    candidates = sorted(((_pair_score(p, e), i, j) for i, p in enumerate(predicted) for j, e in enumerate(expected)),
                        reverse=True)
    pairs, used_p, used_e = [], set(), set()
    for score, i, j in candidates:
        if score < 2 or i in used_p or j in used_e:
            continue
        used_p.add(i)
        used_e.add(j)
        pairs.append((predicted[i], expected[j]))
    return (pairs, [p for i, p in enumerate(predicted) if i not in used_p],
            [e for j, e in enumerate(expected) if j not in used_e])


def _field_agrees(name: str, pred: dict, exp: dict) -> bool:
    if name == "company":
        return same_name(pred.get("company"), exp.get("company"))
    if name == "amount":
        return same_amount(pred.get("amount"), exp.get("amount"))
    if name == "record":
        return all(_field_agrees(f, pred, exp) for f in ("company", "amount", "round", "kind"))
    return pred.get(name) == exp.get(name)


def score_article(report: Report, article_id: str, predicted: list[dict], expected: list[dict]) -> None:
    pairs, extra, missing = pair_records(predicted, expected)
    for name in FIELDS:
        s = report.scores[name]
        if name == "investors":
            _score_investors(s, pairs, extra, missing)
            for pred, exp in pairs:
                got, want = sorted(investors(pred)), sorted(investors(exp))
                if sorted(map(norm_name, got)) != sorted(map(norm_name, want)):
                    report.failures.append(f"{article_id}: investors: got {got} want {want}")
            continue
        for pred, exp in pairs:
            if _field_agrees(name, pred, exp):
                s.tp += 1
            else:
                s.fp += 1
                s.fn += 1
                report.failures.append(f"{article_id}: {name}: got {_show(name, pred)} want {_show(name, exp)}")
        s.fp += len(extra)
        s.fn += len(missing)
    for r in extra:
        report.failures.append(f"{article_id}: extra record {r.get('kind')} {r.get('company')} {_show('amount', r)}")
    for r in missing:
        report.failures.append(f"{article_id}: missing record {r.get('kind')} {r.get('company')} {_show('amount', r)}")


def _score_investors(s: Score, pairs, extra, missing) -> None:
    for pred, exp in pairs:
        got, want = investors(pred), investors(exp)
        hit = sum(1 for w in want if any(same_name(w, g) for g in got))
        s.tp += hit
        s.fn += len(want) - hit
        s.fp += sum(1 for g in got if not any(same_name(w, g) for w in want))
    s.fp += sum(len(investors(r)) for r in extra)
    s.fn += sum(len(investors(r)) for r in missing)


def _show(name: str, record: dict):
    if name == "amount":
        a = record.get("amount")
        return f"{a.get('value')} {a.get('currency')}" if a else None
    if name == "record":
        return {f: _show(f, record) for f in ("kind", "company", "amount", "round")}
    return record.get(name)


def load_articles(path: Path) -> list[dict]:
    files = sorted(path.glob("**/*.json")) if path.is_dir() else [path]
    articles = []
    for f in files:
        data = json.loads(f.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "text" in data and "expected" in data:
            articles.append(data)
    return articles


def evaluate(path: Path, extractor=None) -> Report:
    from milliard.extraction.extractor import Extractor
    from milliard.schema import InputDocument

    extractor = extractor or Extractor()
    report = Report()
    for article in load_articles(path):
        result = extractor.extract(InputDocument.model_validate(article))
        predicted = [r.model_dump(mode="json") for r in result.records]
        if result.error:
            report.failures.append(f"{article['id']}: error {result.error.code}: {result.error.message}")
        score_article(report, article["id"], predicted, article["expected"].get("records", []))
        report.articles += 1
    return report
