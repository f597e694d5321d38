"""Vrij verkeer en arbeid door vreemdelingen — Wav art. 2–4, Besluit uitvoering Wav art. 3, Vb 2000 art. 3.32.

Een onderdaan van de EER of Zwitserland mag zonder vergunning werken. Voor anderen wordt
voor werk dat geheel of gedeeltelijk uit seksuele handelingen bestaat nooit een
tewerkstellingsvergunning (TWV/GVVA) verleend (Besluit uitvoering Wav art. 3), en evenmin
een verblijfsvergunning met dat doel (Vreemdelingenbesluit 2000 art. 3.32). Zij werken dus
alleen legaal met een Nederlands verblijfsdocument met "arbeid vrij toegestaan" (Wav art. 4).
Tijdens de Nederlandse overgangsregelingen na de EU-uitbreidingen was werk in loondienst
TWV-plichtig; alleen zelfstandig sekswerk was dan legaal. Wie meer nationaliteiten heeft,
krijgt de gunstigste.

Interpretatie: een document dat alleen "arbeid als zelfstandige" toestaat, verkregen voor
een ander doel (Wav art. 3 lid 1 sub b), is omstreden; deze regel geeft dan ``unknown``
met het advies om juridisch te laten toetsen (vertrouwen: laag).

*Free movement and work authorisation. The dates are data: ``data/vrij_verkeer.toml``.*

More information:

- https://wetten.overheid.nl/BWBR0007149 (Wet arbeid vreemdelingen)
- https://wetten.overheid.nl/BWBR0007523 (Besluit uitvoering Wav)
- https://wetten.overheid.nl/BWBR0011825 (Vreemdelingenbesluit 2000)

A Romanian in employment in 2013 (during the transition), self-employed, and after it. The
explanation names the legal category, never the nationality (explanations name the facts used,
not their values); the basis names the accession treaty the transition rests on:

>>> from sekswerk_rules import evaluate
>>> def work(on, **person):
...     case = {"municipality": "leeuwarden", "person": person}
...     return evaluate(case, on=on, lang="en").rule("nationaal.verblijf-en-arbeid")
>>> employed = {"employment": "employed", "residence_document": {"work": "none"}}
>>> print(work("2013-12-31", nationalities=["RO"], **employed).explanation)
As a national of a country in a transition period for free movement, the sex worker needed a work permit for employed work during that period, and it is never issued for sex work (Wet arbeid vreemdelingen, art. 2).
>>> print(work("2013-12-31", nationalities=["RO"], employment="self_employed").explanation)
As a national of a country in a transition period for free movement, the sex worker may work only as self-employed during that period, and does so.
>>> print(work("2014-01-01", nationalities=["RO"], **employed).outcome.value)
satisfied
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any

from .. import freemovement
from ..case import Case, Employment, WorkPermission
from ..dates import day_after
from .base import Basis, Bound, Context, Outcome, Rule, RuleResult, satisfied, unknown, violated

_RANK = {"free": 0, "grace": 1, "transition": 2, "none": 3}


#: The residence document's facts, and whether a British national lived here before 2021.
DOCUMENT = ("person.residence_document.work", "person.residence_document.valid_until")
RESIDED = "person.resided_in_nl_before_2021"


@lru_cache(maxsize=1024)
def _free(status: freemovement.Status) -> RuleResult:
    """A national of a country with free movement (``status`` is one interned stretch of time).
    The explanation names the legal category, never the nationality: explanations name the
    facts used, not their values; the basis names the treaty the free movement rests on."""
    return satisfied("free", facts=("person.nationalities",), extra_basis=status.basis)


class WorkAuthorisation(Rule):
    key = "nationaal.verblijf-en-arbeid"
    title = ("Vrij verkeer en arbeid door vreemdelingen", "Free movement and work authorisation")
    facts = ("person.nationalities", "person.employment", *DOCUMENT, RESIDED)
    national = True
    TEXT = {
        "free": (
            "Als onderdaan van een land met vrij verkeer (de EU, de EER of Zwitserland) heeft de sekswerker geen vergunning nodig om te werken.",
            "As a national of a country with free movement (the EU, the EEA or Switzerland), the sex worker needs no permit to work.",
        ),
        "transition_self_employed": (
            "Als onderdaan van een land in een overgangsregeling voor vrij verkeer mag de sekswerker tijdens die overgangsregeling alleen als zelfstandige werken, en dat is het geval.",
            "As a national of a country in a transition period for free movement, the sex worker may work only as self-employed during that period, and does so.",
        ),
        "transition_employed": (
            "Als onderdaan van een land in een overgangsregeling voor vrij verkeer had de sekswerker tijdens die overgangsregeling voor werk in loondienst een tewerkstellingsvergunning nodig, en die wordt voor sekswerk nooit verleend ({citation}).",
            "As a national of a country in a transition period for free movement, the sex worker needed a work permit for employed work during that period, and it is never issued for sex work ({citation}).",
        ),
        "transition_unknown": (
            "Als onderdaan van een land in een overgangsregeling voor vrij verkeer mag de sekswerker tijdens die overgangsregeling alleen als zelfstandige werken; onbekend is of dat zo is ({citation}).",
            "As a national of a country in a transition period for free movement, the sex worker may work only as self-employed during that period; whether that is so is unknown ({citation}).",
        ),
        "document_free": (
            "De sekswerker heeft een verblijfsdocument met 'arbeid vrij toegestaan'.",
            "The sex worker has a residence document stating 'work freely permitted'.",
        ),
        "document_self_employed": (
            "Het verblijfsdocument staat alleen arbeid als zelfstandige toe; of dat sekswerk dekt, is omstreden ({citation}).",
            "The residence document permits only self-employed work; whether that covers sex work is disputed ({citation}).",
        ),
        "document_expired": (
            "Het verblijfsdocument is verlopen; zonder vrij verkeer is sekswerk alleen toegestaan met een geldig document met 'arbeid vrij toegestaan' ({citation}).",
            "The residence document has expired; without free movement, sex work is allowed only with a valid document stating 'work freely permitted' ({citation}).",
        ),
        "no_permission": (
            "Zonder vrij verkeer is sekswerk alleen toegestaan met een verblijfsdocument met 'arbeid vrij toegestaan'; voor sekswerk wordt nooit een tewerkstellingsvergunning verleend ({citation}).",
            "Without free movement, sex work is allowed only with a residence document stating 'work freely permitted'; a work permit is never issued for sex work ({citation}).",
        ),
        "nationality_unknown": (
            "De nationaliteit van de sekswerker is onbekend, en daarmee of er vrij verkeer is ({citation}).",
            "The sex worker's nationality is unknown, and so is whether there is free movement ({citation}).",
        ),
        "document_unknown": (
            "De sekswerker heeft geen vrij verkeer; onbekend is of een verblijfsdocument arbeid vrij toestaat ({citation}).",
            "The sex worker has no free movement; whether a residence document permits work freely is unknown ({citation}).",
        ),
        "document_validity_unknown": (
            "Het verblijfsdocument staat arbeid vrij toe, maar de geldigheid ervan is onbekend ({citation}).",
            "The residence document permits work freely, but its validity is unknown ({citation}).",
        ),
        "grace": (
            "Als onderdaan van een land dat de EU heeft verlaten (terugtrekkingsakkoord) die vóór 2021 in Nederland woonde, mocht de sekswerker tot en met 30 september 2021 zonder verblijfsdocument werken.",
            "As a national of a country that left the EU (Withdrawal Agreement) who lived in the Netherlands before 2021, the sex worker could work without a residence document until 30 September 2021.",
        ),
        "disputed.late_application": (
            "Britten die vóór 2021 hier woonden, konden tot 1 oktober 2022 nog laat een verblijfsdocument aanvragen; werd dat verleend, dan was het verblijf met terugwerkende kracht rechtmatig.",
            "British nationals who lived here before 2021 could still apply late until 1 October 2022; if granted, their stay was lawful after the fact.",
        ),
        "grace_unknown": (
            "Onderdanen van een land dat de EU heeft verlaten (terugtrekkingsakkoord) die vóór 2021 in Nederland woonden, mochten tot en met 30 september 2021 zonder verblijfsdocument werken; onbekend is of de sekswerker vóór 2021 in Nederland woonde ({citation}).",
            "Nationals of a country that left the EU (Withdrawal Agreement) who lived in the Netherlands before 2021 could work without a residence document until 30 September 2021; whether the sex worker lived here before 2021 is unknown ({citation}).",
        ),
        "ask_resided": (
            "Stel vast of de sekswerker vóór 1 januari 2021 in Nederland woonde.",
            "Establish whether the sex worker lived in the Netherlands before 1 January 2021.",
        ),
        "disputed.uncertain_transition": (
            "Of werknemers uit dit land in deze periode een tewerkstellingsvergunning nodig hadden, staat niet vast.",
            "Whether employees from this country needed a work permit in this period is not settled.",
        ),
        "ask_nationality": (
            "Stel de nationaliteit vast aan de hand van een paspoort of identiteitskaart.",
            "Establish the nationality from a passport or identity card.",
        ),
        "ask_document": (
            "Controleer het verblijfsdocument: staat er 'arbeid vrij toegestaan' op, en tot wanneer is het geldig?",
            "Check the residence document: does it say 'work freely permitted', and until when is it valid?",
        ),
        "ask_employment": (
            "Stel vast of de sekswerker als zelfstandige of in loondienst werkt.",
            "Establish whether the sex worker is self-employed or employed.",
        ),
        "renew_document": (
            "Een geldig verblijfsdocument met 'arbeid vrij toegestaan' is nodig.",
            "A valid residence document stating 'work freely permitted' is needed.",
        ),
        "legal_review": (
            "Laat juridisch toetsen of dit verblijfsdocument sekswerk als zelfstandige toestaat.",
            "Have a lawyer review whether this residence document permits self-employed sex work.",
        ),
        "self_employed_only": (
            "Tijdens de overgangsregeling is alleen sekswerk als zelfstandige toegestaan.",
            "During the transition period only self-employed sex work is allowed.",
        ),
    }

    def bind(self, params: Any, uncertain: bool = False) -> Bound:
        return self._evaluate

    def _evaluate(self, case: Case, day: date) -> RuleResult:
        person = case.person
        nationalities = person.nationalities
        best: freemovement.Status | None = None  # the standing of the most favourable nationality
        for code in nationalities or ():
            found = freemovement.status(code, day)
            if best is None or _RANK[found.kind] < _RANK[best.kind]:
                best = found
        extra: tuple[Basis, ...] = ()
        if best is not None:
            if best.kind == "free":
                return _free(best)
            extra = best.basis
            if best.kind == "grace" and person.resided_in_nl_before_2021 and not best.uncertain:
                return satisfied("grace", facts=("person.nationalities", RESIDED), extra_basis=extra)

        document = self._document(case, day)
        if document == "free":
            return satisfied("document_free", facts=DOCUMENT, extra_basis=extra)
        if nationalities is None:
            # A national without free movement also needs the document: its facts settle the rule
            # with the nationality. With a document for self-employed work no nationality violates
            # it (at worst a lawyer must review that document).
            missing = ("person.nationalities", *self._document_missing(document))
            return unknown("nationality_unknown", missing=missing, remedy="ask_nationality", violable=document != "self_employed")
        if best is not None and best.kind == "grace":
            return self._after_grace(case, best, document, extra)
        if best is not None and best.kind == "transition":
            return self._in_transition(case, best, document, extra)
        return self._without_free_movement(document, ("person.nationalities",), extra)

    def _after_grace(self, case: Case, status: freemovement.Status, document: str | None, extra: tuple[Basis, ...]) -> RuleResult:
        """A former member's national (the United Kingdom) after the grace period's start."""
        resided = case.person.resided_in_nl_before_2021
        used = ("person.nationalities",)
        if resided is None:
            missing = (RESIDED, *self._document_missing(document))
            # with a document for self-employed work neither answer violates it (at worst a lawyer reviews it)
            return unknown("grace_unknown", facts=used, missing=missing, remedy="ask_resided", extra_basis=extra, violable=document != "self_employed")
        result = self._without_free_movement(document, (*used, RESIDED), extra)
        if status.uncertain and resided and result.outcome is Outcome.VIOLATED:
            # a late application, if granted, made the stay lawful after the fact
            return violated(result.text, facts=result.facts, remedy=result.remedy, extra_basis=extra, disputed="disputed.late_application")
        return result

    def _in_transition(self, case: Case, status: freemovement.Status, document: str | None, extra: tuple[Basis, ...]) -> RuleResult:
        """A new member's national during a Dutch transition period: only self-employed work is free."""
        employment = case.person.employment
        used = ("person.nationalities",)
        if employment is Employment.SELF_EMPLOYED:
            return satisfied("transition_self_employed", facts=(*used, "person.employment"), extra_basis=extra)
        if employment is None:
            missing = ("person.employment", *self._document_missing(document))
            # employed work in an uncertain transition is disputed: then no answer violates it either
            violable = document != "self_employed" and not status.uncertain
            return unknown("transition_unknown", facts=used, missing=missing, remedy="ask_employment", extra_basis=extra, violable=violable)
        result = self._without_free_movement(document, (*used, "person.employment"), extra)
        if result.outcome is Outcome.VIOLATED:
            disputed = "disputed.uncertain_transition" if status.uncertain else None
            return violated("transition_employed", facts=result.facts, remedy="self_employed_only", extra_basis=extra, disputed=disputed)
        return result

    def _without_free_movement(self, document: str | None, used: tuple[str, ...], extra: tuple[Basis, ...]) -> RuleResult:
        if document in (None, "validity_unknown"):
            key = "document_unknown" if document is None else "document_validity_unknown"
            return unknown(key, facts=used, missing=self._document_missing(document), remedy="ask_document", extra_basis=extra)
        used = (*used, *DOCUMENT)
        if document == "self_employed":
            return unknown("document_self_employed", facts=used, missing=(), remedy="legal_review", extra_basis=extra)
        key = "document_expired" if document == "expired" else "no_permission"
        return violated(key, facts=used, remedy="renew_document", extra_basis=extra)

    @staticmethod
    def _document(case: Case, day: date) -> str | None:
        """``free``, ``self_employed``, ``none``, ``expired``, ``validity_unknown`` or ``None`` (unknown)."""
        document = case.person.residence_document
        if document is None or document.work is None:
            return None
        if document.work is WorkPermission.NONE:
            return "none"
        if document.valid_until is None:
            return "validity_unknown"
        if document.valid_until < day:
            return "expired"
        return "free" if document.work is WorkPermission.FREE else "self_employed"

    @staticmethod
    def _document_missing(document: str | None) -> tuple[str, ...]:
        if document is None:
            return ("person.residence_document.work", "person.residence_document.valid_until")
        if document == "validity_unknown":
            return ("person.residence_document.valid_until",)
        return ()

    def events(self, case: Case, context: Context[Any]) -> Iterable[date]:
        # the days the nationalities' standing changes
        days = [day for code in case.person.nationalities or () for day in freemovement.timeline(code)[0] if day > context.day]
        document = case.person.residence_document
        expires = None if document is None or document.valid_until is None else day_after(document.valid_until)
        if expires is not None:
            days.append(expires)
        return days
