"""The documented columns of the import/export format, with Danish and English headers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    key: str  # the Danish header, used in files we write
    english: str
    help: str
    group: str  # "place" or "offer"


COLUMNS = [
    Column(
        "sted_id",
        "place_id",
        _("Jeres eget id for stedet (fx 'HOVEDHUS'). Nøglen ved genindlæsning."),
        "place",
    ),
    Column("sted_navn", "place_name", _("Stedets navn."), "place"),
    Column("kategori", "category", _("Kategori, fx 'Museum' eller 'Zoo/akvarium'."), "place"),
    Column("adresse", "street_address", _("Vej og husnummer."), "place"),
    Column("postnummer", "postcode", _("Fire cifre."), "place"),
    Column("by", "city", _("Bynavn."), "place"),
    Column(
        "breddegrad",
        "latitude",
        _("Valgfri. Udfyldes den, bruges den i stedet for adressens placering."),
        "place",
    ),
    Column("laengdegrad", "longitude", _("Valgfri, sammen med breddegrad."), "place"),
    Column("tilbud_id", "offer_id", _("Jeres eget id for tilbuddet. Nøglen ved genindlæsning."), "offer"),
    Column("titel", "title", _("Tilbuddets titel."), "offer"),
    Column("kort_beskrivelse", "summary", _("Højst 300 tegn."), "offer"),
    Column("beskrivelse", "description", _("Længere beskrivelse."), "offer"),
    Column(
        "fag",
        "subjects",
        _("Et eller flere fag/temaer adskilt af semikolon, fx 'Biologi; Geografi'."),
        "offer",
    ),
    Column("fra_klassetrin", "grade_from", _("Fx 'Børnehave', '0. klasse', '7. klasse'."), "offer"),
    Column("til_klassetrin", "grade_to", _("Samme skala; ikke før fra_klassetrin."), "offer"),
    Column("form", "format", _("'Besøg på stedet', 'Udgående' eller 'Digitalt'."), "offer"),
    Column("varighed_minutter", "duration_minutes", _("Heltal."), "offer"),
    Column("max_deltagere", "max_participants", _("Heltal."), "offer"),
    Column("pris", "price_dkk", _("Kroner; 0 eller tom betyder gratis."), "offer"),
    Column("prisnote", "price_note", _("Fx 'pr. klasse'."), "offer"),
    Column(
        "maaneder",
        "months",
        _("Måneder adskilt af semikolon (navne eller 1–12); tom betyder hele året."),
        "offer",
    ),
    Column("sprog", "languages", _("Sprogkoder adskilt af semikolon, fx 'da; en'."), "offer"),
    Column("bookinglink", "booking_url", _("Webadresse."), "offer"),
    Column("booking_email", "booking_email", _("E-mail."), "offer"),
    Column("booking_telefon", "booking_phone", _("Telefon."), "offer"),
]
KEYS = [column.key for column in COLUMNS]
BY_KEY = {column.key: column for column in COLUMNS}

_TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "-": "_", " ": "_", ".": "_"})


def normalise_header(header: str) -> str:
    """'Længde-grad ' → 'laengde_grad'; so 'Måneder', 'maaneder' and 'MAANEDER' all match."""
    text = str(header or "").strip().lower().translate(_TRANSLITERATE)
    return re.sub(r"_+", "_", text).strip("_")


ALIASES = {normalise_header(column.key): column.key for column in COLUMNS}
ALIASES.update({normalise_header(column.english): column.key for column in COLUMNS})
ALIASES.update(
    {
        "stednavn": "sted_navn",
        "maneder": "maaneder",
        "vejnavn": "adresse",
        "postnr": "postnummer",
        "langdegrad": "laengdegrad",
        "pris_kr": "pris",
        "varighed": "varighed_minutter",
        "email": "booking_email",
        "telefon": "booking_telefon",
    }
)


def column_for(header: str) -> str | None:
    return ALIASES.get(normalise_header(header))
