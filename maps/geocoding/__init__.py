"""Geocoding: the only code in the project that talks to a geocoder.

    from maps.geocoding import geocode, search_point, reverse_municipality, in_denmark, AddressNotFound

The backend is chosen by settings.GEOCODER (see backends.py); the offline gazetteer is the default.
"""

from maps.geocoding.geography import in_denmark, reverse_municipality
from maps.geocoding.results import AddressNotFound, GeocodeResult
from maps.geocoding.service import geocode, search_point

__all__ = [
    "AddressNotFound",
    "GeocodeResult",
    "geocode",
    "in_denmark",
    "reverse_municipality",
    "search_point",
]
