"""Content negotiation by ``?format=`` (json or geojson) or the Accept header.

DRF answers 404 to an unknown ``?format=``; here it is a 400 naming the parameter and the
formats this endpoint has. (The offer's delivery form is the parameter ``delivery``.)
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.settings import api_settings


class _WithoutFormatOverride:
    URL_FORMAT_OVERRIDE = None

    def __getattr__(self, name):
        return getattr(api_settings, name)


class SharedFormatNegotiation(DefaultContentNegotiation):
    settings = _WithoutFormatOverride()

    def select_renderer(self, request, renderers, format_suffix=None):
        requested = request.query_params.getlist("format")
        available = [renderer.format for renderer in renderers if renderer.format != "api"]
        # An explicit ?format= wins over the Accept header (a link pasted into a browser or GIS).
        for renderer in renderers:
            if requested and renderer.format == requested[0]:
                return renderer, renderer.media_type
        if requested:
            from directory.api.pagination import parameter_error

            raise parameter_error(
                "format",
                _("Formatet findes ikke her. Brug: %(formats)s.") % {"formats": ", ".join(available)},
            )
        return super().select_renderer(request, renderers, format_suffix)
