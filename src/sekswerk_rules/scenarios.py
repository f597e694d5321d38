"""Scenario's: de uitvoerbare specificatie van een regime, geschreven zonder Python.

A scenario file is TOML in Dutch words: the facts of a case with Dutch labels and values
(``leeftijd = 20``, ``werkplek = "raam"``), a reference date, and what the rules must say
(``oordeel = "onbepaald"``, the rule that decides, the missing facts, "legaal tot en met").
Policy staff read and write them as the specification of their APV; the test suite and
``sekswerk-rules toets`` run them. Every shipped regime has one in ``data/scenarios/``.

>>> from datetime import date
>>> scenario = Scenario(naam="Een twintigjarige achter het raam", regime="model-apv", peildatum=date(2024, 5, 1),
...     feiten={"leeftijd": 20, "werkplek": "raam"}, verwacht=Verwacht(oordeel="illegaal", regel=["minimumleeftijd"]))
>>> run(scenario).passed
True
>>> case_from({"leeftijd": 20, "werkplek": "raam", "kvk_inschrijving": "ja"})
{'person': {'age': 20, 'kvk': {'registered': True}}, 'workplace': {'kind': 'window'}}
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, ValidationError
from pydantic_core import PydanticCustomError

from .decision import OUTCOME_WORDS, VERDICT_WORDS
from .errors import ERROR_CODES, CaseError, EvaluationError, Problem, RegimeError, SekswerkRulesError
from .facts import FACTS, Fact, choices
from .lang import Lang, Text, words
from .regime.schema import MAX_BYTES
from .sources import registry
from .tomlread import NotAFile, control_characters, read_file, syntax_error
from .validation import did_you_mean, dotted
from .validation import expected as expected_kind

_YES_NO = {"ja": True, "nee": False, True: True, False: False}


@dataclass(frozen=True)
class Label:
    """A fact as policy staff name it: the Dutch label, its path in a case, and its values."""

    name: str
    path: str
    #: ``date``, ``bool``, ``int``, ``countries``, or a mapping of Dutch words to case values.
    values: str | dict[str, str]
    description: str


def _label(fact: Fact) -> Label:
    values = fact.values if isinstance(fact.values, str) else {word.nl: code for code, word in fact.values.items()}
    return Label(fact.name, fact.path, values, fact.description)


#: Every fact of the interchange format by its Dutch label (a view of ``facts.FACTS``).
LABELS: tuple[Label, ...] = tuple(_label(fact) for fact in FACTS)
BY_NAME = {label.name: label for label in LABELS}
BY_PATH = {label.path: label for label in LABELS}
#: The Dutch word for each kind of workplace.
WORKPLACES: dict[str, str] = {word.nl: code for code, word in choices("workplace.kind").items()}

VERDICTS = {word.nl: code for code, word in VERDICT_WORDS.items()}
OUTCOMES = {word.nl: code for code, word in OUTCOME_WORDS.items()}
_DUTCH_WORD = {v: k for k, v in {**VERDICTS, **OUTCOMES}.items()}


def _without_time(value: Any) -> Any:
    """A day is a TOML date: a date with a time (``2024-05-01T00:00:00``) is refused, as in facts."""
    if isinstance(value, datetime):
        raise PydanticCustomError("date_with_time", "a date without a time")
    return value


#: A day in a scenario file: a date, never a date and time.
Day = Annotated[date, BeforeValidator(_without_time)]


class Verwacht(BaseModel):
    """What the rules must say about a scenario."""

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)

    oordeel: Literal["legaal", "illegaal", "onbepaald"] | None = Field(None, description="het oordeel: legaal, illegaal of onbepaald")
    regel: list[str] = Field(
        default_factory=list,
        description="de regel(s) die beslissen: overtreden bij illegaal, onbekend bij onbepaald (sleutel, bijvoorbeeld minimumleeftijd)",
    )
    ontbrekend: list[str] = Field(default_factory=list, description="feiten die de beslissing als ontbrekend moet noemen")
    legaal_tot_en_met: Day | None = Field(None, description="de laatste dag waarop het werk legaal blijft")
    geen_einde: bool = Field(False, description="true: de beslissing kent geen einddatum")
    uitkomst: dict[str, Literal["voldaan", "overtreden", "onbekend", "niet van toepassing"]] = Field(
        default_factory=dict, description='de uitkomst van losse regels: { minimumleeftijd = "overtreden" }'
    )
    bronnen: dict[str, list[str]] = Field(
        default_factory=dict, description='bronnen (uit het bronnenregister) die een regel moet noemen: { "nationaal.verblijf-en-arbeid" = ["buwav-2022"] }'
    )
    fout: str | None = Field(None, description="de invoer moet geweigerd worden met deze foutcode (inconsistent_facts)")


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)

    naam: str = Field(min_length=1, max_length=300, description="een zin die zegt wat er gebeurt en wat het oordeel is")
    regime: str = Field(description="het regime (standaard: dat van het bestand)")
    peildatum: Day = Field(description="de datum waarop het oordeel geldt")
    feiten: dict[str, Any] = Field(default_factory=dict, description="de feiten van dit scenario, over die van [standaard]")
    verwacht: Verwacht = Field(description="wat de regels moeten zeggen")
    #: Where it stands: file and line, for messages.
    bron: str = ""
    _regime_at: tuple[str, int | None] = PrivateAttr(default=("regime", None))

    @property
    def regime_at(self) -> tuple[str, int | None]:
        """Where the regime is named, for messages: the scenario's own ``regime`` key
        (``scenario[2].regime``) or the file's, and its line (set by :func:`parse`)."""
        return self._regime_at


