from django.core.management.base import BaseCommand
from django.utils import timezone
from tqdm import tqdm

from network.newsletter import digest


class Command(BaseCommand):
    help = (
        "Queue this period's digest for every due subscriber (weekly: ISO week, monthly: month). "
        "Safe to run again: a subscriber gets at most one digest per period."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="No progress bar (cron logs).")

    def handle(self, *args, no_progress: bool = False, **options):
        now = timezone.now()
        total = digest.due_subscribers(now).count()

        def progress(items):
            return tqdm(items, total=total, unit="subscriber", disable=no_progress, file=self.stderr)

        run = digest.digest_run(now=now, progress=progress)
        self.stdout.write(self.style.SUCCESS(run.summary()))
