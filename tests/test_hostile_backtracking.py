"""Hang detector: adversarial strings made to trip catastrophic regex backtracking.

Each stage runs in a SUBPROCESS that reports when it begins and ends each step; a step
that has not ended after STEP_SECONDS (generous: a hang, not a slow run) fails the test
and names the step. This is not a speed test: `make bench` measures speed.
"""
from __future__ import annotations

import queue
import subprocess
import sys
import threading

import pytest

STEP_SECONDS = 20
LOAD_SECONDS = 180  # importing spaCy and loading the model on a busy 2-core machine

# name -> Python expression building the string (evaluated in the child)
ADVERSARIAL = {
    "spaced_ones": '"1 " * 20_000',
    "nbsp_ones": '"1\\u00a0" * 20_000',
    "thin_ones": '"1\\u202f" * 20_000',
    "dotted_ones": '"1." * 20_000',
    "comma_ones": '"1," * 20_000',
    "mixed_separators": '"1 1.1,1\\u202f" * 5_000 + "x"',
    "groups_then_no_unit": '"1 000 " * 10_000 + "x"',
    "digits_100k": '"1" * 100_000',
    "digits_then_scale": '"9" * 10_000 + " milliards de dollars"',
    "decimal_monster": '"0" * 5_000 + "," + "0" * 5_000 + " M€"',
    "entre_et": '"entre 1 et " * 5_000',
    "entre_et_chain": '"entre 5 et 8" + " et 9" * 10_000 + " M€"',
    "de_a": '"de 1 à " * 5_000',
    "du_au": '"du 1er au " * 5_000',
    "spaces": '" " * 200_000 + "5 M€"',
    "nbsp_spaces": '"\\u00a0" * 100_000 + "5 M€"',
    "apostrophes": '"\'" * 100_000',
    "curly_apostrophes": '"d’" * 50_000',
    "scale_words": '"milliards " * 20_000',
    "scale_chain": '"5 millions de milliards de " * 4_000 + "dollars"',
    "currency_soup": '"€$£ EUR USD " * 10_000',
    "bounds_soup": '"plus de moins de jusqu\'à environ près de " * 4_000 + "5"',
    "month_soup": '"janvier février 2025 " * 10_000',  # took minutes until the dates stage was made linear
    "date_digits": '"1/1/1/" * 20_000',
    "dashes": '"1-" * 50_000',
    "quarters": '"T1 T2 S1 Q3 H2 " * 10_000',
    "newlines": '"\\n" * 200_000',
    "long_line": '"a" * 1_000_000',
    "repeated_paragraphs": '"Une phrase assez longue pour compter comme paragraphe.\\n" * 20_000',
    "emoji": '"🚀💶👨‍👩‍👧 " * 20_000',
    "combining": '"e\\u0301\\u0302\\u0323" * 30_000',
    "many_amounts": '"5 M€, " * 20_000',
    "many_ranges": '"entre 5 et 8 M€. " * 30_000',
    "many_dates": '"le 3 mars 2025, " * 10_000',
    # the numeric ranges, mixed-order dates and lone days of the news forms (issue 16)
    "day_month_ranges": '"28/2-1/3-" * 10_000',
    "mixed_order_dates": '"2025/sep/23/" * 10_000',
    "day_then_word": '"le 17 pour le 17 à " * 10_000',
    "weekday_abbr": '"le 25 mar. lun. " * 10_000',
    # year words after a day, the week of a day, "la journée", quarter letters after "au", "jui."
    "year_words": '"12 mai mil neuf cent " * 10_000',
    "number_words_after_day": '"le 12 mai" + " deux mille" * 20_000',
    "week_of": '"la semaine du 15 avril " * 10_000',
    "the_day": '"sur la journée pour cette journée " * 10_000',
    "quarter_context": '"au T1 au S2 au T9 " * 10_000',
    "weekday_numeric": '"lundi 21/06 mar. 21/06 5 jui. " * 10_000',
}

PURE_CHILD = r'''
import sys
from pathlib import Path
from milliard.normalise.text import NormText, duplicate_spans, paragraphs
from milliard.normalise.amounts import find_amounts, parse_amount
from milliard.normalise.dates import find_dates

raw = eval(sys.argv[1])
def step(name, fn):
    print("begin", name, flush=True)
    out = fn()
    print("end", name, flush=True)
    return out
norm = step("NormText.of", lambda: NormText.of(raw)).norm
paras = step("paragraphs", lambda: paragraphs(norm))
step("duplicate_spans", lambda: duplicate_spans(paras))
import milliard.lang
DATA = Path(milliard.lang.__file__).parent
for lang in [l for l in ("fr", "en") if all((DATA / l / f"{d}.toml").exists() for d in ("amounts", "dates"))]:
    found = step(f"find_amounts[{lang}]", lambda: find_amounts(norm, lang))[0]
    step(f"find_dates[{lang}]", lambda: find_dates(norm, lang, None, [(a.start, a.end) for a in found]))
    step(f"parse_amount[{lang}]", lambda: parse_amount(norm[:20_000], lang))
print("done", flush=True)
'''

PIPELINE_CHILD = r'''
import sys
from milliard.extraction.extractor import Extractor
from milliard.schema import InputDocument

inputs = eval(sys.argv[1])
extractor = Extractor()
extractor.extract(InputDocument(id="warm", text="Une levée de 5 M€ à Paris.", lang="fr"))
print("loaded", flush=True)
for name, expr in inputs.items():
    print("begin", name, flush=True)
    result = extractor.extract(InputDocument(id=name, text=eval(expr), lang="fr"))
    print("end", name, result.error.code if result.error else "ok", flush=True)
print("done", flush=True)
'''


def watch(args: list[str], first_timeout: float) -> list[str]:
    """Run a child; fail if any step (the time between two lines it prints) exceeds
    STEP_SECONDS, naming the step that hung."""
    proc = subprocess.Popen([sys.executable, "-c", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x.rstrip("\n")) for x in proc.stdout] + [lines.put(None)],
                     daemon=True).start()
    seen, timeout = [], first_timeout
    try:
        while True:
            try:
                line = lines.get(timeout=timeout)
            except queue.Empty:
                pytest.fail(f"no progress for {timeout:.0f} s after {seen[-1] if seen else 'start'!r}: a hang")
            if line is None:
                break
            seen.append(line)
            timeout = STEP_SECONDS
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    err = proc.stderr.read()
    assert proc.returncode == 0 and seen[-1] == "done", f"child failed after {seen[-1:]}: {err[-2000:]}"
    return seen


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_normalisers_finish_on_adversarial_text(name):
    watch([PURE_CHILD, ADVERSARIAL[name]], first_timeout=60)


@pytest.mark.slow
def test_the_whole_pipeline_finishes_on_adversarial_text():
    # a sample across the families above keeps CI time bounded; each step still has its own deadline
    names = ["spaced_ones", "dotted_ones", "digits_then_scale", "entre_et", "entre_et_chain", "spaces",
             "curly_apostrophes", "scale_chain", "bounds_soup", "month_soup", "quarters", "emoji", "combining",
             "many_dates"]
    inputs = {n: ADVERSARIAL[n] for n in names}
    seen = watch([PIPELINE_CHILD, repr(inputs)], first_timeout=LOAD_SECONDS)
    ends = [line.split() for line in seen if line.startswith("end ")]
    assert [e[1] for e in ends] == names
    assert {e[2] for e in ends} <= {"ok", "unsupported_language"}, ends
