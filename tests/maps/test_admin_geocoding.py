"""The admin saves places through the environment services: geocoding, pins, field messages."""

import pytest
from django.urls import reverse

from directory.models import Category, LearningEnvironment
from tests.factories import EnvironmentFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, coordinator):
    client.force_login(coordinator)
    return client


def form_data(**overrides):
    data = {
        "organisation": OrganisationFactory().pk,
        "name": "Odense Zoo",
        "slug": "odense-zoo",
        "category": Category.objects.get(slug="museum").pk,
        "status": "active",
        "description": "",
        "street_address": "Sdr. Boulevard 306",
        "postcode": "5000",
        "city": "Odense C",
        "latitude": "",
        "longitude": "",
        "accessibility": "",
        "facilities": "",
        "transport_notes": "",
        "external_id": "",
    }
    return data | overrides


def test_a_place_added_in_the_admin_is_geocoded_into_its_municipality(admin_client):
    response = admin_client.post(reverse("admin:directory_learningenvironment_add"), form_data())

    assert response.status_code == 302
    place = LearningEnvironment.objects.get(slug="odense-zoo")
    assert (place.municipality_id, place.coordinate_source, place.history.first().history_user.is_staff) == (
        461,
        "gazetteer",
        True,
    )


def test_an_address_outside_denmark_is_shown_next_to_the_field(admin_client):
    response = admin_client.post(
        reverse("admin:directory_learningenvironment_add"),
        form_data(street_address="Unter den Linden 1", postcode="", city="Berlin"),
    )

    assert response.status_code == 200
    assert "ikke finde adressen" in str(response.context["adminform"].form.errors["street_address"])
    assert not LearningEnvironment.objects.filter(slug="odense-zoo").exists()


def test_a_coordinate_typed_in_the_admin_is_a_locked_manual_pin(admin_client):
    place = EnvironmentFactory()
    data = form_data(
        organisation=place.organisation.pk,
        name=place.name,
        slug=place.slug,
        latitude="55.1018",
        longitude="14.7034",
    )

    response = admin_client.post(reverse("admin:directory_learningenvironment_change", args=[place.pk]), data)

    assert response.status_code == 302
    place.refresh_from_db()
    assert (place.coordinate_source, place.coordinates_locked, place.municipality_id) == ("manual", True, 400)


def test_a_typed_coordinate_outside_denmark_is_refused_next_to_the_field(admin_client):
    place = EnvironmentFactory()
    data = form_data(
        organisation=place.organisation.pk, name=place.name, slug=place.slug, latitude="48.8", longitude="2.3"
    )

    response = admin_client.post(reverse("admin:directory_learningenvironment_change", args=[place.pk]), data)

    assert response.status_code == 200
    assert "uden for Danmark" in str(response.context["adminform"].form.errors["latitude"])
