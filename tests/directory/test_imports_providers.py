"""A file of real offers typed in the providers' own wording (fixtures/providers_offers.csv: 40
offers from zoos, an aquarium, museums, an archive, nature schools, a farm, a library, a company
and a municipal catalogue, in the import template's columns): it imports in one dry run and one
confirmed run, each reading shown, rows that leave a fact out as drafts naming what to complete."""

from decimal import Decimal
from pathlib import Path

import pytest

from directory.imports import export
from directory.imports.services import listings_import
from directory.models import LearningEnvironment, Offer
from tests import factories

pytestmark = pytest.mark.django_db

FILE = Path(__file__).parent / "fixtures" / "providers_offers.csv"


@pytest.fixture
def catalogue(db):
    """A municipality's school service loading its providers' offers (a network member)."""
    return factories.OrganisationFactory(name="Åben Skole-kataloget", slug="aaben-skole")


def run(organisation, data=None, *, dry_run=False, filename=FILE.name):
    data = FILE.read_bytes() if data is None else data
    return listings_import(organisation=organisation, data=data, filename=filename, dry_run=dry_run)


def test_the_dry_run_shows_each_reading_next_to_the_providers_text_and_writes_nothing(catalogue):
    report = run(catalogue, dry_run=True)
    assert report.ok, report.problems()
    assert report.count("create") == 40 + 15 and not catalogue.offers.exists()
    readings = {(line, column): text for line, column, text in report.readings()}
    assert readings[(3, "fra_klassetrin")] == "“Indskoling” læst som 0.–3. klasse"
    assert readings[(3, "fag")] == "“N/T” læst som Natur/teknologi"
    assert readings[(2, "booking_email")] == "“skole(at)aalborgzoo.dk” læst som skole@aalborgzoo.dk"
    assert readings[(5, "varighed")] == "“1½ time” læst som 90 min."
    assert readings[(9, "pris")] == "“2100,- kr.” læst som 2.100 kr."
    assert readings[(2, "maaneder")] == "“hele skoleåret” læst som august–juni"
    assert readings[(23, "fag")] == "“Sløjd og håndarbejde” læst som Håndværk og design"
    assert readings[(6, "fra_klassetrin")] == "“3-6 år” læst som Børnehave"
    assert readings[(22, "kategori")] == "“Frilandsmuseum” læst som Museum"
    warnings = {(line, column) for line, column, _text in report.warnings()}
    assert warnings == {(31, "fag"), (26, "pris")}


def test_every_row_imports_with_its_facts_in_the_new_fields(catalogue):
    report = run(catalogue)
    assert report.ok and report.written, report.problems()
    assert catalogue.offers.count() == 40 and catalogue.environments.count() == 15
    offer = {offer.external_id: offer for offer in catalogue.offers.all()}
    assert (offer["Z1"].grade_from_id, offer["Z1"].grade_to_id, offer["Z1"].duration_minutes) == (6, 8, 45)
    assert offer["Z1"].booking_url == "https://www.aalborgzoo.dk/skole"
    assert offer["Z2"].price_kind == Offer.PriceKind.FREE_LOCAL and offer["Z2"].price_dkk == 500
    assert offer["Z2"].max_classes == 1
    assert offer["Z3"].format == Offer.Format.LOAN and offer["Z3"].price_note == "inkl. forsendelse"
    assert (offer["K1"].price_dkk, offer["K1"].price_unit, offer["K1"].grade_from_id) == (50, "elev", 13)
    assert (offer["K3"].format, offer["K3"].price_kind) == (Offer.Format.SELF_GUIDED, Offer.PriceKind.UNKNOWN)
    assert (offer["K3"].duration_minutes, offer["K3"].duration_max_minutes) == (120, 180)
    assert (
        offer["A2"].month_list == [1, 2, 3, 4, 11, 12] and offer["A2"].period_note == "1. november - 1. april"
    )
    assert (offer["A2"].max_participants, offer["A2"].adults_per_group) == (28, 2)
    assert (offer["H2"].duration_days, offer["H2"].max_classes, offer["H2"].price_dkk) == (
        2,
        2,
        Decimal(4000),
    )
    assert offer["U1"].period_note == "fredag kl. 10-14" and offer["U1"].is_free is False
    assert [subject.slug for subject in offer["V1"].subjects.all()] == ["historie", "haandvaerk-og-design"]
    assert offer["R1"].grade_from.slug == "vuggestue" and offer["R1"].grade_to.slug == "boernehave"
    assert {key for key, item in offer.items() if item.status == Offer.Status.DRAFT} == {"G2", "N3"}
    assert catalogue.environments.get(external_id="HJER").category.slug == "museum"


def test_importing_the_providers_file_again_changes_nothing(catalogue):
    run(catalogue)
    report = run(catalogue)
    assert report.ok and report.count("create") == 0 and report.count("update") == 0, report.problems()


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_richer_offers_round_trip_through_export_and_import(catalogue, export_format):
    run(catalogue)
    data = export.render(
        export.export_rows(catalogue.offers.all(), catalogue.environments.all()), export_format
    )
    before = (Offer.objects.count(), LearningEnvironment.objects.count())
    report = run(catalogue, data, filename=f"eksport.{export_format}")
    assert report.ok, report.problems()
    assert report.count("create") == 0 and report.count("update") == 0
    assert (Offer.objects.count(), LearningEnvironment.objects.count()) == before


def test_a_later_row_completing_a_draft_updates_it_and_a_missing_fact_keeps_what_the_offer_has(catalogue):
    run(catalogue)
    text = FILE.read_text(encoding="utf-8")
    completed = text.replace(";G2;Dyrene på gården;;", ";G2;Dyrene på gården;Natur/teknologi;")
    completed = completed.replace(";M1;Vikingernes verden;Historie;", ";M1;Vikingernes verden;;")
    report = run(catalogue, completed.encode())
    assert report.ok, report.problems()
    assert [subject.slug for subject in catalogue.offers.get(external_id="G2").subjects.all()] == [
        "natur-teknologi"
    ]
    assert [subject.slug for subject in catalogue.offers.get(external_id="M1").subjects.all()] == ["historie"]
