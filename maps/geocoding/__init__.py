"""Geocoding: the only code in the project that talks to a geocoder.

    from maps.geocoding import geocode, search_point, reverse_municipality, in_denmark, AddressNotFound
    from maps.geocoding import geocode_candidates  # several places a name may mean, to choose from

The backend is chosen by settings.GEOCODER (see backends.py); the offline gazetteer is the default.
"""

from maps.geocoding.geography import in_denmark, reverse_municipality
from maps.geocoding.results import AddressNotFound, GeocodeCandidate, GeocodeResult
from maps.geocoding.service import geocode, geocode_candidates, search_point

__all__ = [
    "AddressNotFound",
    "GeocodeCandidate",
    "GeocodeResult",
    "geocode",
    "geocode_candidates",
    "in_denmark",
    "reverse_municipality",
    "search_point",
]
