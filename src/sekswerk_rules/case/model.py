"""The case's models: interchange format v1, every fact optional (absent is unknown), each
model refusing facts that contradict each other within it."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Annotated, Any, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetPydanticSchema,
    StrictBool,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError, SchemaValidator, ValidationError, core_schema

from .. import countries
from ..dates import age_on

_ASCII_DIGITS = re.compile(r"[0-9]+")  # ``\d`` would also match fullwidth and other digits
_CASE_ID = re.compile(r"[A-Za-z0-9._:/-]{1,64}")

#: The highest age accepted, given or derived from a birth date.
MAX_AGE = 130
#: The Withdrawal Agreement's day: a UK national resident here before it keeps residence rights.
_WITHDRAWAL = date(2021, 1, 1)


def _iso_date_schema(source: Any = None, handler: Any = None) -> core_schema.CoreSchema:
    """A ``date`` (not a ``datetime``) or a strict ``YYYY-MM-DD`` string, nothing else (no
    timestamps), each failure the one error ``invalid_date``; validated in pydantic-core."""
    text = core_schema.chain_schema([core_schema.str_schema(strict=True, pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), core_schema.date_schema()])
    # In JSON only the text: pydantic-core's own JSON date would also read "0" as 1970-01-01.
    python = core_schema.union_schema([core_schema.date_schema(strict=True), text], mode="left_to_right")
    either = core_schema.json_or_python_schema(json_schema=text, python_schema=python)
    return core_schema.custom_error_schema(either, custom_error_type="invalid_date", custom_error_message="invalid date")


#: A date as the interchange format writes it (a test checks it against a plain reading).
IsoDate = Annotated[date, GetPydanticSchema(_iso_date_schema), WithJsonSchema({"type": "string", "format": "date"})]

_ISO_DATE = SchemaValidator(_iso_date_schema())


def _iso_date(value: Any) -> date:
    """:data:`IsoDate` for a value outside a case; ``invalid_date``, which holds no input, if not one."""
    try:
        return _ISO_DATE.validate_python(value)  # type: ignore[no-any-return]
    except ValidationError:
        pass
    raise PydanticCustomError("invalid_date", "invalid date")  # outside ``except``: the input is not kept


def _nationalities(items: list[Any]) -> list[str]:
    """The codes as alpha-2, sorted, once each; an unknown code or a territory refused (for the
    whole list: the error names the field, never the value)."""
    codes = []
    for index, item in enumerate(items):
        # A code as the table writes it, of a nationality (the usual case), in one look-up.
        code = countries.NATIONALITIES.get(item) if type(item) is str else None
        if code is None:
            try:
                code = _nationality(item)
            except PydanticCustomError as exc:  # which entry, never its value
                raise PydanticCustomError(exc.type, exc.message_template, {**(exc.context or {}), "index": index}) from None
        codes.append(code)
    return codes if len(codes) == 1 else sorted(set(codes))


def _nationality(item: Any) -> str:
    """The alpha-2 code of a nationality given otherwise (lower case, spaces), or the error."""
    code = countries.alpha2(item) if isinstance(item, str) else None
    if code is None:
        raise PydanticCustomError("invalid_country", "unknown country")
    if code in countries.TERRITORIES:
        use = countries.TERRITORIES[code] or ""
        raise PydanticCustomError("not_a_nationality", "a territory, not a nationality", {"use": use})
    return code


def _nationalities_schema(source: Any = None, handler: Any = None) -> core_schema.CoreSchema:
    # Checked *after* pydantic-core made a list of whatever sequence it was given: a tuple or a
    # set is checked as a list is (a check before it let them through unchecked), and the list
    # stays in pydantic-core's JSON mode.
    return core_schema.no_info_after_validator_function(_nationalities, core_schema.list_schema(core_schema.any_schema()))


def _nationalities_json_schema(schema: core_schema.CoreSchema, handler: Any) -> Any:
    return handler(core_schema.list_schema(core_schema.str_schema()))


#: Nationalities: ISO 3166-1 codes, read as alpha-2.
Nationalities = Annotated[list[str], GetPydanticSchema(_nationalities_schema, _nationalities_json_schema)]


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
    """The residence document (verblijfsdocument) and what it says about work."""

    work: WorkPermission | None = Field(
        default=None,
        description="What the document says about work; only consulted for people without free movement.",
    )
    valid_until: IsoDate | None = Field(default=None, description="The last day on which the document is valid (inclusive).")


class Kvk(_Model):
    """Registration in the KvK Trade Register (Handelsregister)."""

    registered: StrictBool | None = Field(default=None, description="Registered in the Trade Register; ``false`` states there is no registration.")
    number: str | None = Field(
        default=None,
        exclude=True,
        repr=False,
        description="The KvK number (8 ASCII digits): checked and then dropped; only ``registered`` survives.",
    )

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

    done: StrictBool | None = Field(default=None, description="An intake took place; ``false`` states there was none (and then no date or colour).")
    date: IsoDate | None = Field(
        default=None,
        description=(
            "The day of the intake, which is the date on the pass. A date after the reference date\n"
            "is not a contradiction: on the reference date there was no pass yet."
        ),
    )
    pass_colour: PassColour | None = None

    @model_validator(mode="after")
    def _no_pass_without_intake(self) -> Intake:
        return _refuse(intake_contradiction(self), self)


def intake_contradiction(intake: Any) -> str | None:
    """Why the facts of an intake contradict each other, or ``None`` (read from an
    :class:`Intake` or from what stands for one)."""
    if intake.done is False and intake.date is not None:
        return "intake_date_without_done"
    if intake.done is False and intake.pass_colour is not None:
        return "intake_colour_without_done"
    return None


class Person(_Model):
    """The sex worker."""

    birth_date: IsoDate | None = Field(
        default=None,
        repr=False,
        description="The date of birth; kept for the age on the reference date, never shown in ``repr``.",
    )
    age: Annotated[int, Field(strict=True, ge=0, le=MAX_AGE)] | None = Field(
        default=None,
        description="Whole years on the reference date; give ``birth_date`` or ``age``.",
    )
    nationalities: Nationalities | None = Field(
        default=None,
        description="ISO 3166-1 alpha-2 or alpha-3 codes (ASCII); a territory's code is refused with the\nnationality to use instead (``AW`` -> ``NL``). ``[]`` means stateless (known to have no\nnationality, so no free movement); unknown is absent or ``null``.",
    )
    employment: Employment | None = None
    residence_document: ResidenceDocument | None = None
    bsn: str | None = Field(
        default=None,
        exclude=True,
        repr=False,
        description="The BSN (9 ASCII digits passing the 11-check): checked and then dropped; only\n``has_bsn`` survives.",
    )
    has_bsn: StrictBool | None = None
    kvk: Kvk | None = None
    population_register: PopulationRegister | None = Field(
        default=None,
        description="Registration in the BRP or the RNI; either gives a BSN, so it contradicts\n``has_bsn: false``.",
    )
    identity_document: IdentityDocument | None = None
    human_trafficking: Trafficking | None = None
    trafficking_signals: StrictBool | None = None
    intake: Intake | None = None
    resided_in_nl_before_2021: StrictBool | None = Field(
        default=None,
        description=(
            "For a national of the United Kingdom: lived in the Netherlands before 2021-01-01, so\n"
            "the Withdrawal Agreement may apply (residence rights kept; the IND's grace period for\n"
            "applying ran until 2021-09-30). ``true`` contradicts a birth date after 2020."
        ),
    )

    @field_validator("bsn", mode="before")
    @classmethod
    def _check_bsn(cls, value: Any) -> str | None:
        from stdnum.nl import bsn as stdnum_bsn

        if value is None:
            return None
        # Nine ASCII digits are what ``stdnum_bsn.compact`` would leave unchanged, so its
        # ``is_valid`` comes down to these two checks (its ``compact`` is the slow part).
        if not isinstance(value, str) or not _ASCII_DIGITS.fullmatch(value) or len(value) != 9 or int(value) == 0 or stdnum_bsn.checksum(value) != 0:
            raise PydanticCustomError("invalid_bsn", "invalid BSN")
        return value

    @model_validator(mode="after")
    def _keep_only_has_bsn(self) -> Person:
        person = self
        if self.bsn is not None:
            if self.has_bsn is False:
                raise _inconsistent("bsn_without_has_bsn")
            person = self.model_copy(update={"has_bsn": True, "bsn": None})  # the number is not kept
        return _refuse(person_contradiction(person), person)


def person_contradiction(person: Any) -> str | None:
    """Why facts of the person contradict each other, or ``None`` (read from a :class:`Person`
    or from what stands for one; a BSN or KvK number given is checked when it is validated)."""
    if person.has_bsn is False and person.population_register in (PopulationRegister.BRP, PopulationRegister.RNI):
        return "register_without_bsn"
    if person.resided_in_nl_before_2021 and person.birth_date is not None and person.birth_date >= _WITHDRAWAL:
        return "resided_before_birth"
    return None


class LicenceFacts(_Model):
    """The business's exploitation licence (for ``home``: the home-work licence or recognition)."""

    status: LicenceStatus | None = Field(
        default=None,
        description=(
            "``valid`` says the licence is in force on the reference date, so a ``valid_until``\nbefore that date contradicts it (see :func:`inconsistencies`)."
        ),
    )
    valid_until: IsoDate | None = Field(default=None, description="The last day on which the licence is valid (inclusive).")
    requirements_met: StrictBool | None = None


