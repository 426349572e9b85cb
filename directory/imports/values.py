"""Read one row's text cells into model values, collecting an error per bad cell."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from directory.models import Category, Grade, Language, Offer, Subject
from directory.models.offers import ALL_MONTHS, MONTH_NAMES, months_to_mask

LIST_SEPARATOR = ";"


class Vocabulary:
    """Lookup tables for the reference data, built once per file (not once per row)."""

    def __init__(self) -> None:
        self.categories = self._index(Category.objects.all(), ("slug", "name", "name_en"))
        self.subjects = self._index(Subject.objects.all(), ("slug", "name", "name_en"))
        self.grades = self._index(Grade.objects.all(), ("slug", "name", "name_en"))
        self.languages = self._index(Language.objects.all(), ("code", "name", "name_en"))
        self.formats = {}
        for value, label in Offer.Format.choices:
            for text in (value, label, str(label).split(" (")[0], value.replace("aa", "å")):
                self.formats[text.strip().lower()] = value
        self.formats.update({"on site": "paa-stedet", "outreach": "udgaaende", "digital": "digitalt"})
        self.months = {str(name).lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}

    @staticmethod
    def _index(queryset, attributes) -> dict:
        index = {}
        for item in queryset:
            for attribute in attributes:
                text = str(getattr(item, attribute) or "").strip().lower()
                if text:
                    index.setdefault(text, item)
        return index


class RowErrors(dict):
    """column key → message; the first problem per cell is enough to act on."""

    def add(self, column: str, message: str) -> None:
        self.setdefault(column, message)


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]


def lookup_one(table: dict, text: str, column: str, errors: RowErrors, message: str):
    if not text:
        return None
    found = table.get(text.strip().lower())
    if found is None:
        errors.add(column, message % {"value": text})
    return found


def lookup_many(table: dict, text: str, column: str, errors: RowErrors, message: str) -> list:
    found, unknown = [], []
    for part in split_list(text):
        item = table.get(part.lower())
        (found if item is not None else unknown).append(item if item is not None else part)
    if unknown:
        errors.add(column, message % {"value": ", ".join(unknown)})
    return found


def integer(text: str, column: str, errors: RowErrors, *, minimum: int = 0) -> int | None:
    if not text:
        return None
    try:
        value = int(Decimal(text.replace(",", ".")))
    except (InvalidOperation, ValueError):
        errors.add(column, _("“%(value)s” er ikke et helt tal.") % {"value": text})
        return None
    if value < minimum:
        errors.add(column, _("Skal være mindst %(minimum)d.") % {"minimum": minimum})
    return value


def number(text: str, column: str, errors: RowErrors) -> Decimal | None:
    if not text:
        return None
    cleaned = re.sub(r"(?i)\s|kr\.?|dkk", "", text)
    # "1.250,50" (Danish) and "1250.50" are both accepted.
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        errors.add(column, _("“%(value)s” er ikke et tal.") % {"value": text})
        return None


def months(text: str, vocabulary: Vocabulary, column: str, errors: RowErrors) -> int:
    if not text or text.strip().lower() in {"alle", "hele året", "all"}:
        return ALL_MONTHS
    numbers = []
    for part in split_list(text):
        number_ = vocabulary.months.get(part.lower())
        if number_ is None and part.isdigit() and 1 <= int(part) <= 12:
            number_ = int(part)
        if number_ is None:
            errors.add(column, _("Ukendt måned “%(value)s”.") % {"value": part})
            return ALL_MONTHS
        numbers.append(number_)
    return months_to_mask(numbers)


def checked(text: str, validator, column: str, errors: RowErrors, message: str) -> str:
    if text:
        try:
            validator(text)
        except ValidationError:
            errors.add(column, message)
    return text


def offer_fields(row: dict[str, str], vocabulary: Vocabulary, errors: RowErrors) -> dict:
    """The offer's fields from a row (no places; those are resolved by the runner)."""
    if not row.get("titel"):
        errors.add("titel", _("Titlen mangler."))
    subjects = lookup_many(
        vocabulary.subjects, row.get("fag", ""), "fag", errors, _("Ukendt fag: %(value)s.")
    )
    if not row.get("fag"):
        errors.add("fag", _("Angiv mindst ét fag eller tema."))
    grade_from = lookup_one(
        vocabulary.grades,
        row.get("fra_klassetrin", ""),
        "fra_klassetrin",
        errors,
        _("Ukendt klassetrin “%(value)s”."),
    )
    grade_to = lookup_one(
        vocabulary.grades,
        row.get("til_klassetrin", ""),
        "til_klassetrin",
        errors,
        _("Ukendt klassetrin “%(value)s”."),
    )
    for column in ("fra_klassetrin", "til_klassetrin"):
        if not row.get(column):
            errors.add(column, _("Klassetrinnet mangler."))
    if grade_from and grade_to and grade_from.level > grade_to.level:
        errors.add("til_klassetrin", _("“Til klassetrin” ligger før “fra klassetrin”."))
    format_ = Offer.Format.ON_SITE
    if row.get("form"):
        format_ = vocabulary.formats.get(row["form"].strip().lower())
        if format_ is None:
            errors.add("form", _("Ukendt form “%(value)s”.") % {"value": row["form"]})
    price = number(row.get("pris", ""), "pris", errors)
    if price is not None and price < 0:
        errors.add("pris", _("Prisen kan ikke være negativ."))
    return {
        "title": row.get("titel", "")[:200],
        "summary": row.get("kort_beskrivelse", ""),
        "description": row.get("beskrivelse", ""),
        "subjects": subjects,
        "grade_from": grade_from,
        "grade_to": grade_to,
        "format": format_ or Offer.Format.ON_SITE,
        "duration_minutes": integer(row.get("varighed_minutter", ""), "varighed_minutter", errors, minimum=1),
        "max_participants": integer(row.get("max_deltagere", ""), "max_deltagere", errors, minimum=1),
        "price_dkk": price if price is not None else Decimal("0"),
        "price_note": row.get("prisnote", ""),
        "months": months(row.get("maaneder", ""), vocabulary, "maaneder", errors),
        "languages": lookup_many(
            vocabulary.languages, row.get("sprog", ""), "sprog", errors, _("Ukendt sprog: %(value)s.")
        ),
        "booking_url": checked(
            row.get("bookinglink", ""), URLValidator(), "bookinglink", errors, _("Ugyldig webadresse.")
        ),
        "booking_email": checked(
            row.get("booking_email", ""), EmailValidator(), "booking_email", errors, _("Ugyldig e-mail.")
        ),
        "booking_phone": row.get("booking_telefon", ""),
    }


