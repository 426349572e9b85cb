"""The search parameters, parsed and validated once for the API and the pages.

Field names ARE the public parameter names (``?near=…&radius=…&subject=…``); every
error is a Danish message keyed by the parameter, so the API answers 400 with
``{"errors": {"radius": ["…"]}}`` and a page shows it next to the field.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Grade, Offer
from directory.reference import reference
from maps.spatial import BoundingBox

DEFAULT_RADIUS_KM = 25.0
MIN_RADIUS_KM = 0.1
MAX_RADIUS_KM = 500.0
# Values of ?format= that choose the response's representation, not the offer's format.
OUTPUT_FORMATS = ("json", "api", "geojson")
_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)"
_COORDINATES = re.compile(rf"^\s*({_NUMBER})\s*[, ]\s*({_NUMBER})\s*$")


class Ordering:
    DISTANCE = "distance"
    TITLE = "title"
    NEWEST = "-created"
    CHOICES = [
        (DISTANCE, _("Afstand (kræver near)")),
        (TITLE, _("Titel")),
        (NEWEST, _("Nyeste først")),
    ]


class RepeatableWidget(forms.SelectMultiple):
    """Reads ``?subject=a&subject=b`` and also ``?subject=a,b``."""

    def value_from_datadict(self, data, files, name):
        values = super().value_from_datadict(data, files, name) or []
        if isinstance(values, str):
            values = [values]
        return [part.strip() for value in values for part in str(value).split(",") if part.strip()]


class OfferFormatWidget(RepeatableWidget):
    """``format`` is shared with the response format (``?format=geojson``): drop those values."""

    def value_from_datadict(self, data, files, name):
        return [
            value for value in super().value_from_datadict(data, files, name) if value not in OUTPUT_FORMATS
        ]


class SubjectsField(forms.Field):
    """Subjects by slug, looked up in the in-memory reference tables (directory/reference.py)
    rather than by a query per search; a list of Subjects in the order given, without repeats."""

    widget = RepeatableWidget
    default_error_messages = {"invalid_choice": _("Ukendt værdi: '%(value)s'.")}

    def clean(self, value):
        slugs = [str(slug) for slug in value or []]
        if not slugs:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        known = reference().subjects_by_slug
        for slug in slugs:
            if slug not in known:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": slug}
                )
        return list({slug: known[slug] for slug in slugs}.values())


class ReferenceChoiceField(forms.Field):
    """One row of a reference table by its slug or code, looked up in memory
    (directory/reference.py): no query per search, and no queryset copied per form, as a
    ModelChoiceField copies one for each form it is part of."""

    default_error_messages = {"invalid_choice": _("Ukendt værdi: '%(value)s'.")}

    def __init__(self, *, table: str, integer: bool = False, **kwargs):
        self.table, self.integer = table, integer
        super().__init__(**kwargs)

    def to_python(self, value):
        text = str(value).strip() if value is not None else ""
        if not text:
            return None
        key = int(text) if self.integer and text.isdigit() and len(text) <= 6 else text
        found = getattr(reference(), self.table).get(key)
        if found is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text}
            )
        return found


def _parse_numbers(text: str, count: int) -> list[float] | None:
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != count or not all(re.fullmatch(_NUMBER, part) for part in parts):
        return None
    return [float(part) for part in parts]


def _check_latitude(latitude: float) -> None:
    if not -90 <= latitude <= 90:
        raise forms.ValidationError(_("Breddegraden skal ligge mellem -90 og 90."), code="latitude_range")


def _check_longitude(longitude: float) -> None:
    if not -180 <= longitude <= 180:
        raise forms.ValidationError(_("Længdegraden skal ligge mellem -180 og 180."), code="longitude_range")


class OfferSearchForm(forms.Form):
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
    subject = SubjectsField(
        label=_("Fag eller tema"),
        required=False,
        error_messages={
            "invalid_choice": _("Ukendt fag eller tema: '%(value)s'."),
            "invalid_pk_value": _("Ukendt fag eller tema: '%(pk)s'."),
        },
    )
    grade = forms.CharField(
        label=_("Klassetrin"), required=False, max_length=40, help_text=_("Fx '5-klasse' eller trin 7.")
    )
    category = ReferenceChoiceField(
        label=_("Kategori"),
        table="categories_by_slug",
        required=False,
        error_messages={"invalid_choice": _("Ukendt kategori.")},
    )
    format = forms.MultipleChoiceField(
        label=_("Form"),
        choices=Offer.Format.choices,
        required=False,
        widget=OfferFormatWidget,
        error_messages={
            "invalid_choice": _("Ukendt form: '%(value)s'. Brug paa-stedet, udgaaende eller digitalt.")
        },
    )
    municipality = ReferenceChoiceField(
        label=_("Kommune"),
        table="municipalities",
        integer=True,
        required=False,
        error_messages={"invalid_choice": _("Ukendt kommunekode.")},
    )
    region = ReferenceChoiceField(
        label=_("Region"),
        table="regions",
        integer=True,
        required=False,
        error_messages={"invalid_choice": _("Ukendt regionskode.")},
    )
    free = forms.CharField(label=_("Gratis"), required=False, max_length=5)
    language = ReferenceChoiceField(
        label=_("Sprog"),
        table="languages",
        required=False,
        error_messages={"invalid_choice": _("Ukendt sprogkode.")},
    )
    month = forms.IntegerField(
        label=_("Måned"),
        required=False,
        min_value=1,
        max_value=12,
        error_messages={
            "invalid": _("Måneden skal være et tal fra 1 til 12."),
            "min_value": _("Måneden skal være et tal fra 1 til 12."),
            "max_value": _("Måneden skal være et tal fra 1 til 12."),
        },
    )
    q = forms.CharField(label=_("Søg"), required=False, max_length=200)
    bbox = forms.CharField(
        label=_("Kortudsnit"), required=False, max_length=200, help_text=_("minLng,minLat,maxLng,maxLat")
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
            _check_latitude(latitude)
            _check_longitude(longitude)
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

    def clean_grade(self) -> Grade | None:
        value = self.cleaned_data.get("grade", "").strip()
        if not value:
            return None
        grades = reference()
        grade = grades.grades.get(int(value)) if value.isdigit() and len(value) <= 3 else None
        grade = grade or grades.grades_by_slug.get(value)
        if grade is None:
            raise forms.ValidationError(
                _("Ukendt klassetrin: '%(value)s'. Brug fx '5-klasse' eller et trin fra 0 til 13."),
                code="invalid_choice",
                params={"value": value},
            )
        return grade

    def clean_free(self) -> bool | None:
        value = self.cleaned_data.get("free", "").strip().lower()
        if not value:
            return None
        if value in ("true", "1", "ja", "yes"):
            return True
        if value in ("false", "0", "nej", "no"):
            return False
        raise forms.ValidationError(_("Skriv true eller false."), code="invalid")

    def clean_bbox(self) -> BoundingBox | None:
        text = self.cleaned_data.get("bbox", "").strip()
        if not text:
            return None
        numbers = _parse_numbers(text, 4)
        if numbers is None:
            raise forms.ValidationError(
                _("Kortudsnittet skal være fire tal: minLng,minLat,maxLng,maxLat."), code="invalid"
            )
        min_lng, min_lat, max_lng, max_lat = numbers
        for latitude in (min_lat, max_lat):
            _check_latitude(latitude)
        for longitude in (min_lng, max_lng):
            _check_longitude(longitude)
        if min_lng >= max_lng or min_lat >= max_lat:
            raise forms.ValidationError(
                _(
                    "Kortudsnittets mindste værdier skal ligge før de største (minLng < maxLng, minLat < maxLat)."
                ),
                code="invalid",
            )
        return BoundingBox(min_lng, min_lat, max_lng, max_lat)

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


OfferSearchForm.base_fields = _SharedFields(OfferSearchForm.base_fields)
ClusterForm.base_fields = _SharedFields(ClusterForm.base_fields)
