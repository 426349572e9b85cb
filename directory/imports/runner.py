"""Import a table of places and offers for one organisation: all rows or none.

A dry run goes through exactly the same steps, geocoding included, inside a
transaction that is rolled back, so its report is what the real run will do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from directory.imports import matching
from directory.imports.columns import COLUMNS
from directory.imports.reading import Table
from directory.imports.values import Notes, RowErrors, Vocabulary, offer_fields, place_fields
from directory.models import LearningEnvironment, Offer, Organisation
from directory.services import offers as offer_services

if TYPE_CHECKING:
    from network.models import User

PLACE_COLUMNS = [column.key for column in COLUMNS if column.group == "place" and column.key != "sted_id"]
OFFER_COLUMNS = [column.key for column in COLUMNS if column.group == "offer" and column.key != "tilbud_id"]
FIELD_COLUMN = {
    "name": "sted_navn", "category": "kategori", "street_address": "adresse", "postcode": "postnummer",
    "city": "by", "latitude": "breddegrad", "longitude": "laengdegrad",
    "title": "titel", "summary": "kort_beskrivelse", "description": "beskrivelse", "subjects": "fag",
    "grade_from": "fra_klassetrin", "grade_to": "til_klassetrin", "format": "form",
    "duration_minutes": "varighed", "duration_max_minutes": "varighed", "duration_days": "varighed",
    "min_participants": "deltagere", "max_participants": "deltagere", "max_classes": "deltagere",
    "adults_per_group": "deltagere", "price_kind": "pris", "price_dkk": "pris", "price_unit": "pris",
    "price_note": "prisnote", "months": "maaneder", "period_note": "periode", "learning_goals": "laeringsmaal",
    "requirements": "krav", "keywords": "noegleord", "languages": "sprog", "booking_url": "bookinglink",
    "booking_email": "booking_email", "booking_phone": "booking_telefon",
}  # fmt: skip
PLACE_KEY_PREFIX, OFFER_KEY_PREFIX = "lm-sted-", "lm-"
# A fact a row leaves out: these fields of an existing offer are kept, a new offer becomes a draft.
MISSING_FIELDS = {
    "fag": ("subjects",),
    "fra_klassetrin": ("grade_from", "grade_to"),
    "pris": ("price_kind", "price_dkk", "price_unit", "price_note"),
    "sted_id": (),
}


class Action:
    CREATE, UPDATE, UNCHANGED, PROPOSE, REJECT = "create", "update", "unchanged", "propose", "reject"


@dataclass
class Entry:
    line: int
    entity: str  # "place" or "offer"
    key: str
    name: str
    action: str = Action.UNCHANGED
    errors: dict[str, str] = field(default_factory=dict)  # column → message
    readings: list[tuple[str, str]] = field(default_factory=list)  # (column, "'X' read as Y")
    missing: dict[str, str] = field(default_factory=dict)  # column → what to complete (a draft)


@dataclass
class Report:
    entries: list[Entry] = field(default_factory=list)
    file_errors: list[Any] = field(default_factory=list)  # reading.FileProblem
    dry_run: bool = True
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.file_errors and not any(entry.errors for entry in self.entries)

    def count(self, action: str) -> int:
        return sum(1 for entry in self.entries if entry.action == action)

    def problems(self) -> list[tuple[int | None, str | None, str]]:
        """(line, column, message) for every problem, file-level first."""
        rows = [(problem.row, problem.column, problem.message) for problem in self.file_errors]
        for entry in self.entries:
            rows += [(entry.line, column, message) for column, message in entry.errors.items()]
        return rows

    def readings(self) -> list[tuple[int, str, str]]:
        """(line, column, interpretation) of every provider's wording read into the vocabulary."""
        return [(entry.line, column, text) for entry in self.entries for column, text in entry.readings]

    def warnings(self) -> list[tuple[int, str, str]]:
        """(line, column, what to complete) for each offer imported as a draft for lack of a fact."""
        return [
            (entry.line, column, text) for entry in self.entries for column, text in entry.missing.items()
        ]


def place_key(environment: LearningEnvironment) -> str:
    return environment.external_id or f"{PLACE_KEY_PREFIX}{environment.pk}"


def offer_key(offer: Offer) -> str:
    return offer.external_id or f"{OFFER_KEY_PREFIX}{offer.pk}"


def _find(queryset, key: str, prefix: str):
    found = queryset.filter(external_id=key).first()
    if found is None and key.startswith(prefix) and key[len(prefix) :].isdigit():
        found = queryset.filter(external_id="", pk=int(key[len(prefix) :])).first()
    return found


@dataclass
class _Planned:
    entry: Entry
    fields: dict
    places: list[str] = field(default_factory=list)