@dataclass(frozen=True)
class Difference:
    """What differed, in both languages. The words of a scenario file (``oordeel``, ``legaal``,
    ``voldaan``, rule keys and fact names) stay as the file writes them; the rest is translated."""

    what: Text
    expected: Text
    got: Text

    def text(self, lang: Lang = "nl") -> str:
        if lang == "en":
            return f"{self.what.en}: expected {self.expected.en}, got {self.got.en}"
        return f"{self.what.nl}: verwacht {self.expected.nl}, gekregen {self.got.nl}"

    def record(self, lang: Lang = "nl") -> dict[str, str]:
        return {"what": self.what(lang), "expected": self.expected(lang), "got": self.got(lang)}


def _word(word: str) -> Text:
    """A word of the scenario file, the same in both languages."""
    return Text(word, word)


@dataclass(frozen=True)
class Result:
    scenario: Scenario
    differences: tuple[Difference, ...] = field(default=())

    @property
    def passed(self) -> bool:
        return not self.differences

    @property
    def file(self) -> str:
        return self.scenario.bron.rpartition(":")[0]

    @property
    def line(self) -> int | None:
        number = self.scenario.bron.rpartition(":")[2]
        return int(number) if number.isdigit() else None

    def record(self, lang: Lang = "nl") -> dict[str, Any]:
        """The result as ``toets --format json`` gives it."""
        return {
            "name": self.scenario.naam,
            "file": self.file,
            "line": self.line,
            "regime": self.scenario.regime,
            "passed": self.passed,
            "differences": [d.record(lang) for d in self.differences],
        }


# --------------------------------------------------------------------------- facts


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, leaf = path.split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = value


class NotAllowed(ValueError):
    """A fact value of the wrong kind; ``allowed`` says in Dutch and English what it may be."""

    def __init__(self, nl: str, en: str | None = None) -> None:
        super().__init__(nl)
        self.allowed = Text(nl, nl if en is None else en)


def convert(name: str, value: Any) -> Any:
    """A Dutch fact value as the interchange format has it; :class:`NotAllowed` if it has none."""
    label = BY_NAME[name]
    kind = label.values
    if isinstance(kind, dict):
        if isinstance(value, str) and value in kind:
            return kind[value]
        raise NotAllowed(", ".join(f'"{k}"' for k in kind))
    if kind == "bool":
        if isinstance(value, (bool, str)) and value in _YES_NO:
            return _YES_NO[value]
        raise NotAllowed('"ja", "nee"')
    if kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise NotAllowed("een geheel getal", "a whole number")
    if kind == "date":
        if isinstance(value, date) and not hasattr(value, "hour"):
            return value.isoformat()
        raise NotAllowed("een datum (JJJJ-MM-DD, zonder aanhalingstekens)", "a date (YYYY-MM-DD, without quotes)")
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise NotAllowed('een landcode ("NL") of een lijst (["RO", "NL"])', 'a country code ("NL") or a list (["RO", "NL"])')


