"""The facts of a case: interchange format v1 as pydantic models.

Absent or ``null`` means *unknown*: no field has a default that pretends to know. A
misspelt field is an error, never silently ignored. Personal numbers are checked and then
dropped: after validation only "has a valid BSN" and "is registered with the KvK"
survive, so a ``Case`` can be logged or dumped without leaking the number itself.

>>> case = parse_case({"municipality": "GM0080",
...     "person": {"bsn": "123456782", "nationalities": ["rou", "NL"]}})
>>> case.person.has_bsn, case.person.bsn, case.person.nationalities
(True, None, ['NL', 'RO'])
>>> parse_case({"person": {"bsn": "123456789"}})
Traceback (most recent call last):
...
sekswerk_rules.errors.CaseError: person.bsn: geen geldig BSN (9 cijfers die de 11-proef doorstaan).
"""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from . import countries
from .dates import age_on
from .errors import CaseError, Problem
from .lang import Lang
from .validation import did_you_mean, dotted, expected

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ASCII_DIGITS = re.compile(r"[0-9]+")  # ``\d`` would also match fullwidth and other digits
_CASE_ID = re.compile(r"[A-Za-z0-9._:/-]{1,64}")

#: The highest age accepted, given or derived from a birth date.
MAX_AGE = 130
#: The Withdrawal Agreement's day: a UK national resident here before it keeps residence rights.
_WITHDRAWAL = date(2021, 1, 1)


def _iso_date(value: Any) -> date:
    """Accept a ``date`` or a strict ``YYYY-MM-DD`` string; nothing else (no timestamps)."""
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("invalid_date", "invalid date")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        hide_input_in_errors=True,
        use_attribute_docstrings=True,
        use_enum_values=False,
        validate_default=False,
    )


class Employment(str, Enum):
    SELF_EMPLOYED = "self_employed"
    EMPLOYED = "employed"


class WorkPermission(str, Enum):
    """What a residence document says about work."""

    FREE = "free"  #: "arbeid vrij toegestaan"
    SELF_EMPLOYED = "self_employed"  #: "arbeid als zelfstandige toegestaan"
    NONE = "none"


class PopulationRegister(str, Enum):
    BRP = "brp"
    RNI = "rni"
    NONE = "none"


class IdentityKind(str, Enum):
    PASSPORT = "passport"
    ID_CARD = "id_card"
    RESIDENCE_DOCUMENT = "residence_document"


class Trafficking(str, Enum):
    ESTABLISHED = "established"
    NOT_ESTABLISHED = "not_established"


class PassColour(str, Enum):
    WHITE = "white"
    GREEN = "green"


class WorkplaceKind(str, Enum):
    WINDOW = "window"
    CLUB = "club"
    PRIVATE_HOUSE = "private_house"
    MASSAGE_PARLOUR = "massage_parlour"
    SEX_THEATRE = "sex_theatre"
    ESCORT = "escort"
    HOME = "home"
    STREET = "street"
    HOTEL = "hotel"


class LicenceStatus(str, Enum):
    VALID = "valid"
    NONE = "none"
    SUSPENDED = "suspended"
    REVOKED = "revoked"


class ResidenceDocument(_Model):
    """The residence document (verblijfsdocument) and what it says about work."""

    work: WorkPermission | None = None
    """What the document says about work; only consulted for people without free movement."""
    valid_until: IsoDate | None = None
    """The last day on which the document is valid (inclusive)."""


