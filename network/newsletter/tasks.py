"""The newsletter's work on the one task queue (settings.TASKS)."""

from __future__ import annotations

from django_tasks import task

from network.newsletter import digest, editorial
from network.newsletter.models import Issue


@task()
def digest_run_task() -> str:
    """What the scheduler (or a coordinator) starts; the same as `manage.py send_digests`."""
    return digest.digest_run().summary()


@task()
def issue_deliver(*, issue_id: int) -> str:
    issue = Issue.objects.filter(pk=issue_id).first()
    if issue is None:
        return "issue deleted"
    return f"{editorial.issue_deliver_all(issue=issue)} e-mails queued"
