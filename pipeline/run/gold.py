"""Score the pipeline on article-level gold: one article a JSONL line, the facts of its
funding event stated once, field by field (the format of ../shared/evals/score_records.py,
whose rules this module follows so that both give the same figures).

A line: {"id", "text", "published", "lang", "gold": {...}}. `published` (else `gold.date`)
is the reference date (its day only); `lang` is "fr" or "en" (anything else: detected).
Only the gold fields given (non-null) are scored:
- n_records: the number of records equals it (0: no record);
- every other record field is read from ONE record: the first whose amount (value, else low,
  else high) is within 1 % of gold.amount, else the first record; no record fails them all.
  company: names folded (case, accents, punctuation, legal suffixes such as SAS or Inc.)
  equal, or a difflib ratio of at least 0.85; amount / target: within 1 %; currency: the
  amount's ISO code; round, kind, announced: equal; lead_investors (role lead_investor),
  investors (investor or lead_investor), partners (partner), acquirer (acquirer): a name or
  a list, each gold name paired with a distinct record name and none left over;
- warning (a code or a list): each code among the document's or its records' warnings.
A document the pipeline fails on (an error) fails every field of its article. An article
passes when every scored field is right; the overall figure is fields right / fields scored.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FIELDS = ("n_records", "kind", "company", "amount", "currency", "target", "round", "announced",
          "lead_investors", "investors", "partners", "acquirer", "warning")
PARTY_ROLES = {"lead_investors": {"lead_investor"}, "investors": {"investor", "lead_investor"},
               "partners": {"partner"}, "acquirer": {"acquirer"}}
AMOUNT_TOLERANCE = 0.01
NAME_RATIO = 0.85
LEGAL_SUFFIXES = frozenset(
    "sa sas sasu sarl eurl sca sci scop se snc gie inc incorporated ltd limited llc llp lp plc corp corporation "
    "co gmbh ag kg bv nv oy oyj ab as asa aps spa srl sl sro pty pte kk sprl srls".split())


class GoldError(ValueError):
    """A gold file that cannot be read (the message says where)."""


@dataclass
class GoldReport:
    fields: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0] for f in FIELDS})  # [scored, right]
    articles: list[int] = field(default_factory=lambda: [0, 0])  # [scored, every field right]
    failures: list[str] = field(default_factory=list)

    @property
    def scored(self) -> list[int]:
        return [sum(v[0] for v in self.fields.values()), sum(v[1] for v in self.fields.values())]

    def rates(self) -> dict[str, float]:
        """Each scored field's accuracy, then `articles` and `fields (all)`."""
        out = {f: right / n for f, (n, right) in self.fields.items() if n}
        for name, (n, right) in (("articles", self.articles), ("fields (all)", self.scored)):
            if n:
                out[name] = right / n
        return out

    def as_dict(self) -> dict:
        n, right = self.scored
        return {"fields": {f: {"n": v[0], "pass": v[1], "rate": round(v[1] / v[0], 4)}
                           for f, v in self.fields.items() if v[0]},
                "articles": {"n": self.articles[0], "pass": self.articles[1],
                             "rate": round(self.articles[1] / self.articles[0], 4) if self.articles[0] else None},
                "n": n, "passed": right, "rate": round(right / n, 4) if n else None}


