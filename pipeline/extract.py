"""One document in, one CONTRACT result out: the orchestration of every stage.

The regex stages (amounts, dates) read the whole text; the NER model reads only the
paragraphs a cheap scan selects (`records.needs_model`), once per distinct paragraph
(a repeated paragraph reuses the entities of its first copy).
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Iterable, Iterator

from . import amounts as amounts_stage
from . import dates as dates_stage
from . import entities as entities_stage
from . import records as records_stage
from .cascade import model_chunks
from .context import DocContext
from .lang import UnsupportedLanguage, supported
from .langdetect import detect
from .schema import DocumentResult, Entity, ErrorInfo, InputDocument, Warning
from .text import NormText, duplicate_spans, paragraphs

MAX_CHARS = 5_000_000  # larger texts are refused with `too_large` (see README: limits)


class DocumentError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def parse_published(value) -> date | None:
    """`YYYY-MM-DD` or an ISO datetime; None stays None; anything else is an error."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise DocumentError("bad_published", f"published must be a string, not {type(value).__name__}")
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        raise DocumentError("bad_published", f"published {value!r} is not an ISO date") from None


class Extractor:
    """Holds the loaded models; `extract()` is safe to call for many documents."""

    def __init__(self, cascade: bool = True, model_size: str | None = None):
        self.cascade = cascade
        self.model_size = model_size
        self._nlp: dict[str, object] = {}

    def nlp(self, lang: str):
        if lang not in self._nlp:
            from .models import load
            self._nlp[lang] = load(lang, stages=False, size=self.model_size)
        return self._nlp[lang]

    # -- public -------------------------------------------------------------
    def extract(self, doc: InputDocument) -> DocumentResult:
        return next(self.extract_many([doc]))

    def extract_many(self, docs: Iterable[InputDocument]) -> Iterator[DocumentResult]:
        for doc in docs:
            try:
                yield self._extract(doc)
            except DocumentError as exc:
                yield error_result(doc.id, exc.code, exc.message)
            except Exception as exc:  # one broken document must not stop a batch
                yield error_result(doc.id, "internal_error", f"{type(exc).__name__}: {exc}")

    # -- stages -------------------------------------------------------------
    def _extract(self, doc: InputDocument) -> DocumentResult:
        ctx = self.prepare(doc)
        if ctx.norm.strip():
            self.run_stages(ctx)
        records, record_warnings = records_stage.build_records(ctx) if ctx.norm.strip() else ([], [])
        result = DocumentResult(id=doc.id, lang=ctx.lang, amounts=ctx.amounts, dates=ctx.dates,
                                entities=ctx.entities, records=records,
                                warnings=ctx.warnings + record_warnings)
        return to_original(result, ctx.text)

    def prepare(self, doc: InputDocument) -> DocContext:
        if len(doc.text) > MAX_CHARS:
            raise DocumentError("too_large", f"text has {len(doc.text)} characters; the limit is {MAX_CHARS}")
        published = parse_published(doc.published)
        lang = (doc.lang or "").lower() or detect(doc.text)
        if lang not in supported():
            raise DocumentError("unsupported_language",
                                f"language {lang!r} is not supported (supported: {', '.join(supported())})")
        text = NormText.of(doc.text)
        paras = paragraphs(text.norm)
        ctx = DocContext(text=text, lang=lang, published=published, title=doc.title,
                         paragraphs=paras, duplicates=duplicate_spans(paras))
        if ctx.duplicates:
            ctx.warnings.append(Warning(
                code="duplicate_text", spans=ctx.duplicates,
                message=f"{len(ctx.duplicates)} passage(s) repeat earlier text; events in them are counted once"))
        return ctx

    def run_stages(self, ctx: DocContext) -> None:
        ctx.amounts, warnings = amounts_stage.find_amounts(ctx.norm, ctx.lang)
        ctx.warnings += warnings
        avoid = [(a.start, a.end) for a in ctx.amounts]
        ctx.dates, warnings = dates_stage.find_dates(ctx.norm, ctx.lang, ctx.published, avoid)
        ctx.warnings += warnings
        self.read_with_model(ctx)
        ctx.entities = mirror_into_duplicates(entities_stage.find_entities(ctx), ctx)

    def read_with_model(self, ctx: DocContext) -> None:
        """Run the NER model over the selected distinct paragraphs, in bounded chunks."""
        chunks = list(model_chunks(ctx, self.cascade))
        if not chunks:
            return
        nlp = self.nlp(ctx.lang)
        texts = (ctx.norm[s:e] for s, e in chunks)
        ctx.docs = [(s, d) for (s, _), d in zip(chunks, nlp.pipe(texts, batch_size=16))]


def mirror_into_duplicates(entities: list[Entity], ctx: DocContext) -> list[Entity]:
    """A repeated paragraph is not read again: its entities are those of its first copy,
    shifted, when the two copies are the same text."""
    out = list(entities)
    for p in ctx.paragraphs:
        if p.duplicate_of is None:
            continue
        first = ctx.paragraphs[p.duplicate_of]
        if ctx.norm[first.start:first.end] != ctx.norm[p.start:p.end]:
            continue
        shift = p.start - first.start
        out += [e.model_copy(update={"start": e.start + shift, "end": e.end + shift})
                for e in entities if first.start <= e.start and e.end <= first.end]
    return sorted(out, key=lambda e: e.start)


def error_result(doc_id: str, code: str, message: str) -> DocumentResult:
    return DocumentResult(id=doc_id, error=ErrorInfo(code=code, message=message))


def to_original(result: DocumentResult, text: NormText) -> DocumentResult:
    """Map every span from matching-form offsets to the original text's."""
    original = text.original

    def fix(obj):
        obj.start, obj.end = text.orig_span(obj.start, obj.end)
        obj.text = original[obj.start:obj.end]

    def fix_warnings(warnings: list[Warning]):
        for w in warnings:
            w.spans = [text.orig_span(s, e) for s, e in w.spans]

    for m in (*result.amounts, *result.dates, *result.entities):
        fix(m)
    for r in result.records:
        for ev in r.evidence:
            fix(ev)
        fix_warnings(r.warnings)
    fix_warnings(result.warnings)
    return result
