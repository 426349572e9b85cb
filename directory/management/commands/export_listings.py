"""Export an organisation's (or a municipality's) places and offers as CSV, XLSX or GeoJSON."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import override
from tqdm import tqdm

from directory.imports import export
from directory.models import Organisation
from maps.models import Municipality
from network.selectors import offers_in_municipality


class Command(BaseCommand):
    help = "Export places and offers in the import format (CSV, XLSX or GeoJSON)."

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--organisation", help="The organisation's slug.")
        target.add_argument(
            "--municipality", type=int, help="A municipality code: every listing in or serving it."
        )
        parser.add_argument("--format", choices=sorted(export.FORMATS), default="csv")
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args, organisation, municipality, format, output: Path, **options):
        if organisation:
            owner = Organisation.objects.filter(slug=organisation).first()
            if owner is None:
                raise CommandError(f"No organisation with slug {organisation!r}.")
            offers, places = owner.offers.all(), owner.environments.all()
        else:
            area = Municipality.objects.filter(code=municipality).first()
            if area is None:
                raise CommandError(f"No municipality with code {municipality}.")
            offers, places = offers_in_municipality(area), area.environments.all()
        with override("da"), tqdm(total=3, desc="Eksport", disable=options["verbosity"] == 0) as bar:
            rows = export.export_rows(offers, places)
            bar.update()
            body = export.render(rows, format)
            bar.update()
            Path(output).write_bytes(body)
            bar.update()
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(rows)} rows to {output} ({format})."))