def case_from(facts: dict[str, Any]) -> dict[str, Any]:
    """The case (interchange format) of a scenario's Dutch facts; labels must be known."""
    case: dict[str, Any] = {}
    for name, value in facts.items():
        _put(case, BY_NAME[name].path, convert(name, value))
    return case


# --------------------------------------------------------------------------- files


class ScenarioError(SekswerkRulesError, ValueError):
    """A scenario file is broken: syntax, an unknown fact or word, a missing expectation."""


def load(path: str | Path, *, lang: Lang = "nl", source: str | None = None) -> list[Scenario]:
    """Read and validate a scenario file: its ``[standaard]`` facts and every ``[[scenario]]``.
    ``source`` is the file's name in messages (default: the path as given)."""
    source = source or str(path)
    try:
        text = _read(Path(path), source, lang).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScenarioError([Problem("", "file_not_found")], lang=lang, source=source) from None
    return parse(text, source, lang=lang)


def _read(path: Path, source: str, lang: Lang) -> bytes:
    """The bytes of a file or a pipe (``/dev/stdin``, ``<(...)``), at most ``MAX_BYTES`` (as for a
    regime file): a folder or a device such as ``/dev/zero`` is refused before anything is read,
    and a named pipe nobody writes to reads as empty (``tomlread.read_file`` never waits on it)."""
    try:
        data = read_file(path, MAX_BYTES)
    except NotAFile:
        detail = {"detail_nl": "geen bestand (een map of apparaat)", "detail_en": "not a file (a folder or device)"}
        raise ScenarioError([Problem("", "scenario_schema", detail)], lang=lang, source=source) from None
    except (OSError, ValueError):
        raise ScenarioError([Problem("", "file_not_found")], lang=lang, source=source) from None
    if len(data) > MAX_BYTES:
        raise ScenarioError([_too_large()], lang=lang, source=source)
    return data


def _too_large() -> Problem:
    limit = f"{MAX_BYTES // 1024} KiB"
    return Problem("", "scenario_schema", {"detail_nl": f"bestand te groot (meer dan {limit})", "detail_en": f"file too large (more than {limit})"})


def parse(text: str, source: str, *, lang: Lang = "nl") -> list[Scenario]:
    from .tomlpos import locate

    if len(text) > MAX_BYTES:
        raise ScenarioError([_too_large()], lang=lang, source=source)
    raw = _toml(text, source, lang)
    problems: list[Problem] = []

    def problem(where: tuple[str | int, ...], code: str, **params: str) -> None:
        problems.append(Problem(dotted(where), code, params, locate(text, where)))

    for key in raw:
        if key not in ("regime", "standaard", "scenario"):
            problem((key,), "scenario_unknown_key", **_hint(key, ["regime", "standaard", "scenario"]))
    regime_id = raw.get("regime")
    if not isinstance(regime_id, str):
        problem(
            ("regime",),
            "scenario_schema",
            detail_nl="'regime' (de id van het regime) ontbreekt of is geen tekst",
            detail_en="'regime' (the regime id) is missing or not text",
        )
    defaults = raw.get("standaard", {})
    _check_facts(defaults, ("standaard",), problem)
    entries = raw.get("scenario")
    if not isinstance(entries, list) or not entries:
        problem(("scenario",), "scenario_schema", detail_nl="geen enkel [[scenario]]", detail_en="no [[scenario]] at all")
        entries = []
    scenarios: list[Scenario] = []
    seen: dict[str, tuple[str, int | None]] = {}
    for index, entry in enumerate(entries):
        where: tuple[str | int, ...] = ("scenario", index)
        if not isinstance(entry, dict):
            problem(where, "scenario_schema", detail_nl="een scenario is een tabel", detail_en="a scenario is a table")
            continue
        bron = f"{source}:{locate(text, where) or ''}"
        scenario = _scenario(entry, where, regime_id, defaults if isinstance(defaults, dict) else {}, bron, problem)
        if scenario is not None:
            _check_unique(scenario, where, seen, problem)
            named = (*where, "regime") if "regime" in entry else ("regime",)
            scenario._regime_at = (dotted(named), locate(text, named))
            scenarios.append(scenario)
    if problems:
        raise ScenarioError(problems, lang=lang, source=source)
    return scenarios


