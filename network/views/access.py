"""Fetch what a member may touch, or answer 404 / 403.

Objects of an organisation the user does not belong to answer 404, so nobody can learn
that another organisation's draft exists. A member who lacks a *role* in their own
organisation (an editor trying to manage people) gets 403: they know it exists.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from directory.models import LearningEnvironment, Offer, Organisation
from maps.models import Municipality
from network import permissions


def organisation_for_editing(request: HttpRequest, slug: str) -> Organisation:
    return get_object_or_404(permissions.editable_organisations(request.user), slug=slug)


def organisation_for_managing(request: HttpRequest, slug: str) -> Organisation:
    organisation = organisation_for_editing(request, slug)
    if not permissions.can_manage_members(request.user, organisation):
        raise PermissionDenied
    return organisation


def offer_for_editing(request: HttpRequest, pk: int) -> Offer:
    return get_object_or_404(permissions.editable_offers(request.user).select_related("organisation"), pk=pk)


def environment_for_editing(request: HttpRequest, pk: int) -> LearningEnvironment:
    return get_object_or_404(
        permissions.editable_environments(request.user).select_related("organisation"), pk=pk
    )


def require_coordinator(request: HttpRequest) -> None:
    if not permissions.can_moderate(request.user):
        raise PermissionDenied


def municipality_for_overseeing(request: HttpRequest, code: int) -> Municipality:
    if permissions.is_coordinator(request.user):
        return get_object_or_404(Municipality, code=code)
    return get_object_or_404(permissions.overseen_municipalities(request.user), code=code)
