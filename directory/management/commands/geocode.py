"""(Re)geocode learning environments from their addresses, with a progress bar and a summary."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from tqdm import tqdm

from directory.models import LearningEnvironment
from directory.services.environments import environment_geocode
from maps.geocoding import AddressNotFound


class Command(BaseCommand):
    help = (
        "Geocode learning environments from their addresses (all, or filtered). Pins set by hand "
        "are kept unless --force. Never stops at one failure; ends with a summary."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisation", metavar="SLUG", help="only this organisation's places")
        parser.add_argument(
            "--municipality", type=int, metavar="CODE", help="only places in this municipality"
        )
        parser.add_argument("--missing-only", action="store_true", help="only places without coordinates")
        parser.add_argument("--force", action="store_true", help="also move pins that were set by hand")

    def handle(self, *args, **options):
        environments = LearningEnvironment.objects.select_related("organisation").order_by("pk")
        if options["organisation"]:
            environments = environments.filter(organisation__slug=options["organisation"])
        if options["municipality"]:
            environments = environments.filter(municipality_id=options["municipality"])
        if options["missing_only"]:
            environments = environments.filter(latitude__isnull=True)

        placed, from_cache, skipped, not_found = 0, 0, 0, []
        progress = tqdm(environments.iterator(), total=environments.count(), unit="sted", file=self.stderr)
        for environment in progress:
            try:
                result = environment_geocode(environment=environment, force=options["force"])
            except (AddressNotFound, ValidationError) as error:
                not_found.append((environment, " ".join(getattr(error, "messages", [str(error)]))))
                continue
            if result is None:
                skipped += 1
                continue
            placed += 1
            from_cache += result.from_cache

        self.stdout.write(
            f"Placeret: {placed} (heraf fra cache: {from_cache}). Ikke fundet: {len(not_found)}. "
            f"Sprunget over (nål sat i hånden): {skipped}."
        )
        for environment, reason in not_found:
            address = environment.address_line or "(ingen adresse)"
            self.stdout.write(
                f"  ikke fundet: id={environment.pk} {environment.name!r}: {address!r} — {reason}"
            )
