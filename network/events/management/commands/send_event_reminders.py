"""Remind participants of events that start soon. Run it hourly (cron), or enqueue the task."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from network.events.services import reminders_send


class Command(BaseCommand):
    help = "E-mail the confirmed participants of events starting within --hours (default 48); once per event."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=48)
        parser.add_argument("--queue", action="store_true", help="Enqueue the task instead of running here.")

    def handle(self, *args, hours: int, queue: bool, **options):
        if queue:
            from network.events.tasks import send_event_reminders

            send_event_reminders.enqueue()
            self.stdout.write("Queued the reminder task.")
            return
        result = reminders_send(ahead=timedelta(hours=hours))
        self.stdout.write(
            self.style.SUCCESS(
                f"Reminded {result['participants']} participants of {result['events']} events."
            )
        )
