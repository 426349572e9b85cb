"""Add, edit and archive places. Geocoding and pins go through directory.services.environments."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.models import LearningEnvironment
from directory.services import environments as environment_services
from directory.services.versions import VersionConflict
from network.forms import EnvironmentForm
from network.views.access import environment_for_editing, organisation_for_editing
from network.views.conflicts import refill_after_conflict


def _map_config(environment: LearningEnvironment | None) -> dict:
    """What the pin map script needs, handed over with json_script."""
    center = settings.LEAFLET_CONFIG["DEFAULT_CENTER"]
    tiles_name, tiles_url, tiles_options = settings.LEAFLET_CONFIG["TILES"][0]
    has_pin = bool(environment and environment.has_coordinates)
    return {
        "center": [environment.latitude, environment.longitude] if has_pin else list(center),
        "zoom": 15 if has_pin else settings.LEAFLET_CONFIG["DEFAULT_ZOOM"],
        "hasPin": has_pin,
        "tilesUrl": tiles_url,
        "attribution": tiles_options.get("attribution", ""),
    }


def _render(request, form, organisation, environment, conflict=None):
    context = {
        "form": form,
        "organisation": organisation,
        "environment": environment,
        "map_config": _map_config(environment),
        "conflict": conflict,
    }
    return render(request, "network/environment_form.html", context, status=409 if conflict else 200)


@login_required
def environment_add(request, slug: str):
    organisation = organisation_for_editing(request, slug)
    form = EnvironmentForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        fields = form.address_fields()
        if form.pin_moved():
            fields.update(
                latitude=form.cleaned_data["latitude"],
                longitude=form.cleaned_data["longitude"],
                coordinate_source="manual",
            )
        try:
            environment_services.environment_create(organisation=organisation, user=request.user, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Stedet er oprettet."))
            return redirect("members:organisation", slug=organisation.slug)
    return _render(request, form, organisation, None)


@login_required
def environment_edit(request, pk: int):
    environment = environment_for_editing(request, pk)
    organisation = environment.organisation
    form = EnvironmentForm(request.POST or None, instance=environment, organisation=organisation)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            # One transaction: an address that fails to geocode must not leave a moved pin behind.
            with transaction.atomic():
                stored = LearningEnvironment.objects.get(pk=environment.pk)
                stored = environment_services.environment_update(
                    environment=stored,
                    user=request.user,
                    relocate=form.cleaned_data.get("relocate", False),
                    expected_version=form.expected_version(),
                    **form.address_fields(),
                )
                if form.pin_moved():
                    environment_services.environment_set_pin(
                        environment=stored,
                        latitude=form.cleaned_data["latitude"],
                        longitude=form.cleaned_data["longitude"],
                        user=request.user,
                    )
        except VersionConflict as stale:
            form, conflict = refill_after_conflict(EnvironmentForm, request, stale, organisation=organisation)
            environment = form.instance
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Stedet er gemt."))
            return redirect("members:organisation", slug=organisation.slug)
    return _render(request, form, organisation, environment, conflict)


@login_required
@require_POST
def environment_archive(request, pk: int):
    environment = environment_for_editing(request, pk)
    environment_services.environment_update(
        environment=environment, user=request.user, status=LearningEnvironment.Status.ARCHIVED
    )
    messages.success(request, _("Stedet er arkiveret."))
    return redirect("members:organisation", slug=environment.organisation.slug)