def _check_unique(scenario: Scenario, where: tuple[str | int, ...], seen: dict[str, tuple[str, int | None]], problem: Callable[..., None]) -> None:
    """Names are unique in a file: a second scenario of the same name names the first (never the name)."""
    first, line = seen.setdefault(scenario.naam, (dotted(where), Result(scenario).line))
    if first != dotted(where):
        nl, en = (f" (regelnummer {line})", f" (line {line})") if line else ("", "")
        problem(
            (*where, "naam"),
            "scenario_schema",
            detail_nl=f"dezelfde naam als {first}{nl}; namen zijn uniek",
            detail_en=f"the same name as {first}{en}; names are unique",
        )


def _toml(text: str, source: str, lang: Lang) -> dict[str, Any]:
    """The file's TOML, or a :class:`ScenarioError` with the line of the syntax error."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where, line = syntax_error(exc)
        raise ScenarioError([Problem("", "toml_syntax", where, line)], lang=lang, source=source) from None
    except RecursionError:
        deep = {"detail_nl": "te diep genest", "detail_en": "nested too deeply", "where_nl": "", "where_en": ""}
        raise ScenarioError([Problem("", "toml_syntax", deep)], lang=lang, source=source) from None
    controlled = control_characters(raw, text)  # a scenario's name is printed in the report of toets
    if controlled:
        raise ScenarioError(controlled, lang=lang, source=source)
    return raw


def _scenario(
    entry: dict[str, Any], where: tuple[str | int, ...], regime_id: Any, defaults: dict[str, Any], bron: str, problem: Callable[..., None]
) -> Scenario | None:
    """One ``[[scenario]]``, its facts over the defaults; its problems reported through ``problem``."""
    facts = entry.get("feiten", {})
    expected = entry.get("verwacht")
    _check_facts(facts, (*where, "feiten"), problem, as_case=not (isinstance(expected, dict) and "fout" in expected))
    merged = _merge(defaults, facts if isinstance(facts, dict) else {})
    _check_expected_names(expected, where, problem)
    try:
        scenario = Scenario.model_validate(
            {**{k: v for k, v in entry.items() if k != "feiten"}, "regime": entry.get("regime", regime_id), "feiten": merged, "bron": bron}
        )
    except ValidationError as exc:
        _report_invalid(exc, where, problem)
        return None
    for rule_key in [*scenario.verwacht.regel, *scenario.verwacht.bronnen]:
        if not _known_rule(rule_key):
            problem((*where, "verwacht"), "scenario_unknown_rule", **_hint(rule_key, _rule_keys()))
    for source_key in (k for keys in scenario.verwacht.bronnen.values() for k in keys):
        if source_key not in registry():
            problem(
                (*where, "verwacht", "bronnen"),
                "scenario_schema",
                detail_nl="onbekende bron in het bronnenregister",
                detail_en="unknown source in the registry",
            )
    _check_error_code(scenario.verwacht.fout, (*where, "verwacht", "fout"), problem)
    return scenario


def _check_error_code(code: str | None, where: tuple[str | int, ...], problem: Callable[..., None]) -> None:
    """The error an expectation names is one of the library's codes (a typo could never match)."""
    if code is None or code in ERROR_CODES:
        return
    hint = _hint(code, list(ERROR_CODES)).get("did_you_mean")
    suggestion = (f"; bedoelt u '{hint}'?", f"; did you mean '{hint}'?") if hint else ("", "")
    problem(where, "scenario_schema", detail_nl=f"onbekende foutcode{suggestion[0]}", detail_en=f"unknown error code{suggestion[1]}")


