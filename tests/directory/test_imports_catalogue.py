"""A coordinator imports a municipality's whole catalogue: one file, an organisation column."""

import io

import pytest
from django.core.management import call_command

from directory.imports import export
from directory.imports.catalogue import catalogue_import
from directory.imports.columns import KEYS
from directory.models import LearningEnvironment, Offer, Organisation
from tests import factories

pytestmark = pytest.mark.django_db


def csv_bytes(rows):
    return "\n".join([";".join(KEYS)] + [";".join(row.get(key, "") for key in KEYS) for row in rows]).encode()


def row(organisation, number, **extra):
    return {
        "organisation": organisation, "sted_id": f"S{number}", "sted_navn": f"Sted {number}",
        "kategori": "Naturskole", "postnummer": "8000", "by": "Aarhus C", "tilbud_id": f"T{number}",
        "titel": f"Forløb {number}", "fag": "Biologi", "klassetrin": "Mellemtrin", "pris": "Gratis", **extra,
    }  # fmt: skip


def test_rows_go_to_the_organisation_they_name_and_an_unknown_one_is_created_with_draft_offers():
    known = factories.OrganisationFactory(
        name="Naturskolen Fussingø", slug="fussingoe", is_network_member=True
    )
    coordinator = factories.UserFactory()
    rows = [row("naturskolen fussingø", 1), row("fussingoe", 2), row("Den Nye Gård", 3)]
    dry = catalogue_import(data=csv_bytes(rows), filename="katalog.csv", user=coordinator, dry_run=True)
    assert dry.ok and not dry.written and not Organisation.objects.filter(name="Den Nye Gård").exists()
    report = catalogue_import(data=csv_bytes(rows), filename="katalog.csv", dry_run=False)
    assert report.ok and report.written, report.problems()
    assert sorted(known.offers.values_list("external_id", flat=True)) == ["T1", "T2"]
    new = Organisation.objects.get(name="Den Nye Gård")
    assert [(offer.external_id, offer.status) for offer in new.offers.all()] == [("T3", Offer.Status.DRAFT)]
    assert ("organisation", "create") in {(entry.entity, entry.action) for entry in report.entries}


def test_a_bad_row_of_one_organisation_writes_nothing_for_any():
    rows = [row("Gården", 1), row("Skoven", 2, varighed="en formiddag"), row("", 3)]
    report = catalogue_import(data=csv_bytes(rows), filename="katalog.csv", dry_run=False)
    assert not report.ok and not report.written
    assert {(line, column) for line, column, _message in report.problems()} == {
        (3, "varighed"),
        (4, "organisation"),
    }
    assert not Organisation.objects.filter(name__in=["Gården", "Skoven"]).exists()


def test_the_export_names_each_rows_organisation_and_imports_back_unchanged():
    catalogue_import(data=csv_bytes([row("Gården", 1), row("Skoven", 2)]), filename="k.csv", dry_run=False)
    data = export.render(export.export_rows(Offer.objects.all(), LearningEnvironment.objects.all()), "csv")
    report = catalogue_import(data=data, filename="eksport.csv", dry_run=False)
    assert report.ok, report.problems()
    assert report.count("create") == 0 and report.count("update") == 0


def test_the_command_imports_a_catalogue_with_a_dash_for_the_organisation(tmp_path):
    path = tmp_path / "katalog.csv"
    path.write_bytes(csv_bytes([row("Gården", 1)]))
    out = io.StringIO()
    call_command("import_listings", "-", str(path), stdout=out, verbosity=0)
    assert "Imported katalog.csv" in out.getvalue()
    assert Organisation.objects.get(name="Gården").offers.count() == 1
