"""The organiser's pages under /medlem/arrangementer/: list, create, edit, publish, cancel,
participants with export and a printable attendance sheet.

Access: members (editors and admins) of the organising organisation and coordinators; anyone
else gets 404, as for the other member pages (network/views/access.py).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network import permissions
from network.events import exports, selectors, services
from network.events.forms import EventForm
from network.events.models import Event
from network.views.access import organisation_for_editing


def _event_for_organiser(request: HttpRequest, pk: int) -> Event:
    events = Event.objects.filter(organiser__in=permissions.editable_organisations(request.user))
    return get_object_or_404(events.select_related("organiser", "venue"), pk=pk)


@login_required
def organisation_events(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for_editing(request, slug)
    events = selectors.events_managed(organisations=[organisation])
    return render(request, "events/manage/list.html", {"organisation": organisation, "events": events})


def _save(request, form, *, event: Event | None):
    try:
        if event is None:
            saved = services.event_create(
                user=request.user, fields=form.event_fields() | {"organiser": form.instance.organiser}
            )
        else:
            saved = services.event_update(event=event, fields=form.event_fields())
    except ValidationError as error:
        form.add_error(None, error)
        return None
    return saved


@login_required
def event_add(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for_editing(request, slug)
    form = EventForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid() and (event := _save(request, form, event=None)):
        messages.success(request, _("Arrangementet er gemt som kladde."))
        return redirect("event_members:edit", pk=event.pk)
    status = 400 if form.errors else 200
    return render(
        request, "events/manage/form.html", {"form": form, "organisation": organisation}, status=status
    )


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_for_organiser(request, pk)
    form = EventForm(request.POST or None, instance=event, organisation=event.organiser)
    if request.method == "POST" and form.is_valid() and _save(request, form, event=event):
        messages.success(request, _("Arrangementet er gemt."))
        return redirect("event_members:edit", pk=event.pk)
    context = {"form": form, "organisation": event.organiser, "event": event}
    return render(request, "events/manage/form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def event_publish(request: HttpRequest, pk: int) -> HttpResponse:
    event = services.event_publish(event=_event_for_organiser(request, pk))
    messages.success(request, _("Arrangementet er offentliggjort."))
    return redirect("event_members:edit", pk=event.pk)


@login_required
@require_POST
def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    told = services.event_cancel(event=_event_for_organiser(request, pk))
    messages.success(
        request, _("Arrangementet er aflyst. %(count)d tilmeldte har fået besked.") % {"count": told}
    )
    return redirect("event_members:edit", pk=pk)


@login_required
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_for_organiser(request, pk)
    context = {"event": event, "registrations": selectors.event_participants(event=event)}
    return render(request, "events/manage/participants.html", context)


@login_required
def participants_export(request: HttpRequest, pk: int, export_format: str) -> HttpResponse:
    event = _event_for_organiser(request, pk)
    if export_format not in exports.FORMATS:
        raise Http404
    content = exports.render(selectors.event_participants(event=event), export_format)
    response = HttpResponse(content, content_type=exports.FORMATS[export_format])
    response["Content-Disposition"] = f'attachment; filename="deltagere-{event.slug}.{export_format}"'
    return response


@login_required
def attendance_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable page: a name badge per confirmed participant, then a sign-in list."""
    event = _event_for_organiser(request, pk)
    confirmed = [r for r in selectors.event_participants(event=event) if r.status == "confirmed"]
    return render(request, "events/manage/attendance.html", {"event": event, "registrations": confirmed})
