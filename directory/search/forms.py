"""The search parameters, parsed and validated once for the API and the pages.

Field names ARE the public parameter names (``?near=…&radius=…&subject=…``); the filters'
fields come from their declarations (directory/search/filters.py). Every error is a message
keyed by the parameter, in the request's language, so the API answers 400 with
``{"errors": {"radius": ["…"]}}`` and a page shows it next to the field.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.search.fields import NUMBER, OUTPUT_FORMATS, check_latitude, check_longitude
from directory.search.filters import FILTERS

__all__ = ["OUTPUT_FORMATS", "ClusterForm", "OfferSearchForm", "Ordering"]

DEFAULT_RADIUS_KM = 25.0
MIN_RADIUS_KM = 0.1
MAX_RADIUS_KM = 500.0
_COORDINATES = re.compile(rf"^\s*({NUMBER})\s*[, ]\s*({NUMBER})\s*$")


class Ordering:
    DISTANCE = "distance"
    TITLE = "title"
    NEWEST = "-created"
    CHOICES = [
        (DISTANCE, _("Afstand (kræver near)")),
        (TITLE, _("Titel")),
        (NEWEST, _("Nyeste først")),
    ]


class OfferSearchForm(forms.Form):
    """Where (near, radius), the filters of directory/search/filters.py, then ordering and page."""

    near = forms.CharField(
        label=_("Nær"),
        required=False,
        max_length=200,
        help_text=_(
            "Et punkt som 'breddegrad,længdegrad' (56.15,10.20) eller en adresse, et postnummer eller en by."
        ),
    )
    radius = forms.FloatField(
        label=_("Afstand (km)"),
        required=False,
        min_value=MIN_RADIUS_KM,
        max_value=MAX_RADIUS_KM,
        error_messages={
            "invalid": _("Afstanden skal være et tal i kilometer, fx 25."),
            "min_value": _("Afstanden skal være mindst %(limit_value)s km."),
            "max_value": _("Afstanden kan højst være %(limit_value)s km."),
        },
    )
    ordering = forms.ChoiceField(
        label=_("Sortering"),
        choices=Ordering.CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Ukendt sortering. Brug distance, title eller -created.")},
    )
    page = forms.IntegerField(
        label=_("Side"),
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("Siden skal være et helt tal."),
            "min_value": _("Siden skal være mindst 1."),
        },
    )

    def clean_near(self):
        """A GeocodeResult for the point, or None. Text goes through the geocoding seam."""
        text = self.cleaned_data.get("near", "").strip()
        if not text:
            return None
        from maps import geocoding

        match = _COORDINATES.match(text)
        if match:
            latitude, longitude = float(match.group(1)), float(match.group(2))
            check_latitude(latitude)
            check_longitude(longitude)
            return geocoding.GeocodeResult(
                latitude=latitude,
                longitude=longitude,
                precision="manual",
                source="coordinates",
                label=text,
                municipality_code=None,
                region_code=None,
            )
        try:
            return geocoding.search_point(text)
        except geocoding.AddressNotFound as error:
            raise forms.ValidationError(
                _("Vi kunne ikke finde '%(text)s'. Prøv et postnummer, en by eller en adresse. (%(reason)s)"),
                code="not_found",
                params={"text": text, "reason": str(error)},
            ) from error

    def clean_radius(self) -> float:
        radius = self.cleaned_data.get("radius")
        return DEFAULT_RADIUS_KM if radius is None else radius

    def clean(self):
        cleaned = super().clean()
        ordering = cleaned.get("ordering") or ""
        if ordering == Ordering.DISTANCE and not cleaned.get("near") and "near" not in self.errors:
            self.add_error("ordering", _("Sortering efter afstand kræver et punkt i 'near'."))
        if not ordering:
            cleaned["ordering"] = Ordering.DISTANCE if cleaned.get("near") else Ordering.TITLE
        return cleaned

    def error_dict(self) -> dict[str, list[str]]:
        """{"parameter": ["message", …]}: the body of a 400 answer."""
        return {field: [str(message) for message in messages] for field, messages in self.errors.items()}


class ClusterForm(OfferSearchForm):
    """The map's cluster request: the search filters plus the map's zoom level."""

    zoom = forms.IntegerField(
        label=_("Zoomniveau"),
        min_value=0,
        max_value=22,
        error_messages={
            "required": _("Angiv kortets zoomniveau (0–22)."),
            "invalid": _("Zoomniveauet skal være et helt tal fra 0 til 22."),
            "min_value": _("Zoomniveauet skal være et helt tal fra 0 til 22."),
            "max_value": _("Zoomniveauet skal være et helt tal fra 0 til 22."),
        },
    )


class _SharedFields(dict):
    """The search forms' fields, shared by every form instance instead of deep-copied for each
    (Django copies them so that one form may change its fields; these never do, and the copy
    of 17 fields is a tenth of a search's time). Do not change a field on a form instance."""

    def __deepcopy__(self, memo):
        return dict(self)


def _with_filters(declared: dict) -> dict:
    where = {name: declared[name] for name in ("near", "radius")}
    rest = {name: field for name, field in declared.items() if name not in where}
    return {**where, **{entry.name: entry.field for entry in FILTERS}, **rest}


OfferSearchForm.base_fields = _SharedFields(_with_filters(OfferSearchForm.base_fields))
ClusterForm.base_fields = _SharedFields(
    {**OfferSearchForm.base_fields, "zoom": ClusterForm.base_fields["zoom"]}
)