def _report_invalid(exc: ValidationError, where: tuple[str | int, ...], problem: Callable[..., None]) -> None:
    """A scenario's schema errors, by field path; a value of the wrong kind says what was expected."""
    for error in exc.errors(include_input=False, include_url=False):
        loc = (*where, *error["loc"])
        if error["type"] == "extra_forbidden":
            names = list(Verwacht.model_fields) if "verwacht" in error["loc"] else [*Scenario.model_fields]
            problem(loc, "scenario_unknown_key", **_hint(str(loc[-1]), [n for n in names if n != "bron"]))
        elif error["type"] == "missing":
            problem(loc, "scenario_schema", detail_nl="verplicht veld ontbreekt", detail_en="required field is missing")
        elif error["type"].startswith("date_"):
            problem(loc, "scenario_schema", detail_nl="verwacht een datum zonder tijd: JJJJ-MM-DD", detail_en="expected a date without a time: YYYY-MM-DD")
        elif wanted := expected_kind(error["type"], ("een tabel", "a table")):
            problem(loc, "scenario_schema", detail_nl=f"verwacht {wanted[0]}", detail_en=f"expected {wanted[1]}")
        else:
            problem(loc, "scenario_schema", detail_nl="ongeldige waarde", detail_en="invalid value")


def _check_expected_names(expected: Any, where: tuple[str | int, ...], problem: Callable[..., None]) -> None:
    """The rule keys and fact names an expectation uses exist. Only a table of outcomes and a list
    of facts are looked into: another kind (a text, a number) is the schema's error, reported
    once at its field, never character by character."""
    if not isinstance(expected, dict):
        return
    outcomes = expected.get("uitkomst", {})
    for rule_key in outcomes if isinstance(outcomes, dict) else ():
        if not _known_rule(rule_key):
            problem((*where, "verwacht", "uitkomst", rule_key), "scenario_unknown_rule", **_hint(rule_key, _rule_keys()))
    missing = expected.get("ontbrekend", [])
    for fact in missing if isinstance(missing, list) else ():
        if isinstance(fact, str) and fact not in BY_NAME:
            problem((*where, "verwacht", "ontbrekend"), "scenario_unknown_fact", **_hint(fact, list(BY_NAME)))


def _merge(defaults: dict[str, Any], facts: dict[str, Any]) -> dict[str, Any]:
    """The scenario's facts over the file's defaults; ``"onbekend"`` removes a default fact, and
    ``leeftijd`` and ``geboortedatum`` replace each other."""
    merged = dict(defaults)
    for name in facts:
        other = {"leeftijd": "geboortedatum", "geboortedatum": "leeftijd"}.get(name)
        if other and other not in facts:
            merged.pop(other, None)
    merged.update(facts)
    return {k: v for k, v in merged.items() if v != "onbekend"}


def _check_facts(facts: Any, where: tuple[str | int, ...], problem: Any, *, as_case: bool = True) -> None:
    """Each fact is known and has a value of its kind; with ``as_case``, also one the case accepts."""
    if not isinstance(facts, dict):
        problem(where, "scenario_schema", detail_nl="verwacht een tabel met feiten", detail_en="expected a table of facts")
        return
    for name, value in facts.items():
        if name not in BY_NAME:
            problem((*where, name), "scenario_unknown_fact", **_hint(name, list(BY_NAME)))
        elif value != "onbekend":
            try:
                converted = convert(name, value)
            except NotAllowed as exc:
                problem((*where, name), "scenario_invalid_value", allowed_nl=exc.allowed("nl"), allowed_en=exc.allowed("en"))
                continue
            if as_case:
                _check_in_case(name, converted, (*where, name), problem, listed=isinstance(value, list))


def _check_in_case(name: str, value: Any, where: tuple[str | int, ...], problem: Any, *, listed: bool) -> None:
    """The fact alone as the case validates it (``leeftijd = -3``, ``nationaliteit = "XX"``), its
    problems reported at the fact with the case's own code; a contradiction between facts is
    left to the run, which judges it on the scenario's date."""
    from .case import parse_case

    data: dict[str, Any] = {}
    _put(data, BY_NAME[name].path, value)
    try:
        parse_case(data)
    except CaseError as exc:
        for found in exc.problems:
            if found.code != "inconsistent_facts":
                index = found.path.removeprefix(BY_NAME[name].path).strip("[]")
                problem((*where, int(index)) if listed and index.isdigit() else where, found.code, **found.params)


