"""manage.py rebuild_search_index: rebuild the search table from the published catalogue."""

import time

from django.core.management.base import BaseCommand
from django.db import connection

from directory.models import OfferPlacement, SubjectPlacement
from directory.search.refresh import search_index_refresh


class Command(BaseCommand):
    help = (
        "Rebuild the search table (one row per published offer and active located place) from "
        "the catalogue. The write paths keep it in step; run this after writing rows by hand."
    )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        before = OfferPlacement.objects.count()
        written = search_index_refresh()
        if not connection.in_atomic_block:
            # Fresh statistics for the planner and, on PostgreSQL, a visibility map, without
            # which its index-only scans of the table would visit every row anyway.
            with connection.cursor() as cursor:
                for model in (OfferPlacement, SubjectPlacement):
                    table = connection.ops.quote_name(model._meta.db_table)
                    cursor.execute(f"{'VACUUM ' if connection.vendor == 'postgresql' else ''}ANALYZE {table}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Search table rebuilt: {written} rows (was {before}) in {time.perf_counter() - started:.1f} s."
            )
        )