class HomeFacts(_Model):
    """Home work: the conditions a regime may set."""

    sole_resident: StrictBool | None = Field(default=None, description="The sex worker is the only one doing sex work in the dwelling.")
    registered_at_address_since: IsoDate | None = None
    business: StrictBool | None = Field(
        default=None,
        description=(
            'The home work is run as a business ("bedrijfsmatig", model APV of the VNG): for\n'
            "example more people than the resident sex worker work there, or a third party organises\n"
            "it. Such home work needs a licence where a regime says so."
        ),
    )


class Workplace(_Model):
    """Where the sex work takes place."""

    kind: WorkplaceKind | None = None
    licence: LicenceFacts | None = None
    in_designated_zone: StrictBool | None = Field(default=None, description="The workplace lies in the concentration area or designated street zone.")
    home: HomeFacts | None = None


def _null_is_empty_schema(source: Any, handler: Any) -> core_schema.CoreSchema:
    """``null`` read as ``{}`` (nothing known) for a part of the case, after pydantic-core has
    validated it: a validator *before* it would take the part out of pydantic-core's JSON mode
    (``model_validate_json`` would validate it from Python values, about 1.5x slower)."""
    return core_schema.no_info_after_validator_function(lambda part: source() if part is None else part, core_schema.nullable_schema(handler(source)))