def _hint(name: str, names: list[str]) -> dict[str, str]:
    return did_you_mean(name, names)


@cache
def _rule_keys() -> list[str]:
    from .rules import RULES

    return sorted(RULES)


def _known_rule(key: str) -> bool:
    return key in _rule_keys()


# --------------------------------------------------------------------------- running


def run(scenario: Scenario, *, regime: Any = None) -> Result:
    """Evaluate a scenario and compare the decision with what it expects."""
    from . import regime as regimes
    from .engine import evaluate

    try:
        chosen = regime if regime is not None else regimes.get(scenario.regime)
        decision = evaluate(case_from(scenario.feiten), regime=chosen, on=scenario.peildatum, advise=False)
    except (CaseError, EvaluationError, RegimeError) as exc:
        return Result(scenario, _refused(scenario.verwacht, exc.problems))
    expected = scenario.verwacht
    differences = [*_verdict(expected, decision), *_rules(expected, decision), *_sources(expected, decision)]
    return Result(scenario, (*differences, *_missing(expected, decision), *_until(expected, decision)))


_NO_ERROR = Text("geen fout", "no error")
_NOT_IN_FORCE = Text("niet van kracht", "not in force")


def _refused(expected: Verwacht, problems: list[Problem]) -> tuple[Difference, ...]:
    """The difference when the case was refused with these problems: none if it had to be."""
    if expected.fout in [p.code for p in problems]:
        return ()
    got = ", ".join(f"{p.code} ({_label_of(p.path)})" if _label_of(p.path) else p.code for p in problems)
    if expected.fout:
        return (Difference(_word("fout"), _word(expected.fout), _word(got)),)
    if expected.oordeel:
        return (Difference(_word("oordeel"), _word(expected.oordeel), Text(f"fout {got}", f"error {got}")),)
    return (Difference(_word("fout"), _NO_ERROR, _word(got)),)


def _label_of(path: str) -> str:
    """The scenario's name of a field of the case (``person.age``: ``leeftijd``), or ``""``."""
    bare = path.partition("[")[0]
    return "peildatum" if bare == "reference_date" else BY_PATH[bare].name if bare in BY_PATH else ""


def _verdict(expected: Verwacht, decision: Any) -> list[Difference]:
    found = []
    if expected.fout:
        found.append(Difference(_word("fout"), _word(expected.fout), _NO_ERROR))
    verdict = _DUTCH_WORD[decision.verdict.value]
    if expected.oordeel and expected.oordeel != verdict:
        because = _because(decision)
        found.append(Difference(_word("oordeel"), _word(expected.oordeel), Text(verdict + because.nl, verdict + because.en)))
    return found


def _outcome(decision: Any, key: str) -> Text:
    """A rule's outcome as the file's word (``voldaan``), or "not in force"."""
    found = next((r.outcome.value for r in decision.rules if _key(r.id) == key), None)
    return _word(_DUTCH_WORD[found]) if found in _DUTCH_WORD else _NOT_IN_FORCE


def _rules(expected: Verwacht, decision: Any) -> list[Difference]:
    found = []
    deciding = {_key(r.id) for r in decision.rules if r.outcome.value in ("violated", "unknown")}
    for key in expected.regel:
        if key not in deciding:
            found.append(Difference(Text(f"regel {key}", f"rule {key}"), Text("beslissend", "deciding"), _outcome(decision, key)))
    for key, outcome_word in expected.uitkomst.items():
        got = _outcome(decision, key)
        if got.nl != outcome_word:
            found.append(Difference(Text(f"regel {key}", f"rule {key}"), _word(outcome_word), got))
    return found


def _sources(expected: Verwacht, decision: Any) -> list[Difference]:
    found = []
    for key, source_keys in expected.bronnen.items():
        cited = {b.source for r in decision.rules if _key(r.id) == key for b in r.basis if b.source}
        got = _word(", ".join(sorted(cited))) if cited else Text("geen", "none")
        what = Text(f"bron van regel {key}", f"source of rule {key}")
        found += [Difference(what, _word(source_key), got) for source_key in source_keys if source_key not in cited]
    return found


