"""What the geocoding service hands back, and the one error it raises."""

from dataclasses import dataclass

from django.utils.translation import gettext

MAX_QUERY_LENGTH = 300


@dataclass(frozen=True)
class GeocodeResult:
    latitude: float
    longitude: float
    precision: str  # "address" | "street" | "postcode" | "town" | "municipality"
    source: str  # "gazetteer", "nominatim", "nominatim→gazetteer (fallback: timeout)", "coordinates"
    label: str
    municipality_code: int | None
    region_code: int | None
    from_cache: bool = False


class AddressNotFound(Exception):
    """The input does not name a place in Denmark. str(exc) is a Danish message for the user."""

    def __init__(self, message: str | None = None):
        super().__init__(
            message
            or gettext(
                "Vi kunne ikke finde adressen i Danmark. Tjek stavningen, eller skriv postnummer og by, "
                "fx 'Vestergade 5, 8000 Aarhus C'."
            )
        )

    @classmethod
    def empty(cls) -> "AddressNotFound":
        return cls(gettext("Skriv en adresse, et postnummer eller et bynavn."))

    @classmethod
    def too_long(cls) -> "AddressNotFound":
        return cls(gettext("Adressen er for lang (højst %(limit)d tegn).") % {"limit": MAX_QUERY_LENGTH})

    @classmethod
    def outside_denmark(cls) -> "AddressNotFound":
        return cls(gettext("Stedet ligger uden for Danmark. Læringsmiljøer kan kun placeres i Danmark."))
