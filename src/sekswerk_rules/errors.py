"""The library's errors: one small hierarchy, one code per kind of mistake.

Exceptions are for bad input and bad configuration only; an illegal situation is an
*outcome* (``Verdict.ILLEGAL``), never an exception.

Every message names the field (or file, line and key) and never repeats the value that
was given: a case carries special-category personal data (AVG art. 9), so an error that
echoes input could leak a BSN or a birth date into a log.

Every code below is listed once more in ``docs/foutcodes.md``; a test keeps the two equal.

>>> err = CaseError([Problem("person.bsn", "invalid_bsn")], lang="en")
>>> print(err)
person.bsn: not a valid BSN (it must be 9 digits and pass the 11-check).
>>> err.codes
['invalid_bsn']
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .lang import Lang as Lang
from .lang import Text, pick

#: code -> (Dutch template, English template). Placeholders carry field names, allowed
#: values and suggestions, never a value from the input.
MESSAGES: dict[str, tuple[str, str]] = {
    # --- a case (interchange format v1) ---
    "unknown_field": (
        "onbekend veld{suggestion}",
        "unknown field{suggestion}",
    ),
    "invalid_date": (
        "geen geldige datum; gebruik JJJJ-MM-DD",
        "not a valid date; use YYYY-MM-DD",
    ),
    "invalid_choice": (
        "ongeldige waarde; toegestaan: {allowed}",
        "invalid value; allowed: {allowed}",
    ),
    "invalid_type": (
        "verkeerd type; verwacht: {expected_nl}",
        "wrong type; expected: {expected_en}",
    ),
    "invalid_bsn": (
        "geen geldig BSN (9 cijfers die de 11-proef doorstaan)",
        "not a valid BSN (it must be 9 digits and pass the 11-check)",
    ),
    "invalid_kvk": (
        "geen geldig KvK-nummer (8 cijfers)",
        "not a valid KvK number (8 digits)",
    ),
    "invalid_country": (
        "onbekende landcode; gebruik ISO 3166-1 alpha-2 of alpha-3 (bijvoorbeeld NL of NLD; het Verenigd Koninkrijk is GB of GBR)",
        "unknown country code; use ISO 3166-1 alpha-2 or alpha-3 (for example NL or NLD; the United Kingdom is GB or GBR)",
    ),
    "not_a_nationality": (
        "geen nationaliteit maar een gebied; {instead_nl}",
        "a territory, not a nationality; {instead_en}",
    ),
    "invalid_id": (
        "geen geldige eigen referentie; gebruik 1 tot 64 tekens: letters, cijfers en . _ : / -",
        "not a valid own reference; use 1 to 64 characters: letters, digits and . _ : / -",
    ),
    "duplicate_key": (
        "dubbele sleutel; een sleutel mag in een object maar één keer voorkomen",
        "duplicate key; a key may occur only once in an object",
    ),
    "repeated_parameter": ("meer dan eens opgegeven; geef dit één keer", "given more than once; give it once"),
    "out_of_range": (
        "waarde buiten het toegestane bereik ({allowed})",
        "value out of range ({allowed})",
    ),
    "inconsistent_facts": (
        "tegenstrijdige feiten: {detail_nl}",
        "inconsistent facts: {detail_en}",
    ),
    "invalid_json": (
        "geen geldige JSON{where}",
        "not valid JSON{where}",
    ),
    "not_an_object": (
        "een zaak moet een JSON-object zijn",
        "a case must be a JSON object",
    ),
    "too_large": (
        "invoer te groot (meer dan {limit} bytes)",
        "input too large (more than {limit} bytes)",
    ),
    "too_many_cases": (
        "te veel zaken in één verzoek (meer dan {limit})",
        "too many cases in one request (more than {limit})",
    ),
    # --- reading input (JSON text, batches, HTTP requests) ---
    "too_deep": ("te diep genest (meer dan {limit} niveaus)", "nested too deeply (more than {limit} levels)"),
    "empty_line": ("lege regel in de invoer; elke regel van het bestand moet één zaak zijn", "empty line; every line must be one case"),
    "empty_input": ("geen zaken: de invoer is leeg", "no cases: the input is empty"),
    "folder_not_found": ("de map bestaat niet", "the folder does not exist"),
    "unsupported_media_type": ("verkeerd mediatype; stuur {expected}", "wrong media type; send {expected}"),
    "request_timeout": ("de invoer kwam niet binnen {seconds} seconden binnen", "the input did not arrive within {seconds} seconds"),
    "not_found": ("hier is niets; de paden staan in /v1/openapi.json", "nothing here; the paths are in /v1/openapi.json"),
    "method_not_allowed": ("deze methode kan hier niet; toegestaan: {allowed}", "this method is not allowed here; allowed: {allowed}"),
    "internal_error": ("interne fout; de invoer is niet bewaard of gelogd", "internal error; the input was not kept or logged"),
    "file_not_found": (
        "bestand niet gevonden of niet leesbaar",
        "file not found or not readable",
    ),
    # --- evaluation ---
    "invalid_argument": (
        "ongeldige waarde voor dit argument; verwacht: {expected_nl}",
        "invalid value for this argument; expected: {expected_en}",
    ),
    "municipality_mismatch": (
        "de zaak noemt een andere gemeente dan het opgegeven regime; geef --force-regime (of force_regime=True) om het regime toch te gebruiken",
        "the case names another municipality than the regime given; pass --force-regime (or force_regime=True) to use the regime anyway",
    ),
    "no_municipality": (
        "geen gemeente opgegeven; geef 'municipality' in de zaak of --municipality",
        "no municipality given; set 'municipality' in the case or pass --municipality",
    ),
    "unknown_municipality": (
        "onbekende gemeente; bekend zijn: {allowed}",
        "unknown municipality; known are: {allowed}",
    ),
    "date_before_regime": (
        "geen regels vóór {first}, de eerste dag van dit regime (vóór {lifted} gold het bordeelverbod)",
        "no rules before {first}, the first day of this regime (before {lifted} the ban on brothels applied)",
    ),
    # --- regime files ---
    "toml_syntax": ("TOML-syntaxfout{where_nl}: {detail_nl}", "TOML syntax error{where_en}: {detail_en}"),
    "regime_schema": ("{detail_nl}", "{detail_en}"),
    "regime_unknown_key": (
        "onbekende sleutel{suggestion}",
        "unknown key{suggestion}",
    ),
    "regime_unknown_rule": (
        "onbekende regel{suggestion}",
        "unknown rule{suggestion}",
    ),
    "regime_unknown_parent": (
        "'extends' noemt een onbekend regime (bekend zijn: {allowed}){suggestion}",
        "'extends' names an unknown regime (known are: {allowed}){suggestion}",
    ),
    "regime_cycle": (
        "'extends' vormt een kring: {chain}",
        "'extends' forms a cycle: {chain}",
    ),
    "regime_version_order": (
        "versies moeten op oplopende 'valid_from' staan, zonder dubbele datum",
        "versions must be in increasing 'valid_from' order, without a repeated date",
    ),
    "control_character": (
        "bevat een stuurteken (een escape, een regeleinde buiten een toelichting, een teken dat de leesrichting omkeert), waarmee uitvoer vervalst kan worden",
        "holds a control character (an escape, a line break outside prose, a character that reverses the reading order), which could forge output",
    ),
    "regime_below_national": (
        "landelijk recht kan een regime niet lager zetten of uitschakelen: {detail_nl}",
        "a regime cannot go below or switch off national law: {detail_en}",
    ),
    "regime_package": (
        "regimepakket '{package}' (entry point '{entry_point}' in de groep sekswerk_rules.regimes): {detail_nl}",
        "regime package '{package}' (entry point '{entry_point}' in the group sekswerk_rules.regimes): {detail_en}",
    ),
    # --- scenario files ---
    "scenario_schema": ("{detail_nl}", "{detail_en}"),
    "scenario_unknown_key": ("onbekende sleutel{suggestion}", "unknown key{suggestion}"),
    "scenario_unknown_fact": ("onbekend feit{suggestion}", "unknown fact{suggestion}"),
    "scenario_unknown_rule": ("onbekende regel{suggestion}", "unknown rule{suggestion}"),
    "scenario_invalid_value": ("ongeldige waarde; toegestaan: {allowed_nl}", "invalid value; allowed: {allowed_en}"),
}

#: Every error code, sorted; the documented list must equal this.
ERROR_CODES: tuple[str, ...] = tuple(sorted(MESSAGES))


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where (a field path) and what (a code)."""

    path: str
    code: str
    params: dict[str, str] = field(default_factory=dict)
    line: int | None = None

    def message(self, lang: Lang = "nl") -> str:
        template = pick(MESSAGES[self.code], lang)
        params = _Defaults(self.params)
        if params.get("did_you_mean"):
            hint = Text("bedoelt u", "did you mean")(lang)
            params["suggestion"] = f"; {hint} '{params['did_you_mean']}'?"
        text = template.format_map(params)
        end = "" if text.endswith(("?", ".")) else "."
        body = f"{self.path}: {text}{end}" if self.path else f"{text[:1].upper()}{text[1:]}{end}"
        if self.line is not None:
            return f"{Text('regelnummer', 'line')(lang)} {self.line}: {body}"
        return body


