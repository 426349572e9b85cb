"""What the geocoding service hands back, and the one error it raises."""

from dataclasses import dataclass

from django.utils.translation import gettext

MAX_QUERY_LENGTH = 300
# Appended to a result's source when its name also means other places ("Frederiksberg", "Hasle"):
# kept in the source so that it survives the cache and shows wherever the source is shown.
AMBIGUOUS = " (ambiguous)"


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

    @property
    def ambiguous(self) -> bool:
        """The name also means other places; geocode_candidates() lists them."""
        return self.source.endswith(AMBIGUOUS)


@dataclass(frozen=True)
class GeocodeCandidate:
    """One place a text may mean, for a person to choose from."""

    latitude: float
    longitude: float
    precision: str
    source: str
    label: str  # "Gellerup, 8220 Brabrand", "Frederiksberg"
    municipality_code: int | None
    region_code: int | None
    municipality_name: str  # tells apart places of one name: "Frederiksberg" in Sorø Kommune
    match: str  # "postcode", "name", "similar name" (gazetteer) or "geocoder" (an online answer)

    @property
    def description(self) -> str:
        if not self.municipality_name or self.municipality_name in self.label:
            return self.label
        return f"{self.label} ({self.municipality_name})"


class AddressNotFound(Exception):
    """The input does not name a place in Denmark. str(exc) is a Danish message for the user."""

    def __init__(self, message: str | None = None, *, candidates: tuple = ()):
        self.candidates = candidates  # similar names (GeocodeCandidate) when the text was near one
        super().__init__(
            message
            or gettext(
                "Vi kunne ikke finde adressen i Danmark. Tjek stavningen, eller skriv postnummer og by, "
                "fx 'Vestergade 5, 8000 Aarhus C'."
            )
        )

    @classmethod
    def with_suggestions(cls, candidates: list) -> "AddressNotFound":
        """Not found as typed, but spelled like known places: name them instead of picking one."""
        names = ", ".join(f"'{candidate.description}'" for candidate in candidates)
        return cls(
            gettext("Vi kunne ikke finde stedet i Danmark, som det er skrevet. Mente du %(names)s?")
            % {"names": names},
            candidates=tuple(candidates),
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
