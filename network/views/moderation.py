"""The coordinators' queue: new offers and proposed edits, approved or rejected one by one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.models import Offer
from directory.services import offers as offer_services
from network import selectors
from network.forms import RejectForm
from network.views.access import require_coordinator


def _change_id(request) -> int | None:
    """The proposal a button is for: several editors may each have one open for an offer."""
    value = request.POST.get("change", "")
    return int(value) if value.isdigit() else None


@login_required
def queue(request):
    require_coordinator(request)
    return render(
        request, "network/moderation.html", {"items": selectors.moderation_queue(), "form": RejectForm()}
    )


@login_required
@require_POST
def approve(request, pk: int):
    require_coordinator(request)
    offer = get_object_or_404(Offer, pk=pk)
    offer_services.offer_approve(offer=offer, user=request.user, change_id=_change_id(request))
    messages.success(request, _("“%(title)s” er godkendt.") % {"title": offer.title})
    return redirect("members:moderation")


@login_required
@require_POST
def reject(request, pk: int):
    require_coordinator(request)
    offer = get_object_or_404(Offer, pk=pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Skriv en begrundelse til udbyderen."))
        return redirect("members:moderation")
    offer_services.offer_reject(
        offer=offer, user=request.user, reason=form.cleaned_data["reason"], change_id=_change_id(request)
    )
    messages.success(request, _("“%(title)s” er afvist.") % {"title": offer.title})
    return redirect("members:moderation")
