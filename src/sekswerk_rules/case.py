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
from .errors import CaseError, Lang, Problem

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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
    work: WorkPermission | None = None
    valid_until: IsoDate | None = None


class Kvk(_Model):
    registered: StrictBool | None = None
    #: Checked (8 digits) and then dropped; only ``registered`` survives.
    number: str | None = Field(default=None, exclude=True, repr=False)

    @field_validator("number", mode="before")
    @classmethod
    def _check_number(cls, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not re.fullmatch(r"\d{8}", value):
            raise PydanticCustomError("invalid_kvk", "invalid KvK number")
        return value

    @model_validator(mode="after")
    def _keep_only_registration(self) -> Kvk:
        if self.number is not None:
            if self.registered is False:
                raise PydanticCustomError("inconsistent_facts", "kvk.number given with registered false")
            object.__setattr__(self, "registered", True)
            object.__setattr__(self, "number", None)
        return self


class IdentityDocument(_Model):
    kind: IdentityKind | None = None
    valid_until: IsoDate | None = None


class Intake(_Model):
    done: StrictBool | None = None
    date: IsoDate | None = None
    pass_colour: PassColour | None = None


class Person(_Model):
    birth_date: IsoDate | None = Field(default=None, repr=False)
    age: Annotated[int, Field(strict=True, ge=0, le=130)] | None = None
    nationalities: list[str] | None = None
    employment: Employment | None = None
    residence_document: ResidenceDocument | None = None
    #: Checked with ``stdnum.nl.bsn`` and then dropped; only ``has_bsn`` survives.
    bsn: str | None = Field(default=None, exclude=True, repr=False)
    has_bsn: StrictBool | None = None
    kvk: Kvk | None = None
    population_register: PopulationRegister | None = None
    identity_document: IdentityDocument | None = None
    human_trafficking: Trafficking | None = None
    trafficking_signals: StrictBool | None = None
    intake: Intake | None = None

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
            codes.append(code)
        return sorted(set(codes))

    @field_validator("bsn", mode="before")
    @classmethod
    def _check_bsn(cls, value: Any) -> str | None:
        from stdnum.nl import bsn as stdnum_bsn

        if value is None:
            return None
        if not isinstance(value, str) or not stdnum_bsn.is_valid(value) or len(value) != 9:
            raise PydanticCustomError("invalid_bsn", "invalid BSN")
        return value

    @model_validator(mode="after")
    def _keep_only_has_bsn(self) -> Person:
        if self.bsn is not None:
            if self.has_bsn is False:
                raise PydanticCustomError("inconsistent_facts", "bsn given with has_bsn false")
            object.__setattr__(self, "has_bsn", True)
            object.__setattr__(self, "bsn", None)
        return self


class LicenceFacts(_Model):
    status: LicenceStatus | None = None
    valid_until: IsoDate | None = None
    requirements_met: StrictBool | None = None


class HomeFacts(_Model):
    sole_resident: StrictBool | None = None
    registered_at_address_since: IsoDate | None = None


class Workplace(_Model):
    kind: WorkplaceKind | None = None
    licence: LicenceFacts | None = None
    in_designated_zone: StrictBool | None = None
    home: HomeFacts | None = None


class Case(_Model):
    """One case: a person, a workplace, a municipality and a reference date (*peildatum*)."""

    municipality: str | None = None
    reference_date: IsoDate | None = None
    person: Person = Field(default_factory=Person)
    workplace: Workplace = Field(default_factory=Workplace)

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
            raise PydanticCustomError("inconsistent_facts", "age does not match birth_date on reference_date")
        return self


def age_on(birth_date: date, day: date) -> int:
    """Whole years of age on ``day`` (a person born on 29 February turns a year older on 1 March).

    >>> age_on(date(2003, 5, 1), date(2024, 4, 30)), age_on(date(2003, 5, 1), date(2024, 5, 1))
    (20, 21)
    >>> age_on(date(2004, 2, 29), date(2025, 2, 28)), age_on(date(2004, 2, 29), date(2025, 3, 1))
    (20, 21)
    """
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


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


# --------------------------------------------------------------------------- parsing

#: The largest case document accepted (a real case is about 1 kB).
MAX_CASE_BYTES = 64 * 1024

_INCONSISTENT = {
    "kvk.number given with registered false": (
        "registered",
        "een KvK-nummer is opgegeven terwijl 'registered' false is",
        "a KvK number is given while 'registered' is false",
    ),
    "bsn given with has_bsn false": (
        "has_bsn",
        "een BSN is opgegeven terwijl 'has_bsn' false is",
        "a BSN is given while 'has_bsn' is false",
    ),
    "age does not match birth_date on reference_date": (
        "person.age",
        "'age' past niet bij 'birth_date' op de peildatum",
        "'age' does not match 'birth_date' on the reference date",
    ),
}


def parse_case(data: Any, *, lang: Lang = "nl") -> Case:
    """Validate a ``dict``, JSON text or bytes as a case; raise :class:`CaseError` if invalid."""
    if isinstance(data, Case):
        return data
    try:
        if isinstance(data, (str, bytes, bytearray)):
            if len(data) > MAX_CASE_BYTES:
                raise CaseError([Problem("", "too_large", {"limit": str(MAX_CASE_BYTES)})], lang=lang)
            return Case.model_validate_json(data)
        if not isinstance(data, dict):
            raise CaseError([Problem("", "not_an_object")], lang=lang)
        return Case.model_validate(data)
    except ValidationError as exc:
        raise CaseError(problems_from(exc), lang=lang) from None


def problems_from(exc: ValidationError) -> list[Problem]:
    """Translate pydantic's errors into :class:`Problem` s that name fields, never values."""
    problems = []
    for error in exc.errors(include_input=False, include_url=False):
        loc = tuple(error["loc"])
        kind = error["type"]
        path = _path(loc)
        if kind == "json_invalid":
            problems.append(Problem("", "invalid_json", _json_where(str(error.get("ctx", {}).get("error", "")))))
        elif kind == "extra_forbidden":
            problems.append(Problem(path, "unknown_field", _suggest(loc)))
        elif kind in {"invalid_date", "invalid_bsn", "invalid_kvk", "invalid_country"}:
            problems.append(Problem(path, kind))
        elif kind == "inconsistent_facts":
            name, nl, en = _INCONSISTENT.get(error["msg"], ("", "", ""))
            problems.append(Problem(f"{path}.{name}" if path else name, kind, {"detail_nl": nl, "detail_en": en}))
        elif kind == "enum":
            allowed = error.get("ctx", {}).get("expected", "")
            problems.append(Problem(path, "invalid_choice", {"allowed": allowed.replace("'", "").replace(" or ", ", ")}))
        elif kind in {"greater_than_equal", "less_than_equal"}:
            problems.append(Problem(path, "out_of_range", {"allowed": "0-130"}))
        elif kind == "model_type" and not loc:
            problems.append(Problem("", "not_an_object"))
        else:
            nl, en = _EXPECTED.get(kind, (kind, kind))
            problems.append(Problem(path, "invalid_type", {"expected_nl": nl, "expected_en": en}))
    return problems


_EXPECTED = {
    "bool_type": ("true of false", "true or false"),
    "int_type": ("een geheel getal", "a whole number"),
    "int_parsing": ("een geheel getal", "a whole number"),
    "string_type": ("tekst", "a string"),
    "list_type": ("een lijst", "a list"),
    "model_type": ("een object", "an object"),
    "model_attributes_type": ("een object", "an object"),
    "dict_type": ("een object", "an object"),
}


def _json_where(detail: str) -> dict[str, str]:
    """Position of a JSON syntax error ("... at line 1 column 6"), never the text around it."""
    found = re.search(r"line (\d+) column (\d+)", detail)
    return {"where": f" ({found.group(1)}:{found.group(2)})"} if found else {}


def _path(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _suggest(loc: tuple[Any, ...]) -> dict[str, str]:
    """A "did you mean" for an unknown field, from the field names of its parent model."""
    import difflib

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
    names = list(model.model_fields)
    close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
    return {"did_you_mean": close[0]} if close else {}


def _model_of(annotation: Any) -> Any:
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None
