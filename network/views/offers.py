"""Add, edit, duplicate, submit and archive offers; read and revert their history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.models import Offer
from directory.services import offers as offer_services
from directory.services.versions import VersionConflict
from network import permissions, selectors
from network.forms import OfferForm
from network.views.access import offer_for_editing, organisation_for_editing, require_coordinator
from network.views.conflicts import refill_after_conflict


@login_required
def offer_add(request, slug: str):
    organisation = organisation_for_editing(request, slug)
    form = OfferForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            offer = offer_services.offer_create(
                organisation=organisation,
                user=request.user,
                draft="save_draft" in request.POST,
                **form.service_fields(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if offer.status == Offer.Status.PENDING:
                messages.success(request, _("Tilbuddet er gemt og venter på godkendelse."))
            else:
                messages.success(request, _("Tilbuddet er gemt."))
            return redirect("members:organisation", slug=organisation.slug)
    context = {"organisation": organisation, "form": form, "offer": None}
    return render(request, "network/offer_form.html", context)


@login_required
def offer_edit(request, pk: int):
    offer = offer_for_editing(request, pk)
    organisation = offer.organisation
    form = OfferForm(request.POST or None, instance=offer, organisation=organisation)
    conflict, status = None, 200
    if request.method == "POST" and form.is_valid():
        try:
            change = offer_services.offer_update(
                offer=offer,
                user=request.user,
                expected_version=form.expected_version(),
                **form.service_fields(),
            )
        except VersionConflict as stale:
            form, conflict = refill_after_conflict(OfferForm, request, stale, organisation=organisation)
            offer, status = form.instance, 409
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if change is not None:
                messages.success(
                    request,
                    _("Ændringerne er sendt til godkendelse. Den offentlige udgave er uændret indtil da."),
                )
            else:
                messages.success(request, _("Tilbuddet er gemt."))
            return redirect("members:organisation", slug=organisation.slug)
    open_changes = offer.pending_changes.filter(status="pending")
    context = {
        "organisation": organisation,
        "form": form,
        "offer": offer,
        "open_change": [row for change in open_changes for row in selectors.change_fields(change)],
        "conflict": conflict,
    }
    return render(request, "network/offer_form.html", context, status=status)


@login_required
@require_POST
def offer_duplicate(request, pk: int):
    offer = offer_for_editing(request, pk)
    copy = offer_services.offer_duplicate(offer=offer, user=request.user)
    messages.success(request, _("Kopien er oprettet som kladde."))
    return redirect("members:offer_edit", pk=copy.pk)


@login_required
@require_POST
def offer_archive(request, pk: int):
    offer = offer_for_editing(request, pk)
    offer_services.offer_archive(offer=offer, user=request.user)
    messages.success(request, _("Tilbuddet er arkiveret og vises ikke længere."))
    return redirect("members:organisation", slug=offer.organisation.slug)


@login_required
@require_POST
def offer_submit(request, pk: int):
    offer = offer_for_editing(request, pk)
    offer_services.offer_submit(offer=offer, user=request.user)
    if offer.status == Offer.Status.PENDING:
        messages.success(request, _("Tilbuddet venter nu på godkendelse."))
    else:
        messages.success(request, _("Tilbuddet er offentliggjort."))
    return redirect("members:organisation", slug=offer.organisation.slug)


@login_required
def offer_history(request, pk: int):
    offer = offer_for_editing(request, pk)
    context = {
        "offer": offer,
        "entries": selectors.offer_history(offer),
        "can_revert": permissions.can_moderate(request.user),
    }
    return render(request, "network/offer_history.html", context)


@login_required
@require_POST
def offer_revert(request, pk: int, history_id: int):
    require_coordinator(request)
    offer = offer_for_editing(request, pk)
    try:
        offer_services.offer_revert(offer=offer, history_id=history_id, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Tilbuddet er sat tilbage til den valgte udgave."))
    return redirect("members:offer_history", pk=offer.pk)
