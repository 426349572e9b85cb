"""Read one row's text cells into model values, collecting an error per bad cell."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from directory import vocabulary, wording
from directory.models import Category, Grade, Language, Offer, Subject
from directory.models.offers import ALL_MONTHS


class Vocabulary:
    """Reference rows by slug/level, read once per file (not once per row); the words themselves
    are read by directory.vocabulary."""

    def __init__(self) -> None:
        self.categories = {category.slug: category for category in Category.objects.all()}
        self.subjects = {subject.slug: subject for subject in Subject.objects.all()}
        self.grades = Grade.objects.in_bulk()  # level -> Grade
        self.languages = self._index(Language.objects.all(), ("code", "name", "name_en"))

    @staticmethod
    def _index(queryset, attributes) -> dict:
        index = {}
        for item in queryset:
            for attribute in attributes:
                text = str(getattr(item, attribute) or "").strip().lower()
                if text:
                    index.setdefault(text, item)
        return index


class Notes:
    """What a row's reading says besides errors: each interpretation of a provider's wording
    ("'Indskoling' read as 0.–3. klasse") and each fact the row leaves out (the offer becomes a
    draft that names what to complete)."""

    def __init__(self) -> None:
        self.readings: list[tuple[str, str]] = []  # (column, message)
        self.missing: dict[str, str] = {}  # column -> what to complete

    def read(self, column: str, text: str, reading: str) -> None:
        if text and reading and vocabulary.normalise(text) != vocabulary.normalise(reading):
            self.readings.append(
                (column, _("“%(text)s” læst som %(reading)s") % {"text": text, "reading": reading})
            )

    def lacks(self, column: str, message: str) -> None:
        self.missing.setdefault(column, message)


class RowErrors(dict):
    """column key → message; the first problem per cell is enough to act on."""

    def add(self, column: str, message: str) -> None:
        self.setdefault(column, message)


def split_list(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,]", text) if part.strip()]


def _accepted(kind: str, limit: int = 12) -> str:
    return ", ".join(f"'{word}'" for word in vocabulary.accepted_words(kind)[:limit]) + " …"


def read_subjects(text: str, vocab: Vocabulary, errors: RowErrors, notes: Notes) -> list:
    slugs, unknown = vocabulary.subjects().read(text)
    if unknown:
        errors.add(
            "fag",
            _("Ukendt fag: “%(value)s” i “%(text)s”. Kendte ord er fx %(accepted)s")
            % {"value": ", ".join(unknown), "text": text, "accepted": _accepted("subjects")},
        )
    found = [vocab.subjects[slug] for slug in slugs if slug in vocab.subjects]
    notes.read("fag", text, ", ".join(subject.name for subject in found))
    return found


def read_grade_columns(row: dict[str, str], vocab: Vocabulary, errors: RowErrors, notes: Notes):
    """From 'klassetrin' (a target group: 'Indskoling', '3-6 år') and/or fra/til_klassetrin; a
    group word in 'fra' alone gives its whole span."""
    span: list[int] = []
    for column in ("klassetrin", "fra_klassetrin", "til_klassetrin"):
        text = row.get(column, "")
        if not text:
            continue
        reading = vocabulary.read_grades(text)
        if reading.unknown or not reading.found:
            errors.add(
                column,
                _("Ukendt klassetrin “%(value)s”. Brug fx %(accepted)s")
                % {"value": text, "accepted": _accepted("grades", 20)},
            )
            continue
        notes.read(column, text, reading.label)
        if column == "fra_klassetrin" and row.get("til_klassetrin"):
            span.append(reading.level_from)
        elif column == "til_klassetrin" and row.get("fra_klassetrin"):
            span.append(reading.level_to)
        else:
            span += [reading.level_from, reading.level_to]
    if not span:
        return None, None
    level_from = (
        vocabulary.read_grades(row["fra_klassetrin"]).level_from if row.get("fra_klassetrin") else None
    )
    level_to = vocabulary.read_grades(row["til_klassetrin"]).level_to if row.get("til_klassetrin") else None
    if level_from is not None and level_to is not None and level_from > level_to:
        errors.add("til_klassetrin", _("“Til klassetrin” ligger før “fra klassetrin”."))
        return None, None
    return vocab.grades.get(min(span)), vocab.grades.get(max(span))


def read_with(reader, text: str, column: str, errors: RowErrors, label: str):
    """Run a directory.wording reader; an unreadable text is an error naming what is accepted."""
    try:
        return reader(text)
    except wording.Unreadable as problem:
        errors.add(
            column,
            _("“%(value)s” kan ikke læses som %(label)s. Skriv %(accepted)s.")
            % {"value": text, "label": label, "accepted": problem.accepted},
        )
        return None


def read_format(text: str, errors: RowErrors, notes: Notes) -> str:
    if not text:
        return Offer.Format.ON_SITE
    values, unknown = vocabulary.formats().read(text)
    if unknown or not values:
        errors.add(
            "form",
            _("Ukendt form “%(value)s”. Brug fx %(accepted)s")
            % {"value": text, "accepted": _accepted("formats", 15)},
        )
        return Offer.Format.ON_SITE
    notes.read("form", text, str(Offer.Format(values[0]).label))
    return values[0]


def price_fields(row: dict[str, str], errors: RowErrors, notes: Notes) -> dict:
    text = row.get("pris", "")
    price = read_with(wording.read_price, text, "pris", errors, _("en pris"))
    if not text:
        notes.lacks("pris", _("Prisen mangler (skriv 'Gratis', et beløb eller 'Ukendt')."))
        price = wording.Price(Offer.PriceKind.UNKNOWN)
    if price is None:
        return {}
    notes.read("pris", text, wording.price_text(price.kind, price.amount, price.unit))
    return {
        "price_kind": price.kind,
        "price_dkk": price.amount,
        "price_unit": price.unit,
        "price_note": row.get("prisnote", "") or price.note,
    }


def duration_fields(text: str, errors: RowErrors, notes: Notes) -> dict:
    duration = read_with(wording.read_duration, text, "varighed", errors, _("en varighed"))
    if duration is None:
        return {"duration_minutes": None, "duration_max_minutes": None, "duration_days": None}
    notes.read("varighed", text, wording.duration_text(duration.minutes, duration.max_minutes, duration.days))
    return {
        "duration_minutes": duration.minutes,
        "duration_max_minutes": duration.max_minutes,
        "duration_days": duration.days,
    }


def group_fields(text: str, errors: RowErrors, notes: Notes) -> dict:
    group = (
        read_with(wording.read_group, text, "deltagere", errors, _("et antal deltagere")) or wording.Group()
    )
    if group.min_pupils and group.max_pupils and group.min_pupils > group.max_pupils:
        errors.add("deltagere", _("Mindste antal er større end største antal."))
    notes.read("deltagere", text, wording.group_text(group))
    return {
        "min_participants": group.min_pupils,
        "max_participants": group.max_pupils,
        "max_classes": group.max_classes,
        "adults_per_group": group.adults,
    }


def period_fields(row: dict[str, str], errors: RowErrors, notes: Notes) -> dict:
    text = row.get("maaneder", "")
    period = read_with(wording.read_period, text, "maaneder", errors, _("måneder eller en periode"))
    months_mask = period.months if period else ALL_MONTHS
    note = row.get("periode", "") or (text if period and period.detailed else "")
    if period:
        shown = wording.months_label(period.months)
        notes.read("maaneder", text, shown + (_(" (teksten gemt som periode)") if period.detailed else ""))
    return {"months": months_mask, "period_note": note[:200]}


def checked(text: str, validator, column: str, errors: RowErrors, message: str) -> str:
    if text:
        try:
            validator(text)
        except ValidationError:
            errors.add(column, message % {"value": text})
    return text


def offer_fields(row: dict[str, str], vocab: Vocabulary, errors: RowErrors, notes: Notes) -> dict:
    """The offer's fields from a row (no places; those are resolved by the runner). Facts the row
    leaves out are noted in notes.missing; the runner then writes a draft."""
    if not row.get("titel"):
        errors.add("titel", _("Titlen mangler."))
    subjects = read_subjects(row.get("fag", ""), vocab, errors, notes)
    if not row.get("fag"):
        notes.lacks("fag", _("Fag mangler."))
    grade_from, grade_to = read_grade_columns(row, vocab, errors, notes)
    if not (row.get("klassetrin") or row.get("fra_klassetrin") or row.get("til_klassetrin")):
        notes.lacks("fra_klassetrin", _("Klassetrin mangler (sat til alle, indtil det rettes)."))
        grade_from, grade_to = vocab.grades[min(vocab.grades)], vocab.grades[max(vocab.grades)]
    format_ = read_format(row.get("form", ""), errors, notes)
    email = wording.read_email(row.get("booking_email", ""))
    if email != row.get("booking_email", ""):
        notes.read("booking_email", row["booking_email"], email)
    url = wording.read_url(row.get("bookinglink", ""))
    if url != row.get("bookinglink", ""):
        notes.read("bookinglink", row["bookinglink"], url)
    return {
        "title": row.get("titel", "")[:200],
        "summary": row.get("kort_beskrivelse", "")[:300],
        "description": row.get("beskrivelse", ""),
        "subjects": subjects,
        "grade_from": grade_from,
        "grade_to": grade_to,
        "format": format_,
        **duration_fields(row.get("varighed", ""), errors, notes),
        **group_fields(row.get("deltagere", ""), errors, notes),
        **price_fields(row, errors, notes),
        **period_fields(row, errors, notes),
        "learning_goals": row.get("laeringsmaal", ""),
        "requirements": row.get("krav", ""),
        "keywords": row.get("noegleord", "")[:300],
        "languages": _languages(row.get("sprog", ""), vocab, errors),
        "booking_url": checked(
            url, URLValidator(), "bookinglink", errors, _("Ugyldig webadresse “%(value)s”.")
        ),
        "booking_email": checked(
            email, EmailValidator(), "booking_email", errors, _("Ugyldig e-mail “%(value)s”.")
        ),
        "booking_phone": row.get("booking_telefon", "")[:30],
    }


def _languages(text: str, vocab: Vocabulary, errors: RowErrors) -> list:
    parts = [part for part in re.split(r"[;,/]|\bog\b", text.lower()) if part.strip()]
    found = [vocab.languages.get(part.strip()) for part in parts]
    unknown = [part.strip() for part, item in zip(parts, found, strict=True) if item is None]
    if unknown:
        errors.add(
            "sprog",
            _("Ukendt sprog: %(value)s. Brug sprogkoder som 'da; en'.") % {"value": ", ".join(unknown)},
        )
    return [item for item in found if item is not None]


def number(text: str, column: str, errors: RowErrors) -> Decimal | None:
    if not text:
        return None
    cleaned = text.strip()
    # "1.250,50" (Danish) and "1250.50" are both accepted.
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        errors.add(column, _("“%(value)s” er ikke et tal.") % {"value": text})
        return None


def place_fields(row: dict[str, str], vocab: Vocabulary, errors: RowErrors, notes: Notes) -> dict:
    if not row.get("sted_navn"):
        errors.add("sted_navn", _("Stedets navn mangler."))
    category = None
    if row.get("kategori"):
        slugs, unknown = vocabulary.categories().read(row["kategori"])
        if not slugs or unknown:
            errors.add(
                "kategori",
                _("Ukendt kategori “%(value)s”. Brug fx %(accepted)s")
                % {"value": row["kategori"], "accepted": _accepted("categories", 20)},
            )
        else:
            category = vocab.categories.get(slugs[0])
            notes.read("kategori", row["kategori"], category.name if category else "")
    else:
        errors.add("kategori", _("Kategorien mangler."))
    postcode = row.get("postnummer", "").replace(" ", "").removeprefix("DK-")
    if postcode and not re.fullmatch(r"\d{4}", postcode):
        errors.add(
            "postnummer", _("Et dansk postnummer har fire cifre, ikke “%(value)s”.") % {"value": postcode}
        )
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
