"""manage.py rebuild_search_index: rebuild the search table from the published catalogue."""

import time

from django.core.management.base import BaseCommand

from directory.models import OfferPlacement
from directory.services.search_index import search_index_refresh


class Command(BaseCommand):
    help = (
        "Rebuild the search table (one row per published offer and active located place) from "
        "the catalogue. The write paths keep it in step; run this after writing rows by hand."
    )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        before = OfferPlacement.objects.count()
        written = search_index_refresh()
        self.stdout.write(
            self.style.SUCCESS(
                f"Search table rebuilt: {written} rows (was {before}) in {time.perf_counter() - started:.1f} s."
            )
        )