def _missing(expected: Verwacht, decision: Any) -> list[Difference]:
    missing = set(decision.missing_facts)
    return [
        Difference(Text(f"ontbrekend feit {name}", f"missing fact {name}"), Text("ontbreekt", "missing"), Text("ontbreekt niet", "not missing"))
        for name in expected.ontbrekend
        if BY_NAME[name].path not in missing
    ]


def _until(expected: Verwacht, decision: Any) -> list[Difference]:
    what = Text("legaal tot en met", "legal until")
    if expected.legaal_tot_en_met is not None and decision.legal_until != expected.legaal_tot_en_met:
        return [Difference(what, _date_text(expected.legaal_tot_en_met), _date_text(decision.legal_until))]
    if expected.geen_einde and decision.legal_until is not None:
        return [Difference(what, Text("geen einde bekend", "no end known"), _date_text(decision.legal_until))]
    return []


def _date_text(day: date | None) -> Text:
    return Text(dutch_date(day, "nl"), dutch_date(day, "en"))


def _key(rule_id: str) -> str:
    return rule_id if rule_id.startswith("nationaal.") else rule_id.split(".", 1)[1]


def _because(decision: Any) -> Text:
    """The rules that decide the verdict: the violated ones if illegal, the unknown ones if undetermined."""
    deciding = {"illegal": "violated", "undetermined": "unknown"}.get(decision.verdict.value)
    rules = ", ".join(_key(r.id) for r in decision.rules if r.outcome.value == deciding)
    return Text(f" (door {rules})", f" (because of {rules})") if rules else Text("", "")


def dutch_date(day: date | None, lang: Lang = "nl") -> str:
    """A date as policy staff write it (Babel's long form): "1 juni 2016".

    >>> dutch_date(date(2016, 6, 1))
    '1 juni 2016'
    >>> dutch_date(date(2016, 6, 1), "en")
    'June 1, 2016'
    """
    if day is None:
        return Text("geen", "none")(lang)
    from babel.dates import format_date

    return format_date(day, format="long", locale=lang)


# --------------------------------------------------------------------------- shipped


def shipped_files() -> list[Path]:
    """The scenario file of every shipped regime, by regime id."""
    folder = resources.files("sekswerk_rules").joinpath("data", "scenarios")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".toml"))


# --------------------------------------------------------------------------- schema


