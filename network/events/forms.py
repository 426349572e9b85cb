"""Forms: the public registration form, the list filters, and the organiser's event form."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import LearningEnvironment, Organisation
from maps.geocoding import AddressNotFound, search_point
from maps.models import Region
from network.events.models import Event
from network.events.selectors import EventFilters

MONTH_FORMAT = "%Y-%m"


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    email = forms.CharField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    organisation_name = forms.CharField(label=_("Arbejdssted"), max_length=200, required=False)
    role = forms.CharField(label=_("Stilling/rolle"), max_length=200, required=False)
    needs = forms.CharField(
        label=_("Kost- eller tilgængelighedsbehov"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_("Jeg giver samtykke til, at arrangøren gemmer mine oplysninger til brug for arrangementet."),
        error_messages={"required": _("Du skal give samtykke for at blive tilmeldt.")},
    )
    join_waiting_list = forms.BooleanField(
        label=_("Skriv mig på ventelisten, hvis der er fuldt"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"


class EventFilterForm(forms.Form):
    """The list page's query string. Bad values become form errors shown next to the control."""

    when = forms.ChoiceField(
        label=_("Hvornår"),
        choices=[("upcoming", _("Kommende")), ("past", _("Afholdte"))],
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Type"), choices=[("", _("Alle typer")), *Event.Kind.choices], required=False
    )
    region = forms.TypedChoiceField(label=_("Region"), coerce=int, required=False, empty_value=None)
    month = forms.CharField(
        label=_("Måned"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-09"}),
    )
    near = forms.CharField(label=_("Nær (postnummer eller by)"), max_length=300, required=False)
    radius = forms.IntegerField(label=_("Afstand (km)"), min_value=1, max_value=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = [(region.code, region.name) for region in Region.objects.order_by("code")]
        self.fields["region"].choices = [("", _("Hele landet")), *regions]

    def clean_month(self):
        text = self.cleaned_data["month"].strip()
        if not text:
            return None
        try:
            year, month = (int(part) for part in text.split("-"))
            return date(year, month, 1)
        except ValueError:
            raise forms.ValidationError(_("Skriv måneden som ÅÅÅÅ-MM, fx 2026-09.")) from None

    def clean_near(self):
        text = self.cleaned_data["near"].strip()
        if not text:
            return None
        try:
            point = search_point(text)
        except AddressNotFound as error:
            raise forms.ValidationError(str(error)) from None
        return (point.latitude, point.longitude)

    def filters(self) -> EventFilters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        month = data.get("month")
        return EventFilters(
            when=data.get("when") or "upcoming",
            kind=data.get("kind") or "",
            region=data.get("region"),
            year=month.year if month else None,
            month=month.month if month else None,
            near=data.get("near"),
            radius_km=float(data.get("radius") or 50),
        )


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "summary",
            "description",
            "audience",
            "starts_at",
            "ends_at",
            "venue",
            "is_online",
            "online_url",
            "price_dkk",
            "capacity",
            "registration_deadline",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "registration_deadline": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organiser = organisation
        # Any active place in the directory can host the event, the organiser's own listed first.
        self.fields["venue"].queryset = LearningEnvironment.objects.active().order_by("name")
        self.fields["venue"].help_text = _("Tom, hvis arrangementet kun er online.")
        for name in ("starts_at", "ends_at", "registration_deadline"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Slutningen skal ligge efter starten."))
        deadline = data.get("registration_deadline")
        if deadline and starts and deadline > starts:
            self.add_error("registration_deadline", _("Tilmeldingsfristen skal ligge før starten."))
        if not data.get("venue") and not data.get("is_online"):
            self.add_error("venue", _("Vælg et sted, eller markér arrangementet som online."))
        if data.get("is_online") and not data.get("online_url"):
            self.add_error("online_url", _("Et online-arrangement skal have et link."))
        return data

    def event_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
