"""Who may use the API for what: anyone reads; members change their own organisation.

The write endpoints come with the members' issue; these classes are what they will use.
The rule itself lives in network/permissions.py, the one place the site and API ask.
"""

from __future__ import annotations

from rest_framework import permissions


class IsOrganisationEditorOrReadOnly(permissions.BasePermission):
    """Safe methods for everyone; other methods for signed-in editors of the object's organisation.

    The object is an Organisation, or anything with an ``organisation`` (offers, places).
    """

    message = "Du kan kun ændre din egen organisations oplysninger."

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        # Imported here: network depends on directory's models, not the other way round.
        from network.permissions import can_edit_organisation

        organisation = getattr(obj, "organisation", obj)
        return can_edit_organisation(request.user, organisation)