class Kvk(_Model):
    """Registration in the KvK Trade Register (Handelsregister)."""

    registered: StrictBool | None = None
    """Registered in the Trade Register; ``false`` states there is no registration."""
    number: str | None = Field(default=None, exclude=True, repr=False)
    """The KvK number (8 ASCII digits): checked and then dropped; only ``registered`` survives."""

    @field_validator("number", mode="before")
    @classmethod
    def _check_number(cls, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not _ASCII_DIGITS.fullmatch(value) or len(value) != 8:
            raise PydanticCustomError("invalid_kvk", "invalid KvK number")
        return value

    @model_validator(mode="after")
    def _keep_only_registration(self) -> Kvk:
        if self.number is None:
            return self
        if self.registered is False:
            raise _inconsistent("kvk_number_not_registered")
        return self.model_copy(update={"registered": True, "number": None})  # the number is not kept


class IdentityDocument(_Model):
    """The document that proves identity (Wet op de identificatieplicht).

    It is not compared with ``residence_document``: a person may show a passport and hold a
    residence document, and when both describe one card the rules read only the residence
    document's facts, so no combination of the two is refused.
    """

    kind: IdentityKind | None = None
    valid_until: IsoDate | None = None


class Intake(_Model):
    """The intake interview and the pass it gives (Groningen-style)."""

    done: StrictBool | None = None
    """An intake took place; ``false`` states there was none (and then no date or colour)."""
    date: IsoDate | None = None
    """The day of the intake, which is the date on the pass. A date after the reference date
    is not a contradiction: on the reference date there was no pass yet."""
    pass_colour: PassColour | None = None

    @model_validator(mode="after")
    def _no_pass_without_intake(self) -> Intake:
        if self.done is False and self.date is not None:
            raise _inconsistent("intake_date_without_done")
        if self.done is False and self.pass_colour is not None:
            raise _inconsistent("intake_colour_without_done")
        return self


class Person(_Model):
    """The sex worker."""

    birth_date: IsoDate | None = Field(default=None, repr=False)
    """The date of birth; kept for the age on the reference date, never shown in ``repr``."""
    age: Annotated[int, Field(strict=True, ge=0, le=MAX_AGE)] | None = None
    """Whole years on the reference date; give ``birth_date`` or ``age``."""
    nationalities: list[str] | None = None
    """ISO 3166-1 alpha-2 or alpha-3 codes (ASCII); a territory's code is refused with the
    nationality to use instead (``AW`` -> ``NL``)."""
    employment: Employment | None = None
    residence_document: ResidenceDocument | None = None
    bsn: str | None = Field(default=None, exclude=True, repr=False)
    """The BSN (9 ASCII digits passing the 11-check): checked and then dropped; only
    ``has_bsn`` survives."""
    has_bsn: StrictBool | None = None
    kvk: Kvk | None = None
    population_register: PopulationRegister | None = None
    """Registration in the BRP or the RNI; either gives a BSN, so it contradicts
    ``has_bsn: false``."""
    identity_document: IdentityDocument | None = None
    human_trafficking: Trafficking | None = None
    trafficking_signals: StrictBool | None = None
    intake: Intake | None = None
    resided_in_nl_before_2021: StrictBool | None = None
    """For a national of the United Kingdom: lived in the Netherlands before 2021-01-01, so
    the Withdrawal Agreement may apply (residence rights kept; the IND's grace period for
    applying ran until 2021-09-30). ``true`` contradicts a birth date after 2020."""

    @field_validator("nationalities", mode="before")
    @classmethod
    def _check_nationalities(cls, value: Any) -> Any:
        if value is None or not isinstance(value, list):
            return value  # the type check reports a non-list
        codes = []
        for item in value:
            code = countries.alpha2(item) if isinstance(item, str) else None
            if code is None:
                raise PydanticCustomError("invalid_country", "unknown country")
            if code in countries.TERRITORIES:
                use = countries.TERRITORIES[code] or ""
                raise PydanticCustomError("not_a_nationality", "a territory, not a nationality", {"use": use})
            codes.append(code)
        return sorted(set(codes))

    @field_validator("bsn", mode="before")
    @classmethod
    def _check_bsn(cls, value: Any) -> str | None:
        from stdnum.nl import bsn as stdnum_bsn

        if value is None:
            return None
        if not isinstance(value, str) or not _ASCII_DIGITS.fullmatch(value) or len(value) != 9 or not stdnum_bsn.is_valid(value):
            raise PydanticCustomError("invalid_bsn", "invalid BSN")
        return value

    @model_validator(mode="after")
    def _keep_only_has_bsn(self) -> Person:
        person = self
        if self.bsn is not None:
            if self.has_bsn is False:
                raise _inconsistent("bsn_without_has_bsn")
            person = self.model_copy(update={"has_bsn": True, "bsn": None})  # the number is not kept
        return person._consistent()

    def _consistent(self) -> Person:
        """Facts of the person that contradict each other, refused with their reason."""
        if self.has_bsn is False and self.population_register in (PopulationRegister.BRP, PopulationRegister.RNI):
            raise _inconsistent("register_without_bsn")
        if self.resided_in_nl_before_2021 and self.birth_date is not None and self.birth_date >= _WITHDRAWAL:
            raise _inconsistent("resided_before_birth")
        return self


class LicenceFacts(_Model):
    """The business's exploitation licence (for ``home``: the home-work licence or recognition)."""

    status: LicenceStatus | None = None
    """``valid`` says the licence is in force on the reference date, so a ``valid_until``
    before that date contradicts it (see :func:`inconsistencies`)."""
    valid_until: IsoDate | None = None
    """The last day on which the licence is valid (inclusive)."""
    requirements_met: StrictBool | None = None


class HomeFacts(_Model):
    """Home work: the conditions a regime may set."""

    sole_resident: StrictBool | None = None
    """The sex worker is the only one doing sex work in the dwelling."""
    registered_at_address_since: IsoDate | None = None
    business: StrictBool | None = None
    """The home work is run as a business ("bedrijfsmatig", model APV of the VNG): for
    example more people than the resident sex worker work there, or a third party organises
    it. Such home work needs a licence where a regime says so."""


class Workplace(_Model):
    """Where the sex work takes place."""

    kind: WorkplaceKind | None = None
    licence: LicenceFacts | None = None
    in_designated_zone: StrictBool | None = None
    """The workplace lies in the concentration area or designated street zone."""
    home: HomeFacts | None = None


class Case(_Model):
    """One case: a person, a workplace, a municipality and a reference date (*peildatum*)."""

    id: str | None = None
    """Your own reference for the case, returned with its decision: 1 to 64 characters from
    ``A-Z a-z 0-9 . _ : / -``. Not for personal data (no name, BSN or birth date). It never
    affects a verdict."""
    municipality: str | None = None
    """CBS code (``GM0080``) or regime id (``leeuwarden``); the caller's own wins."""
    reference_date: IsoDate | None = None
    """The *peildatum*; the caller's own wins; without either, today."""
    person: Person = Field(default_factory=Person)
    workplace: Workplace = Field(default_factory=Workplace)

    @field_validator("id", mode="before")
    @classmethod
    def _check_id(cls, value: Any) -> Any:
        if value is not None and not (isinstance(value, str) and _CASE_ID.fullmatch(value)):
            raise PydanticCustomError("invalid_id", "invalid case id")
        return value

    @field_validator("person", "workplace", mode="before")
    @classmethod
    def _null_is_empty(cls, value: Any) -> Any:
        return {} if value is None else value

    @model_validator(mode="after")
    def _age_matches_birth_date(self) -> Case:
        person = self.person
        if (
            person.age is not None
            and person.birth_date is not None
            and self.reference_date is not None
            and age_on(person.birth_date, self.reference_date) != person.age
        ):
            raise _inconsistent("age_birth_date")
        return self


def inconsistencies(case: Case, day: date) -> list[Problem]:
    """The facts of ``case`` that contradict each other on ``day``, the reference date used.

    The caller's date wins over the case's own, so these checks cannot run while the case
    is parsed: the engine runs them on the day it uses. A fact about the future is not a
    contradiction (an intake after ``day`` means there was no pass yet).

    >>> case = parse_case({"person": {"birth_date": "2003-05-01", "age": 20}})
    >>> inconsistencies(case, date(2024, 4, 30)), inconsistencies(case, date(2024, 5, 1))[0].params["reason"]
    ([], 'age_birth_date')
    >>> licence = parse_case({"workplace": {"licence": {"status": "valid", "valid_until": "2024-04-30"}}})
    >>> [p.message("en") for p in inconsistencies(licence, date(2024, 5, 1))]
    ["workplace.licence.status: inconsistent facts: 'status' valid says the licence is in force on the reference date, but 'valid_until' lies before it."]
    """
    found = []
    person = case.person
    if person.birth_date is not None:
        if person.birth_date > day:
            found.append(_problem("birth_date_after_reference_date"))
        elif age_on(person.birth_date, day) > MAX_AGE:
            found.append(_problem("birth_date_too_early"))
        elif person.age is not None and age_on(person.birth_date, day) != person.age:
            found.append(_problem("age_birth_date"))
    licence = case.workplace.licence
    if licence is not None and licence.status is LicenceStatus.VALID and licence.valid_until is not None and licence.valid_until < day:
        found.append(_problem("licence_valid_but_expired"))
    return found


def parse_day(value: date | str | None, path: str, *, lang: Lang = "nl") -> date:
    """A date given outside a case (an option, a query parameter); ``None`` means today.

    >>> parse_day("2024-05-01", "--date"), parse_day(None, "--date") == date.today()
    (datetime.date(2024, 5, 1), True)
    """
    if value is None:
        return date.today()
    try:
        return _iso_date(value)
    except ValueError:
        raise CaseError([Problem(path, "invalid_date")], lang=lang) from None


def with_fact(case: Case, path: str, value: Any) -> Case:
    """A copy of ``case`` with one fact set, validated by the model that holds it.

    Cheaper than validating a whole case again, for the many "what if" evaluations of the
    advice (which question settles the most).

    >>> with_fact(Case(), "person.kvk.registered", True).person.kvk.registered
    True
    """
    parts = path.split(".")
    chain: list[BaseModel] = [case]
    for part in parts[:-1]:
        node = getattr(chain[-1], part)
        if node is None:
            node = _model_of(type(chain[-1]).model_fields[part].annotation)()
        chain.append(node)
    leaf = chain[-1]
    new: BaseModel = type(leaf).model_validate({**leaf.model_dump(exclude_none=True), parts[-1]: value})
    for parent, part in zip(reversed(chain[:-1]), reversed(parts[:-1]), strict=True):
        new = parent.model_copy(update={part: new})
    return new  # type: ignore[return-value]


# --------------------------------------------------------------------------- contradictions

#: reason -> (the field it is reported at, Dutch detail, English detail). The reason is a
#: stable sub-code, carried in the problem's params as ``reason``.
_INCONSISTENT: dict[str, tuple[str, str, str]] = {
    "kvk_number_not_registered": (
        "registered",
        "een KvK-nummer is opgegeven terwijl 'registered' false is",
        "a KvK number is given while 'registered' is false",
    ),
    "bsn_without_has_bsn": (
        "has_bsn",
        "een BSN is opgegeven terwijl 'has_bsn' false is",
        "a BSN is given while 'has_bsn' is false",
    ),
    "register_without_bsn": (
        "has_bsn",
        "wie in de BRP of de RNI staat ingeschreven heeft een BSN, maar 'has_bsn' is false",
        "anyone registered in the BRP or the RNI has a BSN, but 'has_bsn' is false",
    ),
    "resided_before_birth": (
        "resided_in_nl_before_2021",
        "'resided_in_nl_before_2021' is true, maar de geboortedatum ligt na 2020",
        "'resided_in_nl_before_2021' is true, but the birth date lies after 2020",
    ),
    "intake_date_without_done": (
        "done",
        "er is een intakedatum opgegeven terwijl 'done' false is",
        "an intake date is given while 'done' is false",
    ),
    "intake_colour_without_done": (
        "done",
        "er is een paskleur opgegeven terwijl 'done' false is",
        "a pass colour is given while 'done' is false",
    ),
    "age_birth_date": (
        "person.age",
        "'age' past niet bij 'birth_date' op de peildatum",
        "'age' does not match 'birth_date' on the reference date",
    ),
    "birth_date_after_reference_date": (
        "person.birth_date",
        "de geboortedatum ligt na de peildatum",
        "the birth date lies after the reference date",
    ),
    "birth_date_too_early": (
        "person.birth_date",
        f"de geboortedatum geeft op de peildatum een leeftijd boven {MAX_AGE} jaar",
        f"the birth date gives an age over {MAX_AGE} on the reference date",
    ),
    "licence_valid_but_expired": (
        "workplace.licence.status",
        "'status' valid zegt dat de vergunning op de peildatum geldt, maar 'valid_until' ligt ervoor",
        "'status' valid says the licence is in force on the reference date, but 'valid_until' lies before it",
    ),
}


def _inconsistent(reason: str) -> PydanticCustomError:
    return PydanticCustomError("inconsistent_facts", reason, {"reason": reason})


def _problem(reason: str, at: str = "") -> Problem:
    name, nl, en = _INCONSISTENT[reason]
    return Problem(f"{at}.{name}" if at else name, "inconsistent_facts", {"reason": reason, "detail_nl": nl, "detail_en": en})


# --------------------------------------------------------------------------- parsing

#: The largest case document accepted (a real case is about 1 kB).
MAX_CASE_BYTES = 64 * 1024


def parse_case(data: Any, *, lang: Lang = "nl") -> Case:
    """Validate a ``dict``, JSON text or bytes as a case; raise :class:`CaseError` if invalid.

    JSON text may not repeat a key within an object (``duplicate_key``): which of two values
    would be meant is a guess. The error never holds the input, not even as the
    ``__context__`` of the exception.

    >>> parse_case('{"person": {"has_bsn": true, "has_bsn": false}}')
    Traceback (most recent call last):
    ...
    sekswerk_rules.errors.CaseError: person.has_bsn: dubbele sleutel; een sleutel mag in een object maar één keer voorkomen.
    """
    if isinstance(data, Case):
        return data
    if isinstance(data, (str, bytes, bytearray)):
        if len(data) > MAX_CASE_BYTES:
            raise CaseError([Problem("", "too_large", {"limit": str(MAX_CASE_BYTES)})], lang=lang)
        data, problems = _load_json(data)
        if problems:
            raise CaseError(problems, lang=lang)
    if not isinstance(data, dict):
        raise CaseError([Problem("", "not_an_object")], lang=lang)
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        problems = problems_from(exc)
    # Raised outside the ``except`` block, so the ValidationError (which holds the input)
    # is neither the cause nor the context of the CaseError.
    raise CaseError(problems, lang=lang)


class _Repeated(dict):  # type: ignore[type-arg]
    """A JSON object in which a key occurred more than once (the keys that did)."""

    repeated: list[str]


def _no_constant(name: str) -> Any:
    raise ValueError(name)  # NaN and Infinity are not JSON


def _load_json(text: str | bytes | bytearray) -> tuple[Any, list[Problem]]:
    """JSON text as Python values, or the problems: a syntax error's position, repeated keys."""
    import json

    seen_repeated: list[bool] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) == len(items):
            return obj
        repeated = _Repeated(obj)
        keys: set[str] = set()
        repeated.repeated = [key for key, _ in items if key in keys or keys.add(key)]  # type: ignore[func-returns-value]
        seen_repeated.append(True)
        return repeated

    if isinstance(text, str) and text.startswith("\ufeff"):
        text = text[1:]
    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        return None, [Problem("", "invalid_json", {"where": f" ({exc.lineno}:{exc.colno})"})]
    except (ValueError, RecursionError):  # bad UTF-8, a number too long, nesting too deep
        return None, [Problem("", "invalid_json")]
    problems: list[Problem] = []
    if seen_repeated:
        _find_repeated(data, problems)
    return data, problems