class _Defaults(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


class SekswerkRulesError(Exception):
    """Base of every error this library raises on purpose."""

    def __init__(self, problems: list[Problem], *, lang: Lang = "nl", source: str | None = None):
        self.problems = problems
        self.lang: Lang = lang
        self.source = source
        super().__init__(self.render(lang))

    @property
    def codes(self) -> list[str]:
        return [p.code for p in self.problems]

    def render(self, lang: Lang | None = None) -> str:
        lang = lang or self.lang
        lines = [p.message(lang) for p in self.problems]
        if self.source:
            lines = [f"{self.source}{', ' if p.line is not None else ': '}{line}" for p, line in zip(self.problems, lines, strict=True)]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render()


def relocated(error: SekswerkRulesError, code: str, path: str | None) -> SekswerkRulesError:
    """``error`` with its problems of ``code`` named at ``path`` (``None``: as it is): a shell names a
    value by the option or parameter it came from (``--date``, ``query.date``), not by the field it
    replaced (``reference_date``).

    >>> relocated(EvaluationError([Problem("reference_date", "date_before_regime")]), "date_before_regime", "--date").problems[0].path
    '--date'
    """
    if path is None or code not in error.codes:
        return error
    problems = [replace(p, path=path) if p.code == code else p for p in error.problems]
    return type(error)(problems, lang=error.lang, source=error.source)


class CaseError(SekswerkRulesError, ValueError):
    """The case is not valid interchange format v1 (unknown field, bad date, invalid BSN...)."""


class EvaluationError(SekswerkRulesError, LookupError):
    """The case is valid but cannot be evaluated: no or unknown municipality, date before any rule."""


class RegimeError(SekswerkRulesError, ValueError):
    """A regime file is broken: syntax, schema, cycle, version order, or below national law."""


def language(lang: object) -> Lang:
    """``lang`` if it is a language of this library (``nl``, ``en``), else the library's own
    :class:`EvaluationError` naming the argument (what every entry point taking ``lang`` checks)."""
    if lang not in ("nl", "en"):
        raise EvaluationError([Problem("lang", "invalid_argument", {"expected_nl": "nl of en", "expected_en": "nl or en"})])
    return lang
