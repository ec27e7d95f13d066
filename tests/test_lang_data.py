"""Language = data: every supported language has checked data files, corpus examples and a
pipeline definition; a bad file fails at load time naming the file and the key; a language
can be added from outside the package (milliard.lang.register, $MILLIARD_LANG_PATH)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import milliard.lang
from milliard.lang import LanguageDataError, UnsupportedLanguage, data, supported
from milliard.lang.schema import MODELS

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_LANGUAGES = ROOT / "tests" / "fixtures" / "lang"


@pytest.mark.parametrize("lang", supported())
def test_every_supported_language_has_valid_data_corpus_and_a_model(lang):
    for dimension in MODELS:
        assert (ROOT / "pipeline" / "lang" / lang / f"{dimension}.toml").exists(), dimension
        assert data(lang, dimension), dimension  # checked against its model when loaded
    for kind in ("amounts", "dates"):
        assert (ROOT / "corpus" / kind / f"{lang}.toml").exists(), kind
    assert (ROOT / "models" / f"{lang}.toml").exists()


def _copy_of(tmp_path: Path, lang: str, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(ROOT / "pipeline" / "lang" / lang, target)
    return target


@pytest.fixture
def registered(tmp_path):
    milliard.lang.register(tmp_path)
    yield tmp_path
    milliard.lang.unregister(tmp_path)


def test_a_missing_key_names_the_file_and_the_key(registered):
    folder = _copy_of(registered, "fr", "zz")
    path = folder / "dates.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('between = ["entre"]\n', ""), encoding="utf-8")
    with pytest.raises(LanguageDataError) as err:
        data("zz", "dates")
    assert str(path) in str(err.value) and "[ranges.between] missing key" in str(err.value)


def test_a_misspelt_key_names_the_file_and_the_key(registered):
    folder = _copy_of(registered, "fr", "zz")
    path = folder / "amounts.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nlow = [", "\nlwo = ["), encoding="utf-8")
    with pytest.raises(LanguageDataError) as err:
        data("zz", "amounts")
    assert str(path) in str(err.value) and "[bounds.lwo] unknown key" in str(err.value)


def test_a_value_of_the_wrong_kind_is_refused(registered):
    folder = _copy_of(registered, "en", "zz")
    path = folder / "entities.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('label = "ORG"', 'label = "COMPANY"', 1), encoding="utf-8")
    with pytest.raises(LanguageDataError) as err:
        data("zz", "entities")
    assert "[entity.0.label]" in str(err.value)


def test_a_file_that_is_not_toml_is_a_clear_error(registered):
    (registered / "zz").mkdir()
    (registered / "zz" / "amounts.toml").write_text("[numbers\n", encoding="utf-8")
    with pytest.raises(LanguageDataError, match="not valid TOML"):
        data("zz", "amounts")


def test_a_language_from_the_environment(monkeypatch):
    assert "xx" not in supported()
    monkeypatch.setenv(milliard.lang.ENV, str(FIXTURE_LANGUAGES))
    assert "xx" in supported()
    assert data("xx", "amounts")["context"]["default_currency"] == "EUR"
    monkeypatch.delenv(milliard.lang.ENV)
    milliard.lang.data.cache_clear()
    with pytest.raises(UnsupportedLanguage):
        data("xx", "amounts")


def test_the_package_language_wins_over_a_registered_one(registered):
    folder = _copy_of(registered, "en", "fr")  # an "fr" folder that is in fact English
    assert milliard.lang.folder("fr") != folder
    assert data("fr", "language")["lingua"] == "FRENCH"


def test_register_refuses_a_missing_folder(tmp_path):
    with pytest.raises(FileNotFoundError):
        milliard.lang.register(tmp_path / "nowhere")