def place_fields(row: dict[str, str], vocabulary: Vocabulary, errors: RowErrors) -> dict:
    if not row.get("sted_navn"):
        errors.add("sted_navn", _("Stedets navn mangler."))
    category = lookup_one(
        vocabulary.categories, row.get("kategori", ""), "kategori", errors, _("Ukendt kategori “%(value)s”.")
    )
    if not row.get("kategori"):
        errors.add("kategori", _("Kategorien mangler."))
    postcode = row.get("postnummer", "")
    if postcode and not re.fullmatch(r"\d{4}", postcode):
        errors.add("postnummer", _("Et dansk postnummer har fire cifre."))
    latitude = number(row.get("breddegrad", ""), "breddegrad", errors)
    longitude = number(row.get("laengdegrad", ""), "laengdegrad", errors)
    if (latitude is None) != (longitude is None):
        errors.add(
            "laengdegrad" if longitude is None else "breddegrad", _("Angiv både bredde- og længdegrad.")
        )
    if latitude is not None and not -90 <= latitude <= 90:
        errors.add("breddegrad", _("Breddegraden skal ligge mellem -90 og 90."))
    if longitude is not None and not -180 <= longitude <= 180:
        errors.add("laengdegrad", _("Længdegraden skal ligge mellem -180 og 180."))
    if not (row.get("adresse") or postcode or row.get("by") or latitude is not None):
        errors.add("adresse", _("Angiv en adresse (eller bredde- og længdegrad)."))
    return {
        "name": row.get("sted_navn", "")[:200],
        "category": category,
        "street_address": row.get("adresse", ""),
        "postcode": postcode,
        "city": row.get("by", ""),
        "latitude": float(latitude) if latitude is not None else None,
        "longitude": float(longitude) if longitude is not None else None,
    }
