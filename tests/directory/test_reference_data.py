import pytest

from directory.models import Category, Grade, Subject
from maps.models import Municipality, Region

pytestmark = pytest.mark.django_db


def test_the_five_regions_have_their_official_codes():
    assert list(Region.objects.values_list("code", flat=True)) == [1081, 1082, 1083, 1084, 1085]


def test_all_98_municipalities_are_present_with_region_and_centre_in_denmark():
    assert Municipality.objects.count() == 98
    assert Municipality.objects.filter(region__isnull=True).count() == 0
    for code, name, region in [
        (101, "Københavns Kommune", 1084),
        (147, "Frederiksberg Kommune", 1084),
        (461, "Odense Kommune", 1083),
        (751, "Aarhus Kommune", 1082),
        (851, "Aalborg Kommune", 1081),
        (370, "Næstved Kommune", 1085),
    ]:
        municipality = Municipality.objects.get(code=code)
        assert (municipality.name, municipality.region_id) == (name, region)
        assert 54.5 < municipality.latitude < 57.8 and 8.0 < municipality.longitude < 15.3


def test_municipality_counts_per_region_match_denmark():
    counts = {region.code: region.municipalities.count() for region in Region.objects.all()}
    assert counts == {1081: 11, 1082: 19, 1083: 22, 1084: 29, 1085: 17}


def test_grade_scale_runs_from_nursery_to_upper_secondary_in_order():
    slugs = list(Grade.objects.order_by("level").values_list("slug", flat=True))
    assert slugs[0] == "vuggestue" and slugs[1] == "boernehave"
    assert slugs[2:13] == [f"{n}-klasse" for n in range(11)]
    assert slugs[-1] == "ungdomsuddannelse"


def test_subjects_include_school_subjects_daycare_themes_and_cross_cutting_themes():
    kinds = {kind: Subject.objects.filter(kind=kind).count() for kind in ("fag", "laereplanstema", "tema")}
    assert kinds["laereplanstema"] == 6
    assert kinds["fag"] >= 18
    assert {"teknologiforstaaelse", "baeredygtighed", "uddannelse-og-job"} <= set(
        Subject.objects.filter(kind="tema").values_list("slug", flat=True)
    )
    assert Subject.objects.get(slug="biologi").name == "Biologi"


def test_categories_cover_the_kinds_of_learning_environment():
    expected = {
        "museum", "kunstmuseum-kunsthal", "zoo-akvarium", "botanisk-have", "science-center",
        "naturskole-naturcenter", "bibliotek", "arkiv", "teater-scenekunst", "virksomhed",
        "landbrug", "kommunal-skoletjeneste", "andet",
    }  # fmt: skip
    assert set(Category.objects.values_list("slug", flat=True)) == expected