def _null_is_empty_json_schema(schema: core_schema.CoreSchema, handler: Any) -> Any:
    # The part's own JSON Schema, without the ``null`` branch, as before: the HTTP API's schema adds it.
    either = handler(schema)
    return next(branch for branch in either["anyOf"] if branch != {"type": "null"})


#: A part of the case (``person``, ``workplace``) for which ``null`` means ``{}``.
_NULL_IS_EMPTY = GetPydanticSchema(_null_is_empty_schema, _null_is_empty_json_schema)


class Case(_Model):
    """One case: a person, a workplace, a municipality and a reference date (*peildatum*)."""

    id: str | None = Field(
        default=None,
        description=(
            "Your own reference for the case, returned with its decision: 1 to 64 characters from\n"
            "``A-Z a-z 0-9 . _ : / -``. Not for personal data (no name, BSN or birth date). It never\n"
            "affects a verdict."
        ),
    )
    municipality: str | None = Field(default=None, description="CBS code (``GM0080``) or regime id (``leeuwarden``); the caller's own wins.")
    reference_date: IsoDate | None = Field(default=None, description="The *peildatum*; the caller's own wins; without either, today.")
    person: Annotated[Person, _NULL_IS_EMPTY] = Field(default_factory=Person)
    workplace: Annotated[Workplace, _NULL_IS_EMPTY] = Field(default_factory=Workplace)

    @field_validator("id", mode="before")
    @classmethod
    def _check_id(cls, value: Any) -> Any:
        if value is not None and not (isinstance(value, str) and _CASE_ID.fullmatch(value)):
            raise PydanticCustomError("invalid_id", "invalid case id")
        return value

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


def _inconsistent(reason: str) -> PydanticCustomError:
    return PydanticCustomError("inconsistent_facts", reason, {"reason": reason})


_M = TypeVar("_M")


def _refuse(reason: str | None, model: _M) -> _M:
    """``model``, or the contradiction ``reason`` raised."""
    if reason is not None:
        raise _inconsistent(reason)
    return model


#: The checks of the facts within a part, by the part's model: what validating it refuses,
#: besides each field's own check. (The case's own check, age against birth date, depends on
#: its reference date, and the engine checks it on the day it uses: ``inconsistencies``.)
CONTRADICTIONS: dict[type[BaseModel], Callable[[Any], str | None]] = {Person: person_contradiction, Intake: intake_contradiction}
