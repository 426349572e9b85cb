"""Model validation: every bad input is refused twice — by full_clean() with a message that
says what is wrong, and by the database itself when code bypasses validation."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from directory.models import Grade, LearningEnvironment, Offer, Organisation
from tests.factories import EnvironmentFactory, OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def assert_invalid(instance, message: str) -> None:
    """full_clean() fails, and one of its messages contains `message`."""
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    assert any(message in text for text in caught.value.messages), caught.value.messages


def assert_database_refuses(model, pk: int, **values) -> None:
    """An UPDATE that skips validation still fails on the database's constraint."""
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=pk).update(**values)


@pytest.fixture
def place():
    return EnvironmentFactory()


@pytest.fixture
def offer():
    return OfferFactory()


def test_a_valid_environment_and_offer_pass_validation(place, offer):
    place.full_clean()
    offer.full_clean()
    assert place.has_coordinates and offer.grade_from_id <= offer.grade_to_id


@pytest.mark.parametrize(
    "values, message",
    [
        ({"latitude": 91.0}, "Breddegraden skal ligge mellem -90 og 90."),
        ({"latitude": -90.5}, "Breddegraden skal ligge mellem -90 og 90."),
        ({"longitude": 200.0}, "Længdegraden skal ligge mellem -180 og 180."),
        ({"longitude": None}, "Angiv både bredde- og længdegrad, eller ingen af dem."),
        ({"latitude": None}, "Angiv både bredde- og længdegrad, eller ingen af dem."),
        ({"postcode": "12A4"}, "Et dansk postnummer har fire cifre."),
        ({"postcode": "123"}, "Et dansk postnummer har fire cifre."),
    ],
)
def test_environment_with_bad_coordinates_or_postcode_is_refused_with_a_clear_message(place, values, message):
    for name, value in values.items():
        setattr(place, name, value)
    assert_invalid(place, message)
    assert_database_refuses(LearningEnvironment, place.pk, **values)


def test_environment_without_any_coordinates_is_allowed_until_it_is_placed(place):
    place.latitude = place.longitude = None
    place.full_clean()
    place.save()
    assert not LearningEnvironment.objects.located().filter(pk=place.pk).exists()


def test_offer_whose_grade_range_runs_backwards_is_refused(offer):
    offer.grade_from = Grade.objects.get(slug="7-klasse")
    offer.grade_to = Grade.objects.get(slug="3-klasse")
    assert_invalid(offer, "'Til klassetrin' kan ikke ligge før 'fra klassetrin'.")
    assert_database_refuses(Offer, offer.pk, grade_from_id=9, grade_to_id=5)


def test_a_single_grade_is_a_valid_range(offer):
    offer.grade_from = offer.grade_to = Grade.objects.get(slug="5-klasse")
    offer.full_clean()


@pytest.mark.parametrize(
    "values, message",
    [
        ({"price_dkk": Decimal("-1")}, "Prisen kan ikke være negativ."),
        ({"months": 0}, "Vælg mindst én måned."),
        ({"months": 0b1_0000_0000_0000}, "Vælg mindst én måned."),
        ({"max_participants": 0}, "Max deltagere skal være mindst 1."),
        ({"duration_minutes": 0}, "Varigheden skal være mindst 1 minut."),
    ],
)
def test_offer_with_impossible_numbers_is_refused_with_a_clear_message(offer, values, message):
    for name, value in values.items():
        setattr(offer, name, value)
    assert_invalid(offer, message)
    assert_database_refuses(Offer, offer.pk, **values)


def test_outreach_radius_outside_1_to_500_km_is_refused(offer):
    offer.format = Offer.Format.OUTREACH
    offer.service_radius_km = 900
    assert_invalid(offer, "Den betjente radius skal ligge mellem 1 og 500 km.")
    assert_database_refuses(Offer, offer.pk, format=Offer.Format.OUTREACH, service_radius_km=900)


def test_only_outreach_offers_have_a_service_radius(offer):
    offer.format = Offer.Format.ON_SITE
    offer.service_radius_km = 25
    assert_invalid(offer, "Kun udgående tilbud har et betjent område.")


def test_a_free_offer_is_free(offer):
    offer.price_dkk = Decimal("0")
    offer.full_clean()
    assert offer.is_free


def test_municipal_school_service_without_municipality_is_refused():
    organisation = OrganisationFactory(kind=Organisation.Kind.INSTITUTION, municipality=None)
    organisation.kind = Organisation.Kind.MUNICIPALITY
    assert_invalid(organisation, "En kommunal skoletjeneste skal være knyttet til en kommune.")
    assert_database_refuses(Organisation, organisation.pk, kind=Organisation.Kind.MUNICIPALITY)


def test_municipal_school_service_with_its_municipality_is_valid(aarhus):
    organisation = OrganisationFactory(name="Åben Skole Aarhus", kind="kommune", municipality=aarhus)
    organisation.full_clean()


def test_an_organisation_cannot_use_the_same_external_id_for_two_places():
    organisation = OrganisationFactory()
    EnvironmentFactory(organisation=organisation, external_id="sted-1")
    twin = EnvironmentFactory.build(organisation=organisation, external_id="sted-1", name="Tvilling")
    assert_invalid(twin, "Der findes allerede et sted med dette eksterne id i organisationen.")
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_an_organisation_cannot_use_the_same_external_id_for_two_offers():
    organisation = OrganisationFactory()
    OfferFactory(organisation=organisation, external_id="tilbud-1")
    twin = OfferFactory(organisation=organisation)
    twin.external_id = "tilbud-1"
    assert_invalid(twin, "Der findes allerede et tilbud med dette eksterne id i organisationen.")
    assert_database_refuses(Offer, twin.pk, external_id="tilbud-1")


def test_two_organisations_may_share_an_external_id_and_blank_ids_never_collide():
    first, second = OrganisationFactory(), OrganisationFactory()
    EnvironmentFactory(organisation=first, external_id="1")
    EnvironmentFactory(organisation=second, external_id="1")
    EnvironmentFactory(organisation=first, external_id="")
    blank = EnvironmentFactory.build(organisation=first, external_id="", name="Uden id")
    blank.full_clean()
    assert LearningEnvironment.objects.filter(external_id="1").count() == 2
