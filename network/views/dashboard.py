"""The member's start page, an organisation's overview and its profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from directory.services.organisations import organisation_update
from directory.services.versions import VersionConflict
from maps.models import Municipality
from network import permissions, selectors
from network.forms import OrganisationProfileForm
from network.views.access import organisation_for_editing
from network.views.conflicts import refill_after_conflict


@login_required
def dashboard(request):
    user = request.user
    context = {
        "organisations": selectors.organisations_for_dashboard(user),
        "overseen": permissions.overseen_municipalities(user),
        "is_coordinator": permissions.is_coordinator(user),
        # A coordinator oversees every municipality: the coverage of each is one click away.
        "all_municipalities": Municipality.objects.all() if permissions.is_coordinator(user) else [],
        "queue_size": len(selectors.moderation_queue()) if permissions.can_moderate(user) else 0,
    }
    return render(request, "network/dashboard.html", context)


@login_required
def organisation(request, slug: str):
    organisation = organisation_for_editing(request, slug)
    context = {
        "organisation": organisation,
        "offers": selectors.organisation_offers(organisation),
        "environments": selectors.organisation_environments(organisation),
        "can_manage": permissions.can_manage_members(request.user, organisation),
        "publishes_directly": permissions.publishes_directly(request.user, organisation),
    }
    return render(request, "network/organisation.html", context)


@login_required
def organisation_profile(request, slug: str):
    organisation = organisation_for_editing(request, slug)
    form = OrganisationProfileForm(request.POST or None, request.FILES or None, instance=organisation)
    conflict, status = None, 200
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "version"}
        try:
            organisation_update(
                organisation=organisation,
                user=request.user,
                expected_version=form.expected_version(),
                **fields,
            )
        except VersionConflict as stale:
            form, conflict = refill_after_conflict(OrganisationProfileForm, request, stale)
            status = 409
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Profilen er gemt."))
            return redirect("members:organisation", slug=organisation.slug)
    context = {"organisation": organisation, "form": form, "conflict": conflict}
    return render(request, "network/organisation_profile.html", context, status=status)