def _has_any(row: dict, columns: list[str]) -> bool:
    return any(row.get(column) for column in columns)


_PLACE_KEYS = {*PLACE_COLUMNS, "sted_id"}


@dataclass
class _Plan:
    places: dict[str, _Planned]
    offers: dict[str, _Planned]
    bad: list[Entry]  # rejected rows
    bad_places: set[str]  # keys whose row has an error in a place column
    bad_offers: set[str]


def _plan(table: Table, vocabulary: Vocabulary) -> _Plan:
    """Read every row; group places by sted_id and offers by tilbud_id."""
    places: dict[str, _Planned] = {}
    offers: dict[str, _Planned] = {}
    bad: list[Entry] = []
    bad_places: set[str] = set()
    bad_offers: set[str] = set()
    references: list[tuple[int, str, str]] = []
    for line, row in table.rows:
        errors, notes = RowErrors(), Notes()
        place_id, offer_id = row.get("sted_id", ""), row.get("tilbud_id", "")
        if _has_any(row, PLACE_COLUMNS) and not place_id:
            errors.add("sted_id", _("sted_id mangler."))
        if _has_any(row, OFFER_COLUMNS) and not offer_id:
            errors.add("tilbud_id", _("tilbud_id mangler."))
        if place_id and _has_any(row, PLACE_COLUMNS):
            fields = place_fields(row, vocabulary, errors, notes)
            if place_id in places and places[place_id].fields != fields:
                errors.add(
                    "sted_id",
                    _("Stedet står anderledes i linje %(line)d.") % {"line": places[place_id].entry.line},
                )
            places.setdefault(place_id, _Planned(Entry(line, "place", place_id, fields["name"]), fields))
            places[place_id].entry.readings += notes.readings
            notes.readings = []
        if offer_id and _has_any(row, OFFER_COLUMNS):
            fields = offer_fields(row, vocabulary, errors, notes)
            planned = offers.get(offer_id)
            if planned is None:
                entry = Entry(line, "offer", offer_id, fields["title"], readings=notes.readings)
                planned = offers[offer_id] = _Planned(entry, fields)
                entry.missing = notes.missing
            elif planned.fields != fields:
                errors.add(
                    "tilbud_id",
                    _("Tilbuddet står anderledes i linje %(line)d.") % {"line": planned.entry.line},
                )
            if place_id:
                planned.places.append(place_id)
        elif offer_id and place_id:
            references.append((line, offer_id, place_id))  # "this offer is also given here"
        if errors:
            if place_id and set(errors) & _PLACE_KEYS:
                bad_places.add(place_id)
            if offer_id and set(errors) - _PLACE_KEYS:
                bad_offers.add(offer_id)
            name = row.get("titel") or row.get("sted_navn") or ""
            bad.append(
                Entry(
                    line,
                    "offer" if offer_id else "place",
                    offer_id or place_id,
                    name,
                    Action.REJECT,
                    dict(errors),
                )
            )
    for line, offer_id, place_id in references:
        if offer_id in offers:
            offers[offer_id].places.append(place_id)
        else:
            message = _("Tilbuddet %(key)s er ikke beskrevet i filen.") % {"key": offer_id}
            bad.append(Entry(line, "offer", offer_id, "", Action.REJECT, {"tilbud_id": message}))
    for planned in offers.values():
        if planned.fields["format"] == Offer.Format.OUTREACH and not planned.places:
            planned.entry.missing.setdefault(
                "sted_id", _("Et udgående tilbud skal have et sted (en adresse), det kører ud fra.")
            )
    return _Plan(places, offers, bad, bad_places, bad_offers)


def _field_errors(error: ValidationError, fallback_column: str) -> dict[str, str]:
    if not hasattr(error, "error_dict"):
        return {fallback_column: " ".join(error.messages)}
    result = {}
    for name, messages in error.message_dict.items():
        column = FIELD_COLUMN.get(name, fallback_column) if name != NON_FIELD_ERRORS else fallback_column
        result.setdefault(column, " ".join(messages))
    return result


def _place_unchanged(environment: LearningEnvironment, fields: dict) -> bool:
    for name, value in fields.items():
        current = getattr(environment, name)
        if name in {"latitude", "longitude"}:
            if value is not None and (current is None or abs(current - value) > 1e-6):
                return False
        elif current != value:
            return False
    return True


