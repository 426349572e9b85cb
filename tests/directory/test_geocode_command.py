"""manage.py geocode: filters, failures that do not stop the run, the summary."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.factories import EnvironmentFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("geocode", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_command_places_every_environment_and_lists_the_ones_not_found():
    odense = EnvironmentFactory(street_address="Sdr. Boulevard 306", postcode="5000", city="Odense C")
    lost = EnvironmentFactory(street_address="Unter den Linden 1", postcode="", city="Berlin")
    aalborg = EnvironmentFactory(street_address="Mølleparkvej 63", postcode="9000", city="Aalborg")

    output = run()

    odense.refresh_from_db()
    aalborg.refresh_from_db()
    assert (odense.municipality_id, aalborg.municipality_id) == (461, 851)
    assert "Placeret: 2 (heraf fra cache: 0). Ikke fundet: 1." in output
    assert f"id={lost.pk}" in output and "Unter den Linden 1, Berlin" in output


def test_a_second_run_comes_from_the_cache():
    EnvironmentFactory(street_address="Sdr. Boulevard 306", postcode="5000", city="Odense C")
    run()
    assert "Placeret: 1 (heraf fra cache: 1)" in run()


def test_filters_by_organisation_and_missing_coordinates():
    zoo = OrganisationFactory(slug="odense-zoo")
    EnvironmentFactory(organisation=zoo, postcode="5000", city="Odense C", latitude=None, longitude=None)
    EnvironmentFactory(organisation=zoo, postcode="5000", city="Odense C")
    EnvironmentFactory(postcode="9000", city="Aalborg", latitude=None, longitude=None)

    assert "Placeret: 1 " in run("--organisation", "odense-zoo", "--missing-only")
    assert "Placeret: 2 " in run("--municipality", "751")


def test_manual_pins_are_kept_unless_forced():
    EnvironmentFactory(coordinates_locked=True, coordinate_source="manual")
    assert "Sprunget over (nål sat i hånden): 1" in run()
    assert "Placeret: 1 " in run("--force")
