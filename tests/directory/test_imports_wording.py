"""Values read the way Danish providers write them (directory/wording.py), and a file's
unreadable values reported all at once by row and column with what is accepted."""

from decimal import Decimal

import pytest

from directory import wording
from directory.imports.services import listings_import
from tests import factories


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("45 min.", (45, None, None)), ("1 time", (60, None, None)), ("1½ time", (90, None, None)),
        ("2-3 timer", (120, 180, None)), ("2 – 3 timer", (120, 180, None)), ("hele dagen", (None, None, 1)),
        ("2 dage", (None, None, 2)), ("90", (90, None, None)), ("1 t. 30 min.", (90, None, None)),
        ("ca. 2 timer", (120, None, None)), ("1,5 time", (90, None, None)), ("2 lektioner", (90, None, None)),
        ("3 timer inkl. frokost", (180, None, None)), ("45-60 min.", (45, 60, None)),
    ],
)  # fmt: skip
def test_durations(text, expected):
    duration = wording.read_duration(text)
    assert (duration.minutes, duration.max_minutes, duration.days) == expected
    again = wording.read_duration(wording.duration_text(*expected))  # what we write reads back the same
    assert (again.minutes, again.max_minutes, again.days) == expected


@pytest.mark.parametrize(
    ("text", "kind", "amount", "unit"),
    [
        ("Gratis", "gratis", 0, ""), ("2100,- kr.", "beloeb", 2100, ""), ("kr. 1.500", "beloeb", 1500, ""),
        ("DKK 50 pr. elev", "beloeb", 50, "elev"), ("ca. 800 kr. pr. klasse", "beloeb", 800, "klasse"),
        ("N/T", "ukendt", 0, ""), ("ukendt", "ukendt", 0, ""), ("1.250,50 kr.", "beloeb", Decimal("1250.50"), ""),
        ("350 kr/klasse", "beloeb", 350, "klasse"), ("0", "beloeb", 0, ""),
        ("Gratis for kommunens skoler, ellers 500 kr. pr. klasse", "gratis-kommune", 500, "klasse"),
        ("Gratis for skoler i Aarhus Kommune", "gratis-kommune", 0, ""),
    ],
)  # fmt: skip
def test_prices(text, kind, amount, unit):
    price = wording.read_price(text)
    assert (price.kind, price.amount, price.unit) == (kind, amount, unit)
    again = wording.read_price(wording.price_text(kind, Decimal(amount), unit))
    assert (again.kind, again.amount, again.unit, again.note) == (kind, amount, unit, "")


def test_a_price_in_several_parts_keeps_the_whole_text_as_its_note():
    price = wording.read_price("500 kr. pr. klasse + 20 kr. pr. elev i entré")
    assert (price.amount, price.unit) == (500, "klasse") and "entré" in price.note


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("max. 28 elever", (None, 28, None, None)), ("1 klasse", (None, None, 1, None)),
        ("15-28 elever", (15, 28, None, None)), ("28 elever + 2 voksne", (None, 28, None, 2)),
        ("28", (None, 28, None, None)), ("Max 2 klasser", (None, None, 2, None)),
        ("maks. 30 børn og 3 voksne", (None, 30, None, 3)), ("en klasse ad gangen", (None, None, 1, None)),
        ("min. 10 elever", (10, None, None, None)),
    ],
)  # fmt: skip
def test_participants(text, expected):
    group = wording.read_group(text)
    assert (group.min_pupils, group.max_pupils, group.max_classes, group.adults) == expected
    assert wording.read_group(wording.group_text(group)) == group


@pytest.mark.parametrize(
    ("text", "label", "detailed"),
    [
        ("1. november - 1. april", "november–april", True), ("hele skoleåret", "august–juni", False),
        ("fredag kl. 10-14", "hele året", True), ("marts; april; maj", "marts–maj", False),
        ("sep.-jun.", "september–juni", False), ("Januar, februar og marts", "januar–marts", False),
        ("1/11-1/4", "november–april", True), ("uge 14-24", "april–juni", True), ("Foråret", "marts–maj", False),
        ("hele året", "hele året", False), ("3; 4", "marts–april", False),
        ("mandag-torsdag i maj og juni", "maj–juni", True), ("Oktober til marts", "oktober–marts", False),
    ],
)  # fmt: skip
def test_months_dates_and_periods(text, label, detailed):
    period = wording.read_period(text)
    assert (wording.months_label(period.months), period.detailed) == (label, detailed)
    assert wording.read_period(wording.months_text(period.months) or "hele året").months == period.months


@pytest.mark.parametrize(
    ("reader", "text"),
    [
        (wording.read_duration, "en formiddag"), (wording.read_duration, "0"), (wording.read_price, "fire kroner"),
        (wording.read_group, "mange"), (wording.read_period, "marts; smarts"), (wording.read_period, "13"),
    ],
)  # fmt: skip
def test_an_unreadable_value_says_what_is_accepted(reader, text):
    with pytest.raises(wording.Unreadable) as problem:
        reader(text)
    assert "fx" in problem.value.accepted or "'" in problem.value.accepted


def test_emails_and_web_addresses_as_providers_write_them():
    assert wording.read_email("booking(at)moesgaard.dk") == "booking@moesgaard.dk"
    assert wording.read_email("mailto:skole [at] zoo.dk") == "skole@zoo.dk"
    assert wording.read_url("www.moesgaard.dk/skole") == "https://www.moesgaard.dk/skole"
    assert wording.read_url("https://x.dk") == "https://x.dk"


HEADER = "sted_id;sted_navn;kategori;adresse;postnummer;by;tilbud_id;titel;fag;klassetrin;varighed;deltagere;pris;maaneder"
BAD_FILE = "\n".join(
    [
        HEADER,
        "A;Zoo;Zoo;Vej 1;8000;Aarhus C;1;Aber;Biologi;Mellemtrin;en formiddag;max. 28 elever;Gratis;",
        "B;Rumstation Alfa;Rumstation;Vej 2;8000;Aarhus C;2;Stjerner;Astrologi;Indskoling;1 time;28;Gratis;",
        "C;Ingensteds;Museum;Ingenvej 1;9999;Ingenby;3;Intet;Historie;Blæksprutteholdet;1 time;mange;fire kroner;smarts",
        "D;Godt sted;Museum;Vestergade 1;8000;Aarhus C;4;Godt;Historie;Udskoling;1 time;28;Gratis;",
    ]
).encode()


@pytest.mark.django_db
def test_every_problem_of_a_file_is_reported_at_once_by_row_and_column_and_nothing_is_written():
    organisation = factories.OrganisationFactory()
    report = listings_import(organisation=organisation, data=BAD_FILE, filename="tilbud.csv", dry_run=False)
    assert not report.ok and not report.written
    problems = {(line, column): message for line, column, message in report.problems()}
    assert set(problems) == {
        (2, "varighed"), (3, "kategori"), (3, "fag"), (4, "klassetrin"), (4, "deltagere"), (4, "pris"),
        (4, "maaneder"), (4, "adresse"),
    }  # fmt: skip
    assert "en formiddag" in problems[(2, "varighed")] and "'45 min.'" in problems[(2, "varighed")]
    assert "Rumstation" in problems[(3, "kategori")] and "'Zoo/akvarium'" in problems[(3, "kategori")]
    assert "Astrologi" in problems[(3, "fag")]
    assert not organisation.offers.exists() and not organisation.environments.exists()