def is_gold_file(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() == ".jsonl"


def load_gold(path: Path) -> list[dict]:
    """The lines that have a `gold` object; a line that is not a JSON object is refused."""
    import orjson

    rows = []
    with open(path, "rb") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise GoldError(f"{path}:{n}: not JSON ({exc})") from None
            if not isinstance(row, dict) or "id" not in row or not isinstance(row.get("text"), str):
                raise GoldError(f"{path}:{n}: a gold line is an object with `id`, `text` and `gold`")
            if isinstance(row.get("gold"), dict):
                rows.append(row)
    return rows


def as_document(row: dict):
    from milliard.schema import InputDocument

    ref = row.get("published") or row["gold"].get("date")
    published = ref[:10] if isinstance(ref, str) and re.match(r"\d{4}-\d{2}-\d{2}", ref) else None
    lang = row.get("lang") if row.get("lang") in ("fr", "en") else None
    return InputDocument(id=str(row["id"]), text=row["text"], published=published, lang=lang)


def evaluate_gold(path: Path, extractor=None, on_result: Callable[[int], None] | None = None) -> GoldReport:
    """Run the pipeline on every article of PATH and score it; `on_result(n)` after each."""
    from milliard.io.sources import Item
    from milliard.run.runners import TASK_SIZE, chunks, process_items, shared_extractor

    extractor = extractor or shared_extractor()
    rows = load_gold(path)
    first = {}  # one document per id, as docs_from_suite.py builds them
    for row in rows:
        first.setdefault(str(row["id"]), row)
    results, done = {}, 0
    for batch in chunks((Item(id=i, source=str(path), doc=as_document(r)) for i, r in first.items()), TASK_SIZE):
        for item, res in zip(batch, process_items(extractor, batch)):
            results[item.id] = res.to_json(mentions=False)
        done += len(batch)
        if on_result:
            on_result(done)
    report = GoldReport()
    for row in rows:
        score_article(report, row, results[str(row["id"])])
    return report


def score_article(report: GoldReport, row: dict, pred: dict) -> None:
    gold = row["gold"]
    scored = [f for f in FIELDS if gold.get(f) is not None]
    if not scored:
        return
    error = pred.get("error")
    verdicts = {f: False for f in scored} if error else judge(gold, scored, pred)
    for f, ok in verdicts.items():
        report.fields[f][0] += 1
        report.fields[f][1] += ok
    report.articles[0] += 1
    report.articles[1] += all(verdicts.values())
    wrong = [f for f, ok in verdicts.items() if not ok]
    if wrong:
        why = f" [error {error['code']}]" if error else ""
        report.failures.append(f"{row['id']}: wrong {', '.join(wrong)}{why}; gold "
                               f"{ {f: gold[f] for f in scored} }; got {shown(pred, gold, scored)}")


def judge(gold: dict, scored: list[str], pred: dict) -> dict[str, bool]:
    records = pred.get("records") or []
    rec = pick_record(records, gold)
    out = {}
    for f in scored:
        if f == "n_records":
            out[f] = len(records) == int(gold[f])
        elif f == "warning":
            out[f] = set(as_list(gold[f])) <= warning_codes(pred)
        else:
            out[f] = rec is not None and field_right(f, rec, gold[f])
    return out


def field_right(name: str, rec: dict, want) -> bool:
    if name == "company":
        return same_company(rec.get("company"), want)
    if name in ("amount", "target"):
        return close(money_scalar(rec.get(name)), float(want))
    if name == "currency":
        return (rec.get("amount") or {}).get("currency") == str(want).strip().upper()
    if name in PARTY_ROLES:
        return names_match(party_names(rec, PARTY_ROLES[name]), as_list(want))
    return rec.get(name) == want  # round, kind, announced


def pick_record(records: list[dict], gold: dict) -> dict | None:
    if gold.get("amount") is not None:
        for r in records:
            if close(money_scalar(r.get("amount")), float(gold["amount"])):
                return r
    return records[0] if records else None


def money_scalar(money: dict | None) -> float | None:
    for key in ("value", "low", "high"):
        if money and isinstance(money.get(key), (int, float)):
            return money[key]
    return None


def close(got: float | None, want: float) -> bool:
    if got is None:
        return False
    return abs(got) < 1e-9 if want == 0 else abs(got - want) <= AMOUNT_TOLERANCE * abs(want)


def fold_company(name: str | None) -> str:
    """'Acme S.A.S.' -> 'acme': no accents, no case, no punctuation, no legal suffix."""
    if not name:
        return ""
    text = "".join(c for c in unicodedata.normalize("NFKD", str(name)) if not unicodedata.combining(c)).casefold()
    text = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\b\.?)", "", text)  # s.a.s. -> sas.
    words = re.sub(r"[^\w\s]", " ", text).split()
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    while len(words) > 1 and words[0] in LEGAL_SUFFIXES:
        words.pop(0)
    return " ".join(words)


def same_company(got: str | None, want: str | None) -> bool:
    a, b = fold_company(got), fold_company(want)
    return bool(a and b) and (a == b or difflib.SequenceMatcher(None, a, b).ratio() >= NAME_RATIO)


def party_names(rec: dict, roles: set[str]) -> list[str]:
    """The names of the record's parties in ROLES, a name folded the same counted once."""
    names, seen = [], set()
    for p in rec.get("parties") or []:
        key = fold_company(p.get("name"))
        if p.get("role") in roles and p.get("name") and key and key not in seen:
            seen.add(key)
            names.append(p["name"])
    return names


def names_match(got: list[str], want: list[str]) -> bool:
    unique = []
    for name in want:
        if fold_company(name) not in {fold_company(w) for w in unique}:
            unique.append(name)
    if len(got) != len(unique):
        return False
    left = list(got)
    for name in unique:
        hit = next((g for g in left if same_company(g, name)), None)
        if hit is None:
            return False
        left.remove(hit)
    return True


def warning_codes(pred: dict) -> set[str]:
    codes = {w.get("code") for w in pred.get("warnings") or []}
    for r in pred.get("records") or []:
        codes |= {w.get("code") for w in r.get("warnings") or []}
    return codes


def as_list(value) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def shown(pred: dict, gold: dict, scored: list[str]) -> dict:
    """What the pipeline gave for the scored fields (for -v)."""
    records = pred.get("records") or []
    rec = pick_record(records, gold) or {}
    out = {"n_records": len(records)}
    for f in scored:
        if f in ("amount", "currency", "target"):
            money = rec.get("target" if f == "target" else "amount") or {}
            out[f] = f"{money_scalar(money)} {money.get('currency')}" if money else None
        elif f in PARTY_ROLES:
            out[f] = party_names(rec, PARTY_ROLES[f])
        elif f == "warning":
            out[f] = sorted(c for c in warning_codes(pred) if c)
        elif f != "n_records":
            out[f] = rec.get(f)
    return out
