"""The cascade: which pieces the NER model reads, in pieces and batches of bounded size, and
the proof that it changes no record (cascade on vs off on the corpus and on generated news)."""
from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milliard.extraction import cascade
from milliard.extraction.cascade import MODEL_BATCH_CHARS, MODEL_CHUNK_CHARS, char_batches, cut, model_chunks, pieces
from milliard.normalise.context import DocContext
from milliard.normalise.text import NormText, duplicate_spans, paragraphs
from milliard.schema import Amount, InputDocument

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "corpus" / "articles").glob("*.json"))


def context(text: str, amounts: list[tuple[int, int]] = ()) -> DocContext:
    norm = NormText.of(text)
    paras = paragraphs(norm.norm)
    ctx = DocContext(text=norm, lang="fr", paragraphs=paras, duplicates=duplicate_spans(paras))
    ctx.amounts = [Amount(text=text[s:e], start=s, end=e) for s, e in amounts]
    return ctx


# -- pieces ---------------------------------------------------------------------------------
def test_cut_prefers_sentence_ends_then_spaces():
    text = "Une phrase courte. Une autre phrase. Un mot interminable"
    assert [text[s:e] for s, e in cut(text, 0, len(text), limit=40)] == \
        ["Une phrase courte. Une autre phrase.", "Un mot interminable"]
    assert [text[s:e] for s, e in cut(text, 0, len(text), limit=12)][-2:] == ["Un mot", "interminable"]
    assert cut("abcdefghij", 0, 10, limit=4) == [(0, 4), (4, 8), (8, 10)]  # no space: hard cut


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .\n!", max_size=400), st.integers(min_value=1, max_value=60))
def test_cut_covers_the_text_in_order_within_the_limit(text, limit):
    spans = cut(text, 0, len(text), limit)
    assert all(0 < e - s <= limit for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    gaps = [text[a[1]:b[0]] for a, b in zip(spans, spans[1:])]
    assert all(g.isspace() for g in gaps if g)  # only spaces are skipped between pieces
    if spans:
        assert spans[0][0] == 0 and not text[spans[-1][1]:].strip()


def test_pieces_skip_repeated_paragraphs_and_bound_long_ones():
    para = "La société lyonnaise recrute des ingénieurs pour son usine."
    long_line = " ".join(["Une phrase de remplissage assez longue."] * 400)
    ctx = context(f"{para}\nAutre chose ici.\n{para}\n{long_line}")
    spans = pieces(ctx)
    assert ctx.norm[slice(*spans[0])] == para
    assert [ctx.norm[s:e] for s, e in spans].count(para) == 1
    assert len(spans) > 3 and all(e - s <= MODEL_CHUNK_CHARS for s, e in spans)


# -- selection ------------------------------------------------------------------------------
@pytest.fixture
def triggers(monkeypatch):
    """needs_model and can_hold_event replaced by a visible rule: a text can hold an event if it
    says LEVE."""
    monkeypatch.setattr(cascade.records_stage, "needs_model", lambda text, lang: "LEVE" in text)
    monkeypatch.setattr(cascade.records_stage, "can_hold_event", lambda ctx: "LEVE" in ctx.norm)


def test_a_document_without_trigger_is_not_read_even_with_amounts(triggers):
    ctx = context("Le CAC 40 gagne 12 points.\nLe club achète un joueur 5 M€.", amounts=[(43, 47)])
    assert model_chunks(ctx, cascade=True) == []
    assert len(model_chunks(ctx, cascade=False)) == 2


def test_in_a_triggered_document_trigger_and_amount_pieces_are_read(triggers):
    text = "X LEVE des fonds.\nLe montant atteint 5 M€.\nUne citation du fondateur."
    ctx = context(text, amounts=[(text.index("5 M€"), text.index("5 M€") + 4)])
    assert [ctx.norm[s:e] for s, e in model_chunks(ctx, cascade=True)] == \
        ["X LEVE des fonds.", "Le montant atteint 5 M€."]


def test_real_trigger_scan_tells_funding_from_sport():
    text = "La start-up a levé 5 millions d'euros auprès de ses investisseurs."
    funding = context(text, amounts=[(text.index("5"), text.index(" auprès"))])
    sport = context("Le club s'est imposé 2-0 face à son rival samedi soir.")
    assert model_chunks(funding, cascade=True) and not model_chunks(sport, cascade=True)


@pytest.mark.parametrize("text", [
    "Le club a investi dans un nouveau centre d'entraînement, inauguré au printemps.",  # nobody, no money
    "Les taux d'emprunt de l'État se sont détendus, à 3,1 %.",  # a rate of debt, no loan
    "Les marchés obligataires ont peu réagi. La bourse de Paris a fini stable.",
    "Ses objectifs de financement restent flous.",  # a weak trigger far from any amount
])
def test_a_trigger_that_cannot_start_an_event_is_not_read(text):
    assert model_chunks(context(text), cascade=True) == []


@pytest.mark.parametrize("text", [
    "Le studio Korvel a été racheté.",  # a name after the opening word
    "Korvel a été racheté.",  # the opening word is no stop word: maybe a name
    "Korvel vise 50 M€.\nElle a été rachetée.",  # "elle" borrows the subject of a sentence with money
    "La société lyonnaise a bouclé son amorçage.",  # a round word
    "le fonds a16z a investi dans la société.",  # a known name in lower case
])
def test_a_trigger_that_may_start_an_event_is_read(text):
    amounts = [(text.index("50"), text.index("50") + 5)] if "50 M€" in text else []
    assert model_chunks(context(text, amounts), cascade=True)


# -- batches --------------------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=120), max_size=60), st.integers(min_value=1, max_value=200))
def test_char_batches_keep_order_and_bound_size(sizes, limit):
    items = ["x" * n for n in sizes]
    batches = list(char_batches(iter(items), limit))
    assert [x for b in batches for x in b] == items
    assert all(sum(map(len, b)) <= limit or len(b) == 1 for b in batches)


def test_read_hands_the_model_bounded_batches_in_order():
    seen = []

    class FakeNlp:
        def pipe(self, texts, batch_size):
            texts = list(texts)
            seen.append((len(texts), batch_size, sum(map(len, texts))))
            return iter(t.upper() for t in texts)

    texts = [f"texte {i} " * (i % 50 + 1) for i in range(2_000)]
    assert list(cascade.read(FakeNlp(), texts)) == [t.upper() for t in texts]
    assert len(seen) > 1 and all(n == bs and chars <= MODEL_BATCH_CHARS for n, bs, chars in seen)


# -- the proof: records do not change -------------------------------------------------------
def bench_docs(kind: str, n: int) -> list[InputDocument]:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "corpus" / "bench" / "generate.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    return [InputDocument.model_validate({k: v for k, v in d.items() if k != "kind"}) for d in gen.corpus(kind, n, seed=3)]


def corpus_docs() -> list[InputDocument]:
    return [InputDocument.model_validate(json.loads(p.read_text(encoding="utf-8"))) for p in ARTICLES]


def records_of(extractor, docs):
    return {r.id: ([x.model_dump() for x in r.records], r.error) for r in extractor.extract_many(docs)}


@pytest.mark.slow
@pytest.mark.parametrize("source", ["corpus/articles", "generated mix", "generated dense"])
def test_cascade_changes_no_record(extractor, source):
    if source == "corpus/articles":
        if not ARTICLES:
            pytest.skip("corpus/articles is empty")
        docs = corpus_docs()
    else:
        docs = bench_docs("mix" if "mix" in source else "dense", 60)
    full = copy.copy(extractor)  # shares the loaded model
    full.cascade = False
    on, off = records_of(extractor, docs), records_of(full, docs)
    assert sum(len(recs) for recs, _ in off.values()) > 0  # the comparison is not vacuous
    assert on == off