def _find_repeated(data: Any, problems: list[Problem]) -> None:
    """Report every repeated key, at its own path when that is a short identifier."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        node, loc = stack.pop()
        if isinstance(node, _Repeated):
            for key in node.repeated:
                _add(problems, Problem(_path((*loc, key)), "duplicate_key"))
        if isinstance(node, dict):
            stack.extend((value, (*loc, key)) for key, value in reversed(node.items()) if isinstance(value, (dict, list)))
        elif isinstance(node, list):
            stack.extend((value, (*loc, i)) for i, value in reversed(list(enumerate(node))) if isinstance(value, (dict, list)))


def problems_from(exc: ValidationError) -> list[Problem]:
    """Translate pydantic's errors into :class:`Problem` s that name fields, never values.

    A key the format does not know is named only when it is a short identifier: a key can
    hold anything (a BSN, a birth date, a line break that forges a second error line).
    """
    problems: list[Problem] = []
    for error in exc.errors(include_input=False, include_url=False):
        loc = tuple(error["loc"])
        kind = error["type"]
        path = _path(loc)
        ctx = error.get("ctx", {})
        if kind == "json_invalid":
            problem = Problem("", "invalid_json", _json_where(str(ctx.get("error", ""))))
        elif kind == "extra_forbidden":
            named = bool(loc) and _short_name(loc[-1])
            problem = Problem(path, "unknown_field", _suggest(loc)) if named else Problem(_path(loc[:-1]), "unknown_field")
        elif kind == "invalid_key":
            problem = Problem(_path(loc[:-1]), "invalid_type", {"expected_nl": "tekst als sleutel", "expected_en": "text as a key"})
        elif kind in {"invalid_date", "invalid_bsn", "invalid_kvk", "invalid_country", "invalid_id"}:
            problem = Problem(path, kind)
        elif kind == "not_a_nationality":
            use = str(ctx.get("use", ""))
            instead = ("gebruik " + use, "use " + use) if use else ("gebruik de nationaliteit uit het paspoort", "use the nationality in the passport")
            problem = Problem(path, kind, {"use": use, "instead_nl": instead[0], "instead_en": instead[1]})
        elif kind == "inconsistent_facts":
            problem = _problem(str(ctx.get("reason", "")), path)
        elif kind == "enum":
            allowed = ctx.get("expected", "")
            problem = Problem(path, "invalid_choice", {"allowed": allowed.replace("'", "").replace(" or ", ", ")})
        elif kind in {"greater_than_equal", "less_than_equal"}:
            problem = Problem(path, "out_of_range", {"allowed": f"0-{MAX_AGE}"})
        elif kind == "model_type" and not loc:
            problem = Problem("", "not_an_object")
        else:
            nl, en = expected(kind) or (kind, kind)
            problem = Problem(path, "invalid_type", {"expected_nl": nl, "expected_en": en})
        _add(problems, problem)
    return problems


def _add(problems: list[Problem], problem: Problem) -> None:
    if problem not in problems:  # several unnamed keys at one place make one problem
        problems.append(problem)


def _json_where(detail: str) -> dict[str, str]:
    """Position of a JSON syntax error ("... at line 1 column 6"), never the text around it."""
    found = re.search(r"line ([0-9]+) column ([0-9]+)", detail)
    return {"where": f" ({found.group(1)}:{found.group(2)})"} if found else {}


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}")


def _short_name(key: Any) -> bool:
    """A key that may be repeated in a message: a short identifier with at most four digits
    (a field name, a typo of one; not a BSN, a date or free text)."""
    return isinstance(key, str) and _NAME.fullmatch(key) is not None and sum(c.isdigit() for c in key) <= 4


def _path(loc: tuple[Any, ...]) -> str:
    """A field path; it stops before the first key that is not a short identifier."""
    return dotted(loc, lambda part: (isinstance(part, int) and not isinstance(part, bool)) or _short_name(part))


def _suggest(loc: tuple[Any, ...]) -> dict[str, str]:
    """A "did you mean" for an unknown field, from the field names of its parent model."""
    model: Any = Case
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return {}
        model = _model_of(field.annotation)
        if model is None:
            return {}
    return did_you_mean(loc[-1], model.model_fields)


def _model_of(annotation: Any) -> Any:
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None
