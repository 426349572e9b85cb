"""Scheduled work on the one task queue: the reminders before events (cron or a scheduler enqueues it)."""

from django_tasks import task

from network.events.services import reminders_send


@task()
def send_event_reminders() -> str:
    result = reminders_send()
    return f"{result['participants']} reminders for {result['events']} events"
