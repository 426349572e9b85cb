"""An organisation's people: list, invite, change role, remove. Admins and coordinators only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network import selectors, services
from network.forms import InviteForm, RoleForm
from network.views.access import organisation_for_managing


@login_required
def people(request, slug: str):
    organisation = organisation_for_managing(request, slug)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_invite(
                organisation=organisation,
                invited_by=request.user,
                served_at=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Invitationen er sendt til %(email)s.") % form.cleaned_data)
            return redirect("members:people", slug=organisation.slug)
    members, invitations = selectors.organisation_people(organisation)
    context = {
        "organisation": organisation,
        "members": members,
        "invitations": invitations,
        "form": form,
        "role_form": RoleForm(),
    }
    return render(request, "network/people.html", context)


@login_required
@require_POST
def membership_role(request, slug: str, pk: int):
    organisation = organisation_for_managing(request, slug)
    membership = get_object_or_404(organisation.memberships, pk=pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.membership_set_role(membership=membership, role=form.cleaned_data["role"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Vælg en gyldig rolle."))
    return redirect("members:people", slug=organisation.slug)


@login_required
@require_POST
def membership_remove(request, slug: str, pk: int):
    organisation = organisation_for_managing(request, slug)
    membership = get_object_or_404(organisation.memberships, pk=pk)
    try:
        services.membership_remove(membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(person)s er fjernet.") % {"person": membership.user})
    return redirect("members:people", slug=organisation.slug)


@login_required
@require_POST
def invitation_revoke(request, slug: str, pk: int):
    organisation = organisation_for_managing(request, slug)
    invitation = get_object_or_404(organisation.invitations, pk=pk)
    services.invitation_revoke(invitation=invitation)
    messages.success(request, _("Invitationen er trukket tilbage."))
    return redirect("members:people", slug=organisation.slug)
