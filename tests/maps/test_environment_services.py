"""Creating and editing places through directory.services.environments: geocoding, pins, history."""

import pytest
from django.core.exceptions import ValidationError

from directory.models import Category, LearningEnvironment
from directory.services.environments import (
    environment_create,
    environment_geocode,
    environment_set_pin,
    environment_update,
)
from tests.factories import EnvironmentFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def museum():
    return Category.objects.get(slug="museum")


@pytest.fixture
def moesgaard(museum):
    return environment_create(
        organisation=OrganisationFactory(),
        name="Moesgaard Museum",
        category=museum,
        street_address="Moesgård Allé 15",
        postcode="8270",
        city="Højbjerg",
    )


def test_a_new_place_is_geocoded_from_its_address_into_its_municipality(moesgaard):
    moesgaard.refresh_from_db()
    assert (moesgaard.municipality_id, moesgaard.region_id) == (751, 1082)
    assert (moesgaard.coordinate_source, moesgaard.coordinate_precision) == ("gazetteer", "postcode")
    assert moesgaard.coordinates_locked is False
    assert moesgaard.slug == "moesgaard-museum"


def test_slugs_spell_out_danish_letters_and_stay_unique(museum):
    organisation = OrganisationFactory()
    first = environment_create(
        organisation=organisation, name="Økolariet på Åen", category=museum, city="Vejle"
    )
    second = environment_create(
        organisation=organisation, name="Økolariet på Åen", category=museum, city="Vejle"
    )
    assert (first.slug, second.slug) == ("oekolariet-paa-aaen", "oekolariet-paa-aaen-2")


def test_given_coordinates_are_a_locked_manual_pin_with_its_municipality(museum):
    place = environment_create(
        organisation=OrganisationFactory(),
        name="Skoven",
        category=museum,
        latitude=55.3740,
        longitude=10.3825,
    )
    assert (place.coordinate_source, place.coordinate_precision, place.coordinates_locked) == (
        "manual",
        "manual",
        True,
    )
    assert place.municipality_id == 461


def test_coordinates_from_a_named_source_count_as_address_precision(museum):
    place = environment_create(
        organisation=OrganisationFactory(),
        name="Importeret",
        category=museum,
        latitude=56.0884,
        longitude=10.2247,
        coordinate_source="import:aarhus",
    )
    assert (place.coordinate_precision, place.coordinates_locked, place.municipality_id) == (
        "address",
        False,
        751,
    )


@pytest.mark.parametrize(
    ("address", "field"),
    [
        ({"street_address": "Unter den Linden 1", "city": "Berlin"}, "street_address"),
        ({"street_address": "x" * 190, "city": "🦄" * 100}, "street_address"),
        ({}, "street_address"),
        ({"latitude": 48.8, "longitude": 2.3}, "latitude"),
        ({"latitude": 55.6, "longitude": 13.0}, "latitude"),
        ({"latitude": "abc", "longitude": 10}, "latitude"),
        ({"latitude": 56.1}, "latitude"),
        ({"postcode": "82700", "city": "Højbjerg"}, "postcode"),
    ],
)
def test_a_place_that_cannot_be_put_in_denmark_is_refused_with_a_field_message(museum, address, field):
    with pytest.raises(ValidationError) as raised:
        environment_create(organisation=OrganisationFactory(), name="Et sted", category=museum, **address)
    assert field in raised.value.message_dict
    assert raised.value.message_dict[field][0]
    assert not LearningEnvironment.objects.filter(name="Et sted").exists()


def test_an_address_edit_moves_a_geocoded_place(moesgaard):
    environment_update(
        environment=moesgaard, street_address="Sdr. Boulevard 306", postcode="5000", city="Odense C"
    )
    moesgaard.refresh_from_db()
    assert moesgaard.municipality_id == 461
    assert moesgaard.coordinate_precision == "postcode"


def test_a_manual_pin_survives_an_address_edit(moesgaard):
    environment_set_pin(environment=moesgaard, latitude=56.0884, longitude=10.2247)

    environment_update(environment=moesgaard, street_address="Vestergade 1", postcode="5000", city="Odense C")

    moesgaard.refresh_from_db()
    assert (moesgaard.latitude, moesgaard.longitude, moesgaard.municipality_id) == (56.0884, 10.2247, 751)
    assert (moesgaard.coordinates_locked, moesgaard.postcode) == (True, "5000")


def test_relocate_moves_a_pinned_place_to_its_new_address_and_unlocks_it(moesgaard):
    environment_set_pin(environment=moesgaard, latitude=56.0884, longitude=10.2247)

    environment_update(
        environment=moesgaard, relocate=True, street_address="Vestergade 1", postcode="5000", city="Odense C"
    )

    moesgaard.refresh_from_db()
    assert (moesgaard.municipality_id, moesgaard.coordinates_locked, moesgaard.coordinate_source) == (
        461,
        False,
        "gazetteer",
    )


def test_a_pin_reassigns_municipality_and_region(moesgaard):
    environment_set_pin(environment=moesgaard, latitude=55.1018, longitude=14.7034)  # Rønne
    moesgaard.refresh_from_db()
    assert (moesgaard.municipality_id, moesgaard.region_id, moesgaard.coordinate_precision) == (
        400,
        1084,
        "manual",
    )


def test_a_pin_outside_denmark_is_refused_and_the_place_stays_put(moesgaard):
    with pytest.raises(ValidationError) as raised:
        environment_set_pin(environment=moesgaard, latitude=54.7833, longitude=9.4333)  # Flensburg
    assert "uden for Danmark" in raised.value.message_dict["latitude"][0]
    moesgaard.refresh_from_db()
    assert moesgaard.municipality_id == 751


def test_editing_other_fields_does_not_geocode_again(moesgaard):
    environment_set_pin(environment=moesgaard, latitude=56.0884, longitude=10.2247)
    environment_update(environment=moesgaard, description="Forhistorie for 5. klasse")
    moesgaard.refresh_from_db()
    assert (moesgaard.latitude, moesgaard.coordinate_source) == (56.0884, "manual")


def test_the_editor_is_recorded_in_the_history(museum):
    editor = UserFactory(email="redaktoer@moesgaard.dk")
    place = environment_create(
        organisation=OrganisationFactory(), name="Stedet", category=museum, city="Aarhus", user=editor
    )
    environment_update(environment=place, user=editor, city="Odense")
    assert [h.history_user for h in place.history.all()] == [editor, editor]


def test_batch_geocoding_skips_manual_pins_unless_forced():
    pinned = EnvironmentFactory(
        coordinates_locked=True, coordinate_source="manual", latitude=55.0, longitude=10.0
    )
    assert environment_geocode(environment=pinned) is None
    result = environment_geocode(environment=pinned, force=True)
    pinned.refresh_from_db()
    assert (result.municipality_code, pinned.municipality_id, pinned.coordinates_locked) == (751, 751, False)


def test_an_online_timeout_never_breaks_a_save(nominatim, museum):
    nominatim.mode = "slow"
    place = environment_create(
        organisation=OrganisationFactory(),
        name="Den Gamle By",
        category=museum,
        street_address="Viborgvej 2",
        postcode="8000",
        city="Aarhus C",
    )
    assert place.coordinate_source == "nominatim→gazetteer (fallback: timeout)"
    assert place.municipality_id == 751
