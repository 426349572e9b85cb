"""The sector's words read into the directory's vocabulary (directory/vocabulary.py)."""

import pytest

from directory import reference_data, vocabulary
from directory.models import Offer


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Indskoling", "0.–3. klasse"),
        ("indskolingen", "0.–3. klasse"),
        ("Mellemtrin", "4.–6. klasse"),
        ("UDSKOLING", "7.–9. klasse"),
        ("alle klassetrin", "0.–10. klasse"),
        ("0.klasse", "0. klasse"),
        ("0. Klasse", "0. klasse"),
        ("3-6 år", "Børnehave"),
        ("Vuggestue (0-2 år)", "Vuggestue"),
        ("10. klasse", "10. klasse"),
        ("Gymnasium", "Ungdomsuddannelse"),
        ("stx, hf, htx og hhx", "Ungdomsuddannelse"),
        ("EUX/EUD", "Ungdomsuddannelse"),
        ("1. - 3. kl.", "1.–3. klasse"),
        ("1. til 3. klasse", "1.–3. klasse"),
        ("5.–9. klassetrin", "5.–9. klasse"),
        ("4.-6.", "4.–6. klasse"),
        ("Mellemtrin og udskoling", "4.–9. klasse"),
        ("Dagtilbud", "Vuggestue–Børnehave"),
        ("Børnehave - 3. klasse", "Børnehave–3. klasse"),
        ("SFO", "0.–3. klasse"),
    ],
)
def test_a_target_group_as_providers_write_it_is_read_as_a_grade_span(text, label):
    reading = vocabulary.read_grades(text)
    assert reading.label == label and reading.unknown == []


def test_a_target_group_the_vocabulary_does_not_know_is_reported_not_guessed():
    reading = vocabulary.read_grades("Blæksprutteholdet")
    assert not reading.found and reading.unknown


@pytest.mark.parametrize(
    ("text", "slugs"),
    [
        ("Natur/ teknologi", ["natur-teknologi"]),
        ("N/T", ["natur-teknologi"]),
        ("Natur/teknik", ["natur-teknologi"]),
        ("natur og teknologi", ["natur-teknologi"]),
        ("Kristendom", ["kristendomskundskab"]),
        ("Sløjd", ["haandvaerk-og-design"]),
        ("sloejd; håndarbejde", ["haandvaerk-og-design"]),
        ("Håndværk og design", ["haandvaerk-og-design"]),
        ("Historie og samfundsfag", ["historie", "samfundsfag"]),
        ("Biologi, geografi og fysik/kemi", ["biologi", "geografi", "fysik-kemi"]),
        ("Biologi / Geografi", ["biologi", "geografi"]),
        ("Krop, sanser og bevægelse", ["krop-sanser-og-bevaegelse"]),
        ("  BIOLOGI  ", ["biologi"]),
        ("Biology", ["biologi"]),
    ],
)
def test_subjects_are_read_by_name_old_name_or_abbreviation_from_lists(text, slugs):
    assert vocabulary.subjects().read(text) == (slugs, [])


def test_a_list_with_an_unknown_subject_names_the_unknown_word():
    assert vocabulary.subjects().read("Biologi og alkymi") == (["biologi"], ["alkymi"])


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Zoo", "zoo-akvarium"), ("Akvarium", "zoo-akvarium"), ("Naturskole", "naturskole-naturcenter"),
        ("naturcenter", "naturskole-naturcenter"), ("Frilandsmuseum", "museum"),
        ("Kunstmuseum", "kunstmuseum-kunsthal"), ("Science Center", "science-center"), ("Stadsarkiv", "arkiv"),
        ("Bibliotek", "bibliotek"), ("Virksomhed", "virksomhed"), ("Landbrug/gård", "landbrug"),
        ("Bondegård", "landbrug"), ("Åben Skole", "kommunal-skoletjeneste"),
    ],
)  # fmt: skip
def test_category_words_providers_use_find_the_category(text, slug):
    assert vocabulary.categories().read(text) == ([slug], [])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Besøg på stedet", Offer.Format.ON_SITE), ("vi kommer ud", Offer.Format.OUTREACH),
        ("Udgående", Offer.Format.OUTREACH), ("Digitalt", Offer.Format.DIGITAL), ("online", Offer.Format.DIGITAL),
        ("Udlån", Offer.Format.LOAN), ("Materialekasse", Offer.Format.LOAN),
        ("Besøg på egen hånd", Offer.Format.SELF_GUIDED), ("besoeg paa egen haand", Offer.Format.SELF_GUIDED),
    ],
)  # fmt: skip
def test_delivery_forms_are_read_from_providers_words(text, value):
    assert vocabulary.formats().read(text) == ([value], [])


def test_every_alias_points_at_a_row_of_the_reference_data():
    subject_slugs = {
        row[0]
        for row in reference_data.SCHOOL_SUBJECTS
        + reference_data.DAYCARE_THEMES
        + reference_data.CROSS_CUTTING_THEMES
    }
    assert set(reference_data.SUBJECT_ALIASES) <= subject_slugs
    assert set(reference_data.CATEGORY_ALIASES) <= {row[0] for row in reference_data.CATEGORIES}
    assert set(reference_data.FORMAT_ALIASES) == set(Offer.Format.values)
    grade_slugs = {row[1] for row in reference_data.GRADES}
    assert {slug for span in reference_data.GRADE_ALIASES.values() for slug in span} <= grade_slugs


@pytest.mark.parametrize("kind", ["subjects", "categories", "formats"])
def test_every_word_in_a_table_is_read_as_what_it_is_declared_for(kind):
    """No alias is shadowed by another entry: each one reads back as its own row."""
    tables = {
        "subjects": reference_data.SUBJECT_ALIASES,
        "categories": reference_data.CATEGORY_ALIASES,
        "formats": reference_data.FORMAT_ALIASES,
    }
    book = getattr(vocabulary, kind)()
    for value, words in tables[kind].items():
        for word in words:
            assert book.read(word) == ([value], []), word


def test_every_grade_word_reads_as_its_declared_span():
    for word, (first, last) in reference_data.GRADE_ALIASES.items():
        reading = vocabulary.read_grades(word)
        assert (reading.level_from, reading.level_to) == (
            vocabulary.LEVEL_OF[first],
            vocabulary.LEVEL_OF[last],
        ), word
