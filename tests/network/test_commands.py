import pytest
from django.core.management import CommandError, call_command

from directory.models import Offer
from tests.network.test_imports import GOOD_ROWS, csv_bytes

pytestmark = pytest.mark.django_db


def test_import_command_imports_a_file_and_export_command_writes_it_back(zoo, tmp_path, capsys):
    source = tmp_path / "tilbud.csv"
    source.write_bytes(csv_bytes(GOOD_ROWS))
    call_command("import_listings", zoo.slug, str(source), verbosity=0)
    assert zoo.offers.count() == 3

    exported = tmp_path / "eksport.xlsx"
    call_command("export_listings", organisation=zoo.slug, format="xlsx", output=str(exported), verbosity=0)
    call_command("import_listings", zoo.slug, str(exported), verbosity=0)
    out = capsys.readouterr().out
    assert "0 create, 0 update" in out.splitlines()[-1]
    assert Offer.objects.count() == 3


def test_import_command_dry_run_writes_nothing(zoo, tmp_path):
    source = tmp_path / "tilbud.csv"
    source.write_bytes(csv_bytes(GOOD_ROWS))
    call_command("import_listings", zoo.slug, str(source), "--dry-run", verbosity=0)
    assert not zoo.offers.exists()


def test_import_command_fails_with_the_problems_and_writes_nothing(zoo, tmp_path, capsys):
    source = tmp_path / "tilbud.csv"
    source.write_bytes(csv_bytes([dict(GOOD_ROWS[0], titel="")]))
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_listings", zoo.slug, str(source), verbosity=0)
    assert "linje 2, kolonne titel" in capsys.readouterr().err
    assert not zoo.offers.exists()
