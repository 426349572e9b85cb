"""Writes to organisations: the profile their own editors keep."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from directory.models import Organisation
from directory.search.refresh import search_index_refresh
from directory.services.versions import version_check

if TYPE_CHECKING:
    from network.models import User

# What a member may change in their own profile. Kind, municipality link and network
# membership decide permissions and moderation, so only coordinators change those.
PROFILE_FIELDS = ("name", "description", "website", "email", "phone", "logo")
COORDINATOR_FIELDS = ("kind", "municipality", "is_network_member", "external_id")


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    user: User | None = None,
    expected_version: int | None = None,
    **fields: Any,
) -> Organisation:
    """Change the profile. With `expected_version`, a save since then raises VersionConflict."""
    version_check(organisation, expected=expected_version)
    allowed = set(PROFILE_FIELDS)
    if user is not None and user.is_staff:
        allowed |= set(COORDINATOR_FIELDS)
    forbidden = set(fields) - allowed
    if forbidden:
        raise PermissionError(f"Not allowed to change: {', '.join(sorted(forbidden))}")
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation._history_user = user
    organisation.full_clean()
    organisation.save()
    if "name" in fields:  # the name is part of its offers' search text
        search_index_refresh(offer_ids=list(organisation.offers.values_list("pk", flat=True)))
    return organisation