def _fact_schema(label: Label) -> dict[str, Any]:
    unknown = {"const": "onbekend", "description": "het feit is onbekend (haalt een standaardfeit weg)"}
    kind = label.values
    one: dict[str, Any]
    if isinstance(kind, dict):
        return {"description": label.description, "enum": [*kind, "onbekend"]}
    if kind == "bool":
        return {"description": label.description, "enum": ["ja", "nee", True, False, "onbekend"]}
    if kind == "int":
        one = {"type": "integer", "minimum": 0}
    elif kind == "date":
        one = {"type": "string", "format": "date"}
    else:
        code = {"type": "string", "pattern": "^[A-Za-z]{2,3}$"}
        one = {"anyOf": [code, {"type": "array", "items": code, "minItems": 1}]}
    return {"description": label.description, "anyOf": [one, unknown]}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a scenario file (for editors: taplo / Even Better TOML), generated from
    :class:`Scenario`, :class:`Verwacht`, :data:`LABELS` and the rule keys.

    >>> schema = json_schema()
    >>> schema["$defs"]["feiten"]["properties"]["werkplek"]["enum"][:3]
    ['raam', 'club', 'privéhuis']
    """
    facts = {
        "type": "object",
        "description": "feiten met Nederlandse namen en waarden",
        "additionalProperties": False,
        "properties": {label.name: _fact_schema(label) for label in LABELS},
    }
    expected = Verwacht.model_json_schema()
    props = expected["properties"]
    props["regel"]["items"] = {"enum": _rule_keys()}
    props["ontbrekend"]["items"] = {"enum": list(BY_NAME)}
    props["uitkomst"]["propertyNames"] = {"enum": _rule_keys()}
    props["bronnen"]["propertyNames"] = {"enum": _rule_keys()}
    props["bronnen"]["additionalProperties"]["items"] = {"enum": sorted(registry())}
    scenario = Scenario.model_json_schema()
    scenario.pop("$defs", None)
    scenario["properties"].pop("bron")
    scenario["properties"]["feiten"] = {"$ref": "#/$defs/feiten"}
    scenario["properties"]["verwacht"] = {"$ref": "#/$defs/verwacht", "description": "wat de regels moeten zeggen"}
    scenario["additionalProperties"] = False
    scenario["required"] = ["naam", "peildatum", "verwacht"]
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Scenariobestand (sekswerk-rules)",
        "description": "Scenario's: de uitvoerbare specificatie van een regime. Uitvoeren met: sekswerk-rules toets BESTAND.toml",
        "type": "object",
        "additionalProperties": False,
        "required": ["regime", "scenario"],
        "properties": {
            "regime": {"type": "string", "description": "de id van het regime (model-apv, groningen, ...)"},
            "standaard": {"$ref": "#/$defs/feiten", "description": "feiten die voor elk scenario gelden, tenzij het scenario ze overschrijft"},
            "scenario": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/scenario"}},
        },
        "$defs": {"feiten": facts, "verwacht": expected, "scenario": scenario},
    }


def schema_file() -> Path:
    """Where the generated schema is shipped."""
    return Path(str(resources.files("sekswerk_rules").joinpath("data", "schemas", "scenario.schema.json")))


def write_schema(path: Path | None = None) -> Path:
    """Write :func:`json_schema` to ``data/schemas/scenario.schema.json`` (a test keeps it equal)."""
    import json

    target = path or schema_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", "utf-8")
    return target


_KIND_WORDS = {
    "date": "een datum: `2016-06-01`, zonder aanhalingstekens",
    "bool": '`"ja"` of `"nee"`',
    "int": "een geheel getal",
    "countries": 'een landcode (`"NL"`) of een lijst (`["RO", "NL"]`)',
}


def label_table() -> str:
    """The table of fact labels as ``docs/scenarios.md`` shows it (a test keeps the two equal)."""
    lines = ["| Feit | Betekenis | Waarden | Pad in het uitwisselformaat |", "|---|---|---|---|"]
    for label in LABELS:
        kind = label.values
        words = ", ".join(f'`"{k}"` (`{v}`)' for k, v in kind.items()) if isinstance(kind, dict) else _KIND_WORDS[kind]
        lines.append(f"| `{label.name}` | {label.description} | {words} | `{label.path}` |")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- reports

_REPORT: dict[str, tuple[str, str]] = {
    "passed": ("geslaagd", "passed"),
    "failed": ("NIET GESLAAGD", "FAILED"),
    "line": ("regelnummer", "line"),
    "total": ("{n} {s}: {ok} geslaagd, {bad} niet geslaagd.", "{n} {s}: {ok} passed, {bad} failed."),
    "one": ("scenario", "scenario"),
    "many": ("scenario's", "scenarios"),
}


def report(results: list[Result], lang: Lang = "nl") -> str:
    """What ``sekswerk-rules toets`` prints: per scenario its place, geslaagd or what differed.

    >>> from datetime import date
    >>> wrong = Scenario(naam="Een twintigjarige achter het raam", regime="model-apv", peildatum=date(2024, 5, 1),
    ...     feiten={"leeftijd": 20, "werkplek": "raam"}, verwacht=Verwacht(oordeel="legaal"), bron="scenario's.toml:7")
    >>> print(report([run(wrong)]))
    scenario's.toml, regelnummer 7: NIET GESLAAGD: Een twintigjarige achter het raam
        oordeel: verwacht legaal, gekregen illegaal (door minimumleeftijd)
    <BLANKLINE>
    1 scenario: 0 geslaagd, 1 niet geslaagd.
    <BLANKLINE>
    """
    w = words(_REPORT, lang)
    lines = []
    for result in results:
        place = f"{result.file}, {w['line']} {result.line}" if result.line else result.file
        lines.append(f"{place}: {w['passed' if result.passed else 'failed']}: {result.scenario.naam}")
        lines += [f"    {d.text(lang)}" for d in result.differences]
    ok = sum(r.passed for r in results)
    return "\n".join([*lines, "", w["total"].format(n=len(results), s=w["many" if len(results) != 1 else "one"], ok=ok, bad=len(results) - ok), ""])
