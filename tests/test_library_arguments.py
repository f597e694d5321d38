"""The library raises its own errors, in the caller's language, for arguments of the wrong kind
(attack log #12.13), and a source link must open a document."""

from __future__ import annotations

import pytest

from sekswerk_rules import EvaluationError, RegimeError, evaluate, load_regime

CASE = {"municipality": "leeuwarden", "reference_date": "2024-05-01"}


@pytest.mark.parametrize("arguments", [{"municipality": 5}, {"regime": 5}, {"lang": "de"}, {"lang": "NL"}], ids=["municipality=5", "regime=5", "lang=de", "lang=NL"])
def test_an_argument_of_the_wrong_kind_is_the_librarys_own_error(arguments):
    with pytest.raises(EvaluationError) as caught:
        evaluate(CASE, **arguments)
    assert caught.value.codes == ["invalid_argument"]


@pytest.mark.parametrize(
    ("url", "words"),
    [("javascript:alert(1)", "https-adres"), ("https://lokaleregelgeving.overheid.nl/", "voorpagina"), ("https://www.groningen.nl", "voorpagina")],
)
def test_a_source_link_that_opens_no_document_is_refused_with_file_line_and_key(tmp_path, url, words):
    (tmp_path / "r.toml").write_text(
        'id = "stad"\nname = "Stad"\nextends = "model-apv"\n[[versions]]\nvalid_from = 2020-01-01\n'
        "[versions.rules.minimumleeftijd]\nage = 22\n"
        f'basis = [{{ kind = "bylaw", title = "APV Stad", identifier = "CVDR1", url = "{url}", confidence = "high" }}]\n'
    )
    with pytest.raises(RegimeError) as caught:
        load_regime(tmp_path / "r.toml")
    message = caught.value.render("nl")
    assert "r.toml, regelnummer 8: versions[0].rules.minimumleeftijd.basis[0]:" in message and words in message
    assert url not in message


def test_a_basis_without_a_kind_or_a_registry_source_is_refused():
    with pytest.raises(RegimeError) as caught:
        from sekswerk_rules.regime import loads

        loads(
            'id = "stad"\nname = "Stad"\nextends = "model-apv"\n[[versions]]\nvalid_from = 2020-01-01\n'
            '[versions.rules.minimumleeftijd]\nage = 22\nbasis = [{ citation = "APV", url = "https://example.org/apv", confidence = "high" }]\n'
        )
    assert "'source'" in caught.value.render("nl") and "'kind'" in caught.value.render("nl")


@pytest.mark.parametrize("call", ["get_regime(Path)", "get_regime(None)", "load_regime(bytes)"])
def test_a_regime_asked_for_with_the_wrong_kind_of_argument_is_the_librarys_own_error(call):
    from pathlib import Path

    from sekswerk_rules import get_regime

    calls = {"get_regime(Path)": lambda: get_regime(Path("leeuwarden")), "get_regime(None)": lambda: get_regime(None), "load_regime(bytes)": lambda: load_regime(b"x.toml")}
    with pytest.raises(EvaluationError) as caught:
        calls[call]()
    assert caught.value.codes == ["invalid_argument"]


def test_any_mapping_is_a_case_as_the_signature_says():
    from collections import UserDict
    from types import MappingProxyType

    expected = evaluate(CASE).model_dump(mode="json")
    assert evaluate(MappingProxyType(CASE)).model_dump(mode="json") == expected
    assert evaluate(UserDict(CASE)).model_dump(mode="json") == expected


def test_more_arguments_of_the_wrong_kind_are_the_librarys_own_errors():
    from collections.abc import Mapping

    from sekswerk_rules import CaseError, get_regime

    class BytesPath:
        def __fspath__(self):
            return b"r.toml"

    class Failing(Mapping):  # its own error message holds a value: never passed on
        def __getitem__(self, key):
            raise KeyError("Jan Jansen 1999-04-02")

        def __iter__(self):
            return iter(["municipality"])

        def __len__(self):
            return 1

    for call in (lambda: load_regime(BytesPath()), lambda: evaluate(CASE, regimes=b"/tmp"), lambda: get_regime("leeuwarden", lang="de"), lambda: load_regime("r.toml", lang="de")):
        with pytest.raises(EvaluationError) as caught:
            call()
        assert caught.value.codes == ["invalid_argument"]
    with pytest.raises(CaseError) as refused:
        evaluate(Failing())
    assert refused.value.codes == ["not_an_object"] and "Jansen" not in str(refused.value)
