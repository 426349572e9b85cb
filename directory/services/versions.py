"""Optimistic concurrency: a save made from an old reading of a row is refused, not applied.

Offers, places and organisations count their saves in `version` (directory.models.base.
VersionedModel). Whoever edits hands back the version they read (the member forms in a hidden
field, the write API in `If-Match`); the service compares it with the stored row under a row
lock (SELECT … FOR UPDATE on PostgreSQL; on SQLite the transaction already holds the write
lock, see DATABASES' transaction_mode) and raises VersionConflict when someone saved in
between. Every save then stores the next version.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _


class VersionConflict(ValidationError):
    """Someone else saved the row after the editor read it."""

    def __init__(self, *, instance: models.Model, expected: int, stored: int):
        super().__init__(
            _(
                "En anden har gemt en ændring, mens du redigerede (version %(stored)s; du startede "
                "fra version %(expected)s). Dine ændringer er ikke gemt endnu."
            )
            % {"stored": stored, "expected": expected},
            code="version_conflict",
        )
        self.instance, self.expected, self.stored = instance, expected, stored


def _stored_version(instance: models.Model) -> int:
    return (
        type(instance)
        ._default_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list("version", flat=True)
        .get()
    )


def version_check(instance: models.Model, *, expected: int | None) -> None:
    """Refuse the edit when the row was saved since version `expected` was read.

    `expected=None` means the caller asked for no check (the admin, imports, commands).
    """
    if expected is None or instance.pk is None:
        return
    stored = _stored_version(instance)
    if stored != expected:
        raise VersionConflict(instance=instance, expected=expected, stored=stored)
