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
    group: str  # "place", "offer", or "file" (which organisation a row belongs to)


COLUMNS = [
    Column(
        "organisation",
        "organisation",
        _("Kun i en koordinators fil med mange udbydere: organisationens navn; en ny oprettes."),
        "file",
    ),
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
        _("Fag/temaer som I skriver dem: 'Biologi; Geografi', 'Historie og samfundsfag', 'N/T', 'Sløjd'."),
        "offer",
    ),
    Column(
        "klassetrin",
        "target_group",
        _("Målgruppe i ord: 'Indskoling', 'Mellemtrin og udskoling', '3.-6. klasse', '3-6 år', 'Gymnasium'."),
        "offer",
    ),
    Column(
        "fra_klassetrin",
        "grade_from",
        _("Fx 'Børnehave', '0. klasse', '7. klasse' eller 'Mellemtrin'."),
        "offer",
    ),
    Column("til_klassetrin", "grade_to", _("Samme skala; ikke før fra_klassetrin."), "offer"),
    Column(
        "form",
        "format",
        _(
            "'Besøg på stedet', 'Udgående' ('vi kommer ud'), 'Digitalt', 'Udlån' (materialekasse), 'På egen hånd'."
        ),
        "offer",
    ),
    Column(
        "varighed",
        "duration",
        _("'45 min.', '1½ time', '2-3 timer', 'hele dagen', '2 dage' eller minutter."),
        "offer",
    ),
    Column(
        "deltagere",
        "participants",
        _("'max. 28 elever', '15-28 elever', '1 klasse', '28 elever + 2 voksne'."),
        "offer",
    ),
    Column(
        "pris",
        "price",
        _(
            "'Gratis', '2100,- kr.', 'DKK 50 pr. elev', 'ca. 800 kr. pr. klasse', 'Gratis for kommunens skoler', 'Ukendt'."
        ),
        "offer",
    ),
    Column(
        "prisnote", "price_note", _("Det, prisen ikke siger: entré oveni, moms, hvad der er med."), "offer"
    ),
    Column(
        "maaneder",
        "months",
        _(
            "Måneder ('marts; april', 'sep.-jun.'), datoer ('1. november - 1. april', 'hele skoleåret'); tom = hele året."
        ),
        "offer",
    ),
    Column("periode", "period", _("Datoer, ugedage og tider i jeres ord, fx 'fredag kl. 10-14'."), "offer"),
    Column(
        "laeringsmaal", "learning_goals", _("Læringsmål, gerne med Fælles Mål-kompetenceområder."), "offer"
    ),
    Column("krav", "requirements", _("Krav til skolen, fx forberedelse eller antal voksne."), "offer"),
    Column("noegleord", "keywords", _("Nøgleord adskilt af komma."), "offer"),
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
        "price_dkk": "pris",
        "varighed_minutter": "varighed",
        "duration_minutes": "varighed",
        "max_deltagere": "deltagere",
        "max_participants": "deltagere",
        "antal_deltagere": "deltagere",
        "maalgruppe": "klassetrin",
        "malgruppe": "klassetrin",
        "laeringsmal": "laeringsmaal",
        "nogleord": "noegleord",
        "krav_til_skolen": "krav",
        "datoer": "periode",
        "tidspunkter": "periode",
        "email": "booking_email",
        "telefon": "booking_telefon",
    }
)


def column_for(header: str) -> str | None:
    return ALIASES.get(normalise_header(header))