def _write_place(organisation: Organisation, planned: _Planned, user) -> LearningEnvironment | None:
    from directory.services import environments as environment_services

    entry, fields = planned.entry, dict(planned.fields)
    latitude, longitude = fields.pop("latitude"), fields.pop("longitude")
    existing = _find(organisation.environments.all(), entry.key, PLACE_KEY_PREFIX)
    if existing is None:  # a new id: the same place typed again joins the one we have, as it is
        joined, how = matching.existing_place(organisation, planned.fields)
        if joined is not None:
            entry.readings.append(("sted_id", how))
            if not joined.external_id:  # so the next import finds it by its id
                entry.action = Action.UPDATE
                joined = environment_services.environment_update(
                    environment=joined, user=user, external_id=entry.key
                )
            return joined
    if existing is not None and _place_unchanged(existing, planned.fields):
        return existing
    try:
        with transaction.atomic():
            if existing is None:
                entry.action = Action.CREATE
                pin = {"latitude": latitude, "longitude": longitude, "coordinate_source": "import"}
                return environment_services.environment_create(
                    organisation=organisation, user=user, external_id=entry.key,
                    **fields, **(pin if latitude is not None else {}),
                )  # fmt: skip
            entry.action = Action.UPDATE
            environment = environment_services.environment_update(environment=existing, user=user, **fields)
            if latitude is not None and (
                environment.latitude is None
                or abs(environment.latitude - latitude) > 1e-6
                or abs(environment.longitude - longitude) > 1e-6
            ):
                environment = environment_services.environment_set_pin(
                    environment=environment, latitude=latitude, longitude=longitude, user=user
                )
            return environment
    except ValidationError as error:
        entry.action, entry.errors = Action.REJECT, _field_errors(error, "sted_id")
        return None


def _write_offer(
    organisation: Organisation, planned: _Planned, places: dict, user, *, draft: bool = False
) -> None:
    entry, fields = planned.entry, dict(planned.fields)
    missing = [key for key in planned.places if places.get(key) is None]
    if missing:
        entry.action = Action.REJECT
        entry.errors = {"sted_id": _("Ukendt sted_id: %(keys)s.") % {"keys": ", ".join(missing)}}
        return
    fields["environments"] = [places[key] for key in dict.fromkeys(planned.places)]
    existing = _find(organisation.offers.all(), entry.key, OFFER_KEY_PREFIX)
    if existing is not None:  # a fact the row leaves out stays as the offer has it
        for column in entry.missing:
            for name in MISSING_FIELDS.get(column, ()):
                fields.pop(name, None)
    elif "fag" in entry.missing:
        fields.pop("subjects")
    try:
        with transaction.atomic():
            if existing is None:
                entry.action = Action.CREATE
                offer_services.offer_create(
                    organisation=organisation, user=user, external_id=entry.key, draft=draft or bool(entry.missing),
                    **fields,
                )  # fmt: skip
                return
            scalar = {name: value for name, value in fields.items() if name in offer_services.SCALAR_FIELDS}
            many = {name: value for name, value in fields.items() if name in offer_services.MANY_FIELDS}
            if not offer_services.serialize_changes(existing, scalar, many):
                return
            change = offer_services.offer_update(offer=existing, user=user, **fields)
            entry.action = Action.PROPOSE if change is not None else Action.UPDATE
    except ValidationError as error:
        entry.action, entry.errors = Action.REJECT, _field_errors(error, "tilbud_id")


def _known_places(organisation: Organisation, keys: set[str]) -> dict[str, LearningEnvironment | None]:
    return {key: _find(organisation.environments.all(), key, PLACE_KEY_PREFIX) for key in keys}


def import_table(
    *,
    organisation: Organisation,
    table: Table,
    user: User | None,
    dry_run: bool,
    progress=None,
    draft: bool = False,
) -> Report:
    """Validate and (unless dry_run, and only if every row is good) write the table. With draft,
    new offers are drafts whatever the rows hold (a new organisation's, see catalogue.py)."""
    report = Report(dry_run=dry_run)
    plan = _plan(table, Vocabulary())
    report.entries = [planned.entry for planned in plan.places.values()] + [
        planned.entry for planned in plan.offers.values()
    ]
    # Rows with errors are left out, but every other row is still written (and rolled back),
    # so the report names every problem of the file at once, geocoding included.
    with transaction.atomic():
        referenced = {key for planned in plan.offers.values() for key in planned.places}
        written = _known_places(organisation, referenced - set(plan.places))
        for key, planned in plan.places.items():
            written[key] = None if key in plan.bad_places else _write_place(organisation, planned, user)
            if progress:
                progress()
        for key, planned in plan.offers.items():
            if key not in plan.bad_offers and not plan.bad_places & set(planned.places):
                _write_offer(organisation, planned, written, user, draft=draft)
            if progress:
                progress()
        report.entries = sorted(report.entries + plan.bad, key=lambda entry: entry.line)
        if dry_run or not report.ok:
            transaction.set_rollback(True)
        else:
            report.written = True
    return report
