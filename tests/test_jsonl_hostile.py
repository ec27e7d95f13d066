"""The JSONL mode under hostile lines: every input line gets its own output line, in order,
with an `error` where the line is broken; the other lines are processed."""
from __future__ import annotations

import io
import json
import subprocess
import sys

import orjson
import pytest

from milliard.io.jsonl import BadLine, parse_line, read_lines


def bad(raw: bytes, lineno: int = 7):
    with pytest.raises(BadLine) as err:
        parse_line(raw, lineno)
    return err.value.result


@pytest.mark.parametrize("raw, code", [
    (b"", "empty_line"), (b"   \t ", "empty_line"), (b"not json", "bad_json"),
    (b"{\"id\": \"a\", \"text\": ", "bad_json"), (b"[1, 2]", "bad_json"), (b"\"text\"", "bad_json"),
    (b"null", "bad_json"), (b"\xff\xfe{\"id\": 1}", "bad_encoding"),
    (b"{\"id\": \"a\", \"text\": \"caf\xe9\"}", "bad_encoding"),
    (b"{\"id\": \"a\", \"text\": \"\\ud800\"}", "bad_json"),  # a lone surrogate is not text
    (b"{\"id\": \"a\", \"text\": NaN}", "bad_json"),
])
def test_unreadable_lines_answer_under_the_line_number(raw, code):
    result = bad(raw)
    assert result.id == "line:7" and result.error.code == code
    assert result.error.message and "\n" not in result.error.message


@pytest.mark.parametrize("obj, code", [
    ({"id": "a"}, "bad_text"), ({"id": "a", "text": None}, "bad_text"), ({"id": "a", "text": 12}, "bad_text"),
    ({"id": "a", "text": ["x"]}, "bad_text"), ({"id": "a", "text": "x", "published": 20260101}, "bad_published"),
    ({"id": "a", "text": "x", "lang": ["fr"]}, "bad_lang"), ({"id": "a", "text": "x", "title": {}}, "bad_title"),
])
def test_broken_fields_keep_the_id(obj, code):
    result = bad(orjson.dumps(obj))
    assert result.id == "a" and result.error.code == code


@pytest.mark.parametrize("given, expected", [(5, "5"), (-1, "-1"), (1.5, "1.5"), ("", ""), ("x\u0000y", "x\u0000y"),
                                             (10**30 + 7, str(10**30 + 7)), (-(2**64), str(-(2**64)))])
def test_numeric_and_odd_string_ids_are_kept(given, expected):
    assert parse_line(json.dumps({"id": given, "text": "t"}).encode(), 1).id == expected


@pytest.mark.parametrize("given", [{"a": 1}, [1], True])
def test_structured_ids_are_refused_under_their_json_text(given):
    result = bad(orjson.dumps({"id": given, "text": "t"}))
    assert result.error.code == "bad_id" and result.id == orjson.dumps(given).decode()


def test_missing_id_falls_back_to_the_line_number():
    assert parse_line(b'{"text": "t"}', 3).id == "line:3"


def test_bom_and_crlf_do_not_break_a_line():
    stream = io.BytesIO(b'\xef\xbb\xbf{"id": "a", "text": "x"}\r\n{"id": "b", "text": "y"}')
    ids = [parse_line(raw, n).id for n, raw in read_lines(stream)]
    assert ids == ["a", "b"]


def test_unicode_line_separators_inside_text_do_not_split_lines():
    text = "un\u2028deux\u2029trois\x85quatre\x0cfin\rici"
    stream = io.BytesIO(orjson.dumps({"id": "a", "text": text}) + b"\n")
    lines = list(read_lines(stream))
    assert len(lines) == 1 and parse_line(lines[0][1], 1).text == text


