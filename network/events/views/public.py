"""Public event pages: the list with map, one event with its registration form, calendar files,
and a participant's own registration page (reached from the e-mail's link)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from directory.views.details import map_settings
from network.events import ics, selectors, services
from network.events.forms import EventFilterForm, RegistrationForm
from network.events.models import Event, Registration
from network.events.structured_data import event_json_ld


def _markers(events: list[Event]) -> list[dict]:
    return [
        {
            "name": event.title,
            "lat": event.venue.latitude,
            "lng": event.venue.longitude,
            "url": event.get_absolute_url(),
            "address": f"{event.starts_at:%d.%m.%Y} · {event.venue.name}",
        }
        for event in events
        if event.venue_id and event.venue.has_coordinates
    ]


def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    filters = form.filters()
    events = selectors.events_list(filters=filters)
    context = {
        "form": form,
        "events": events,
        "places": _markers(events),
        "map_settings": map_settings(),
        "past": filters.when == "past",
        "show_distance": filters.near is not None,
    }
    return render(request, "events/list.html", context, status=400 if form.is_bound and form.errors else 200)


@require_http_methods(["GET", "POST"])
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = selectors.event_detail(slug=slug)
    if event is None:
        raise Http404
    form = RegistrationForm(request.POST or None)
    offer_waiting_list = False
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                registration, _token = services.registration_create(event=event, **form.cleaned_data)
            except services.RegistrationRefused as refusal:
                form.add_error(refusal.field, refusal.message)
                offer_waiting_list = refusal.code == "full"
            else:
                if registration.status == Registration.Status.WAITING:
                    messages.success(request, _("Du står nu på ventelisten. Vi har sendt dig en e-mail."))
                else:
                    messages.success(
                        request, _("Du er tilmeldt. Vi har sendt dig en bekræftelse med kalenderfil.")
                    )
                return redirect(event.get_absolute_url())
        status = 400
    capacity_left = None if event.capacity is None else max(0, event.capacity - event.confirmed_count)
    context = {
        "event": event,
        "form": form,
        "offer_waiting_list": offer_waiting_list or capacity_left == 0,
        "capacity_left": capacity_left,
        "registration_open": event.registration_open(),
        "json_ld": event_json_ld(event),
        "places": _markers([event]),
        "map_settings": map_settings(),
    }
    return render(request, "events/detail.html", context, status=status)


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = selectors.event_detail(slug=slug)
    if event is None:
        raise Http404
    return _calendar_response(ics.calendar_bytes([event]), ics.event_filename(event))


def calendar_feed(request: HttpRequest) -> HttpResponse:
    content = ics.calendar_bytes(selectors.events_for_calendar(), name=_("Arrangementer"))
    return _calendar_response(content, "arrangementer.ics")


@require_http_methods(["GET", "POST"])
def registration_manage(request: HttpRequest, token: str) -> HttpResponse:
    """The participant's page: what they signed up for, the online link once confirmed, a cancel button."""
    registration = selectors.registration_by_token_hash(token_hash=services.hash_token(token))
    if registration is None:
        raise Http404
    if request.method == "POST":
        services.registration_cancel(token=token)
        messages.success(request, _("Du er afmeldt. Vi har sendt dig en kvittering."))
        return redirect(registration.event.get_absolute_url())
    response = render(
        request, "events/registration.html", {"registration": registration, "event": registration.event}
    )
    # The URL is the participant's key: keep it out of caches and referrers.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
