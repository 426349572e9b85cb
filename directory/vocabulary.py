"""The sector's words, read into the directory's vocabulary: subjects, grade ranges, categories and
delivery forms as providers write them ("Indskoling", "N/T", "Naturskole", "vi kommer ud").

One lookup for every reader (the import today; the search form and API can ask the same
functions). Matching ignores case, accents, æ/ø/å spelt ae/oe/aa and spacing, and reads lists
("Historie og samfundsfag", "Biologi, geografi; fysik/kemi") by finding the longest known phrase
first, so names that contain a separator ("Håndværk og design", "Natur/teknologi") stay whole.
The tables are the reference data (directory/reference_data.py); nothing here reads the database.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from directory import reference_data

_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "–": "-", "—": "-", "\u00a0": " "})
# What may stand between two list items once the known phrases are taken out.
_SEPARATORS = re.compile(r"[,;/&+()\s]+|\b(?:og|samt|eller|and|or)\b|\.(?!\d)")


def normalise(text: str) -> str:
    """'  Natur/ Teknologi ' → 'natur/teknologi'; 'Sløjd' → 'sloejd'; '0. Klasse' → '0.klasse'."""
    text = str(text or "").lower().translate(_LETTERS)
    text = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s*([/-])\s*", r"\1", text)
    return re.sub(r"(\d)\.\s+", r"\1.", text)


@dataclass(frozen=True)
class Phrasebook:
    """Known phrases (normalised) → value; reads a text into the values it names, in order."""

    values: dict[str, str]
    pattern: re.Pattern

    @classmethod
    def of(cls, pairs: list[tuple[str, str]]) -> Phrasebook:
        values: dict[str, str] = {}
        for phrase, value in pairs:
            values.setdefault(normalise(phrase), value)
        alternatives = "|".join(re.escape(phrase) for phrase in sorted(values, key=len, reverse=True))
        return cls(values, re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])"))

    def read(self, text: str) -> tuple[list[str], list[str]]:
        """(values found, in order and without repeats; leftover words that match nothing)."""
        normalised = normalise(text)
        found: list[str] = []
        for match in self.pattern.finditer(normalised):
            value = self.values[match.group(0)]
            if value not in found:
                found.append(value)
        return found, leftovers(self.pattern.sub(" ", normalised))


def leftovers(text: str) -> list[str]:
    return [piece.strip(" .-") for piece in _SEPARATORS.split(text) if piece and piece.strip(" .-")]


@cache
def subjects() -> Phrasebook:
    rows = (
        reference_data.SCHOOL_SUBJECTS + reference_data.DAYCARE_THEMES + reference_data.CROSS_CUTTING_THEMES
    )
    pairs = [(text, slug) for slug, name, name_en in rows for text in (slug, name, name_en)]
    pairs += [(alias, slug) for slug, aliases in reference_data.SUBJECT_ALIASES.items() for alias in aliases]
    return Phrasebook.of(pairs)


@cache
def categories() -> Phrasebook:
    pairs = [
        (text, slug)
        for slug, name, name_en, _type in reference_data.CATEGORIES
        for text in (slug, name, name_en)
    ]
    pairs += [(alias, slug) for slug, aliases in reference_data.CATEGORY_ALIASES.items() for alias in aliases]
    return Phrasebook.of(pairs)


@cache
def formats() -> Phrasebook:
    from directory.models.offers import Offer

    pairs = [(text, value) for value, label in Offer.Format.choices for text in (value, str(label))]
    pairs += [(alias, value) for value, aliases in reference_data.FORMAT_ALIASES.items() for alias in aliases]
    return Phrasebook.of(pairs)


# --- grades --------------------------------------------------------------------------------------

LEVEL_OF = {slug: level for level, slug, _name, _name_en, _stage in reference_data.GRADES}
NAME_OF = {level: name for level, _slug, name, _name_en, _stage in reference_data.GRADES}
FIRST_CLASS_LEVEL = LEVEL_OF["0-klasse"]  # 0. klasse; N. klasse is level N + 2
LAST_CLASS = 10
_CLASS = r"\.?\s?(?:klassetrin|klasser|klasse|kl\b\.?)"
_GRADE_RULES = [
    ("classes", re.compile(rf"(?<![\d.])(\d{{1,2}})\.?\s?(?:-|til)\s?(\d{{1,2}}){_CLASS}")),
    ("classes", re.compile(rf"(?<![\d.])(\d{{1,2}})(){_CLASS}")),
    ("ages", re.compile(r"(?<![\d.])(\d{1,2})\s?(?:-|til)\s?(\d{1,2})\s?(?:aarige|aar)\b")),
    ("ages", re.compile(r"(?<![\d.])(\d{1,2})()\s?(?:aarige|aar)\b")),
]


@dataclass(frozen=True)
class GradeReading:
    """A target group read as a span on the grade scale (levels, see Grade)."""

    level_from: int | None = None
    level_to: int | None = None
    unknown: list[str] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return self.level_from is not None

    @property
    def label(self) -> str:
        return grade_span_label(self.level_from, self.level_to) if self.found else ""


def grade_span_label(level_from: int, level_to: int) -> str:
    """'0.–3. klasse', 'Børnehave', 'Vuggestue–Børnehave'."""
    first, last = NAME_OF[level_from], NAME_OF[level_to]
    if level_from == level_to:
        return first
    if first.endswith(". klasse") and last.endswith(". klasse"):
        return f"{first.removesuffix(' klasse')}–{last}"
    return f"{first}–{last}"


def _class_level(number: int) -> int | None:
    return FIRST_CLASS_LEVEL + number if 0 <= number <= LAST_CLASS else None


def _age_level(age: int, *, upper: bool) -> int:
    """Daycare ages: 0–2 nursery, 3–5 kindergarten (an upper bound of 6 still is: "3-6 år");
    from there a child of 6 starts 0. klasse."""
    if age <= 2:
        return LEVEL_OF["vuggestue"]
    if age <= (6 if upper else 5):
        return LEVEL_OF["boernehave"]
    grade = age - (7 if upper else 6)
    return _class_level(min(grade, LAST_CLASS)) or LEVEL_OF["ungdomsuddannelse"]


@cache
def _grade_words() -> Phrasebook:
    pairs = [(name, f"{level}:{level}") for level, name in NAME_OF.items()]
    pairs += [(slug, f"{level}:{level}") for slug, level in LEVEL_OF.items()]
    pairs += [
        (word, f"{LEVEL_OF[first]}:{LEVEL_OF[last]}")
        for word, (first, last) in reference_data.GRADE_ALIASES.items()
    ]
    return Phrasebook.of(pairs)


def read_grades(text: str) -> GradeReading:
    """'Indskoling' → 0.–3. klasse; '3.-6. kl.' → 3.–6. klasse; '3-6 år' → Børnehave;
    'Mellemtrin og udskoling' → 4.–9. klasse (the span of every group named)."""
    normalised = normalise(text)
    spans: list[tuple[int, int]] = []
    for kind, rule in _GRADE_RULES:
        for match in rule.finditer(normalised):
            first, last = int(match.group(1)), int(match.group(2) or match.group(1))
            if kind == "ages":
                spans.append((_age_level(first, upper=False), _age_level(last, upper=True)))
            elif _class_level(first) is not None and _class_level(last) is not None:
                spans.append((_class_level(first), _class_level(last)))
        normalised = rule.sub(" ", normalised)
    if re.fullmatch(r"\s*(\d{1,2})\.?(?:-(\d{1,2})\.?)?\s*", normalised):  # "4.-6." in a grade column
        match = re.fullmatch(r"\s*(\d{1,2})\.?(?:-(\d{1,2})\.?)?\s*", normalised)
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        if _class_level(first) is not None and _class_level(last) is not None:
            spans.append((_class_level(first), _class_level(last)))
            normalised = ""
    found, unknown = _grade_words().read(normalised)
    spans += [tuple(int(part) for part in value.split(":")) for value in found]
    if not spans:
        return GradeReading(unknown=unknown)
    return GradeReading(
        min(first for first, _last in spans), max(max(first, last) for first, last in spans), unknown
    )


def accepted_words(kind: str) -> list[str]:
    """The words shown in the template's help sheet and in an error message, plainest first."""
    if kind == "grades":
        return [*NAME_OF.values(), *reference_data.GRADE_ALIASES, "3.-6. klasse", "3-6 år"]
    if kind == "subjects":
        rows = (
            reference_data.SCHOOL_SUBJECTS
            + reference_data.DAYCARE_THEMES
            + reference_data.CROSS_CUTTING_THEMES
        )
        names = [name for _slug, name, _en in rows]
        return names + [alias for aliases in reference_data.SUBJECT_ALIASES.values() for alias in aliases]
    if kind == "categories":
        names = [name for _slug, name, _en, _type in reference_data.CATEGORIES]
        return names + [alias for aliases in reference_data.CATEGORY_ALIASES.values() for alias in aliases]
    if kind == "formats":
        return [alias for aliases in reference_data.FORMAT_ALIASES.values() for alias in aliases]
    raise ValueError(kind)