# -- through the command ----------------------------------------------------------
BIG = "La filiale publie un rapport sans montant.\n" * 24_000  # ~1 MB
HOSTILE_LINES: list[tuple[bytes, str, str | None]] = [  # (line, expected id, expected error code)
    (b'\xef\xbb\xbf{"id": "bom", "text": "Premier document."}', "bom", None),
    (b"", "line:2", "empty_line"),
    (b"{ this is not json", "line:3", "bad_json"),
    (b'{"id": "latin1", "text": "lev\xe9e"}', "line:4", "bad_encoding"),
    (b'{"id": "notext"}', "notext", "bad_text"),
    (b'{"id": 42, "text": "Un identifiant entier."}', "42", None),
    (b'{"id": {"x": 1}, "text": "t"}', '{"x":1}', "bad_id"),
    (orjson.dumps({"id": "nul", "text": "NUL\u0000au milieu \u0007 et \u001b[31m couleurs", "lang": "fr"}), "nul", None),
    (orjson.dumps({"id": "rtl", "text": "\u202eשלום 5 מיליון \u202c مرحبا ١٢٣ 🚀💶", "lang": "fr"}), "rtl", None),
    (orjson.dumps({"id": "baddate", "text": "x", "published": "hier"}), "baddate", "bad_published"),
    (orjson.dumps({"id": "xx", "text": "x", "lang": "xx"}), "xx", "unsupported_language"),
    (orjson.dumps({"id": "big", "text": BIG}), "big", None),
    (orjson.dumps({"id": "huge", "text": "a" * 5_000_001}), "huge", "too_large"),
    (b'{"id": "crlf", "text": "Une fin de ligne \xc3\xa0 la mani\xc3\xa8re de Windows, rien de plus."}\r', "crlf", None),
    (b'{"id": "last", "text": "Dernier, sans fin de ligne."}', "last", None),
]


@pytest.mark.slow
def test_the_command_answers_every_hostile_line_in_order():
    feed = b"\n".join(line for line, _, _ in HOSTILE_LINES)
    proc = subprocess.run([sys.executable, "-m", "milliard.cli", "extract", "--input-format", "jsonl",
                           "--mentions", "-"], input=feed, capture_output=True, timeout=600)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == [i for _, i, _ in HOSTILE_LINES]
    assert [(o["error"] or {}).get("code") for o in out] == [c for _, _, c in HOSTILE_LINES]
    for o in out:
        assert {"records", "warnings", "amounts", "dates", "entities", "error"} <= set(o)
        if o["error"]:
            assert o["records"] == [] and o["error"]["message"]


# -- property: any bytes at all ----------------------------------------------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from milliard.io.jsonl import dumps  # noqa: E402
from milliard.schema import DocumentResult, InputDocument  # noqa: E402

EXAMPLES = int(__import__("os").environ.get("MILLIARD_FUZZ_EXAMPLES", "2000"))


def nested(inner):
    return st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                           nested, max_leaves=8)
objects = st.fixed_dictionaries({}, optional={
    "id": json_values, "text": json_values, "published": json_values, "lang": json_values, "title": json_values})


def encode(obj) -> bytes:  # the stdlib writes big integers, which orjson refuses to
    return json.dumps(obj, ensure_ascii=False).encode()


lines = st.one_of(st.binary(max_size=200), objects.map(encode),
                  objects.map(lambda o: encode(o)[:-1]),            # cut short
                  objects.map(lambda o: b"\xef\xbb\xbf" + encode(o)))  # with a BOM


@pytest.mark.fuzz
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines, st.integers(1, 10**6))
def test_any_line_is_a_document_or_an_error_line(raw, lineno):
    try:
        doc = parse_line(raw, lineno)
    except BadLine as bad:
        result = bad.result
        assert result.error.code and result.error.message and isinstance(result.id, str)
        assert DocumentResult.model_validate_json(dumps(result)) == result
        return
    assert isinstance(doc, InputDocument) and isinstance(doc.id, str) and isinstance(doc.text, str)
    assert all(v is None or isinstance(v, str) for v in (doc.published, doc.lang, doc.title))


@pytest.mark.fuzz
@settings(max_examples=max(100, EXAMPLES // 10), deadline=None)
@given(st.lists(lines.map(lambda b: b.replace(b"\n", b" ")), max_size=20), st.sampled_from([b"\n", b"\r\n"]))
def test_a_stream_gives_one_answer_per_line(raw_lines, eol):
    stream = io.BytesIO(eol.join(raw_lines) + (eol if raw_lines else b""))
    answered = []
    for n, raw in read_lines(stream):
        try:
            answered.append(parse_line(raw, n).id)
        except BadLine as bad:
            answered.append(bad.result.id)
    assert len(answered) == len(raw_lines)
