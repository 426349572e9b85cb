"""Content negotiation that shares ``?format=`` with the offer-format filter.

DRF reads ``?format=`` as the response format and would answer 404 to
``?format=udgaaende``. Here only json, api and geojson choose the representation;
every other value is left to the search form (directory/search/forms.py).
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.settings import api_settings

from directory.search.forms import OUTPUT_FORMATS


class _WithoutFormatOverride:
    URL_FORMAT_OVERRIDE = None

    def __getattr__(self, name):
        return getattr(api_settings, name)


class SharedFormatNegotiation(DefaultContentNegotiation):
    settings = _WithoutFormatOverride()

    def select_renderer(self, request, renderers, format_suffix=None):
        requested = [value for value in request.query_params.getlist("format") if value in OUTPUT_FORMATS]
        # An explicit ?format= wins over the Accept header (a link pasted into a browser or GIS).
        for renderer in renderers:
            if requested and renderer.format == requested[0]:
                return renderer, renderer.media_type
        try:
            return super().select_renderer(
                request, renderers, format_suffix or (requested[0] if requested else None)
            )
        except Http404 as error:  # e.g. ?format=geojson where there is no GeoJSON
            from directory.api.pagination import parameter_error

            available = ", ".join(renderer.format for renderer in renderers)
            raise parameter_error(
                "format", _("Formatet findes ikke her. Brug: %(formats)s.") % {"formats": available}
            ) from error
