"""The search parameters' form fields: each turns what a teacher or a client writes into the
value its filter (directory/search/filters.py) reads, or a message naming what was wrong.

Reference values (subjects, grades, categories, municipalities, regions, languages) are
looked up in the in-memory reference tables (directory/reference.py), never by a query per
search, and by a loose key: case, accents and the Danish letters' ASCII spellings do not
matter (``Biologi``, ``biologi``; ``København``, ``kobenhavn``, ``koebenhavn``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.reference import reference
from maps.spatial import BoundingBox

NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)"
# Values of ?format= that choose the response's representation (the API's output format).
OUTPUT_FORMATS = ("json", "api", "geojson")


def loose_key(text: str) -> str:
    """A reference value's key as anyone may write it: lower case, æ/ø/å and their ASCII
    spellings (ae/oe/aa, or the bare vowel) alike, other accents dropped, any run of
    spaces, dots and hyphens one hyphen."""
    text = str(text).strip().lower()
    text = text.replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    text = text.replace("oe", "o").replace("aa", "a")
    return re.sub(r"[\s.\-_/]+", "-", text).strip("-")


def loose_index(items, *keys) -> dict:
    """loose key -> item for each of the item's ``keys`` (attribute names); the first item
    claiming a key keeps it."""
    index: dict = {}
    for item in items:
        for key in keys:
            value = getattr(item, key, None)
            if value not in (None, ""):
                index.setdefault(loose_key(value), item)
    return index


class RepeatableWidget(forms.SelectMultiple):
    """Reads ``?subject=a&subject=b`` and also ``?subject=a,b``."""

    def value_from_datadict(self, data, files, name):
        values = super().value_from_datadict(data, files, name) or []
        if isinstance(values, str):
            values = [values]
        return [part.strip() for value in values for part in str(value).split(",") if part.strip()]


class ReferenceChoiceField(forms.Field):
    """One row of a reference table by any of its keys, written loosely (``loose_key``)."""

    default_error_messages = {"invalid_choice": _("Ukendt værdi: '%(value)s'.")}

    def __init__(self, *, table: str, keys: tuple[str, ...], **kwargs):
        self.table, self.keys = table, keys
        super().__init__(**kwargs)

    def lookup(self) -> dict:
        ref = reference()
        cache = ref.indexes  # built once per loaded copy of the reference tables
        name = (self.table, self.keys)
        if name not in cache:
            cache[name] = loose_index(getattr(ref, self.table).values(), *self.keys)
        return cache[name]

    def find(self, text: str):
        found = self.lookup().get(loose_key(text))
        if found is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text}
            )
        return found

    def to_python(self, value):
        text = str(value).strip() if value is not None else ""
        return self.find(text) if text else None


class ReferenceMultipleField(ReferenceChoiceField):
    """Several rows (``?subject=a&subject=b`` or ``a,b``): a list in the order given, no repeats."""

    widget = RepeatableWidget

    def to_python(self, value):
        found = [self.find(str(text)) for text in value or []]
        return list({id(item): item for item in found}.values())

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")


@dataclass(frozen=True)
class GradeRange:
    """Grade levels ``low``–``high`` (the internal scale of directory.models.Grade, never a
    public number): one grade, or a stage such as indskoling (0.–3. klasse)."""

    low: int
    high: int
    display_name: str

    def __str__(self) -> str:
        return self.display_name


# Numbered grades as teachers write them: "5", "5.", "5. klasse", "5.kl", "5 kl." …
_NUMBERED_GRADE = re.compile(r"^(\d{1,2})\s*\.?\s*(?:-?\s*(?:klasse|kl)\.?)?$")
# Words for the reception class (0. klasse) beside its number.
_RECEPTION = ("bh", "bh-klasse", "bornehaveklasse")
# Stages by which a range of grades is named; the grades carry their stage (Grade.stage).
_STAGES = {
    "indskoling": "indskoling",
    "indskolingen": "indskoling",
    "mellemtrin": "mellemtrin",
    "mellemtrinnet": "mellemtrin",
    "udskoling": "udskoling",
    "udskolingen": "udskoling",
}


class GradeField(forms.CharField):
    """A grade by its slug (``5-klasse``), its name (``5. klasse``), its number as teachers write
    it (``5``, ``5.``; ``0`` or ``bh`` for børnehaveklasse), or a stage (``indskoling`` 0.–3.,
    ``mellemtrin`` 4.–6., ``udskoling`` 7.–9.). Offers whose range meets it match."""

    default_error_messages = {
        "invalid_choice": _(
            "Ukendt klassetrin: '%(value)s'. Skriv fx 5, '5. klasse', 5-klasse, bh eller indskoling."
        )
    }

    def to_python(self, value) -> GradeRange | None:
        text = super().to_python(value).strip()
        if not text:
            return None
        ref = reference()
        by_slug = {grade.slug: grade for grade in ref.grades.values()}
        key = loose_key(text).removeprefix("trin-")
        numbered = _NUMBERED_GRADE.match(text.lower())
        if numbered:
            key = f"{int(numbered.group(1))}-klasse"
        elif key in _RECEPTION:
            key = "0-klasse"
        grade = by_slug.get(key) or loose_index(ref.grades.values(), "slug", "name", "name_en").get(key)
        if grade is not None:
            return GradeRange(grade.level, grade.level, str(grade.display_name))
        stage = _STAGES.get(key)
        if stage is not None:
            levels = sorted(grade.level for grade in ref.grades.values() if grade.stage == stage)
            # 10. klasse is optional and belongs to no stage as teachers name them.
            levels = [level for level in levels if ref.grades[level].slug != "10-klasse"]
            low, high = ref.grades[levels[0]], ref.grades[levels[-1]]
            return GradeRange(low.level, high.level, f"{low.name}–{high.name}")
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text}
        )


class YesNoField(forms.CharField):
    """``true``/``false`` (also 1/0, ja/nej, yes/no); empty is no filter."""

    def to_python(self, value) -> bool | None:
        text = super().to_python(value).strip().lower()
        if not text:
            return None
        if text in ("true", "1", "ja", "yes"):
            return True
        if text in ("false", "0", "nej", "no"):
            return False
        raise forms.ValidationError(_("Skriv true eller false."), code="invalid")


class ChoicesField(forms.MultipleChoiceField):
    """Any of the choices, repeated or comma-separated, case-insensitive."""

    widget = RepeatableWidget

    def to_python(self, value):
        known = {loose_key(choice): choice for choice, _label in self.choices}
        return [known.get(loose_key(item), item) for item in super().to_python(value)]


def check_latitude(latitude: float) -> None:
    if not -90 <= latitude <= 90:
        raise forms.ValidationError(_("Breddegraden skal ligge mellem -90 og 90."), code="latitude_range")


def check_longitude(longitude: float) -> None:
    if not -180 <= longitude <= 180:
        raise forms.ValidationError(_("Længdegraden skal ligge mellem -180 og 180."), code="longitude_range")


class BoundingBoxField(forms.CharField):
    """A map view ``minLng,minLat,maxLng,maxLat`` in WGS84 degrees."""

    def to_python(self, value) -> BoundingBox | None:
        text = super().to_python(value).strip()
        if not text:
            return None
        parts = [part.strip() for part in text.split(",")]
        if len(parts) != 4 or not all(re.fullmatch(NUMBER, part) for part in parts):
            raise forms.ValidationError(
                _("Kortudsnittet skal være fire tal: minLng,minLat,maxLng,maxLat."), code="invalid"
            )
        min_lng, min_lat, max_lng, max_lat = (float(part) for part in parts)
        for latitude in (min_lat, max_lat):
            check_latitude(latitude)
        for longitude in (min_lng, max_lng):
            check_longitude(longitude)
        if min_lng >= max_lng or min_lat >= max_lat:
            raise forms.ValidationError(
                _(
                    "Kortudsnittets mindste værdier skal ligge før de største (minLng < maxLng, minLat < maxLat)."
                ),
                code="invalid",
            )
        return BoundingBox(min_lng, min_lat, max_lng, max_lat)
