"""Forms for the member pages. They validate input; services do the writing."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from directory.models import LearningEnvironment, Offer, Organisation
from directory.models.offers import MONTH_NAMES, mask_to_months, months_to_mask
from directory.services.offers import EDITABLE_FIELDS
from directory.services.organisations import PROFILE_FIELDS
from network.models import Membership


class VersionedFormMixin:
    """A hidden `version`: the row's version this form was filled from (directory/services/versions.py).

    Not required, so a form posted without it (a tab opened before it existed) saves as before.
    """

    def add_version_field(self) -> None:
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
        if self.instance.pk is not None:
            self.initial.setdefault("version", self.instance.version)

    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")


class LoginForm(AuthenticationForm):
    """Django's login form with an e-mail input (the field keeps the name axes watches)."""

    username = forms.EmailField(label=_("E-mail"), widget=forms.EmailInput(attrs={"autofocus": True}))


OFFER_HELP_TEXTS = {
    "service_radius_km": _(
        "Kun for udgående tilbud: hvor langt I kører ud til skoler, målt fra jeres steder (1–500 km). "
        "Tomt: kun de kommuner, I vælger."
    ),
    "external_id": _(
        "Jeres eget id for tilbuddet i jeres system (fx 'FORLOEB-12'). Bruges til at genkende "
        "tilbuddet ved import; kan stå tomt."
    ),
}


class OfferForm(VersionedFormMixin, forms.ModelForm):
    months = forms.TypedMultipleChoiceField(
        label=_("Måneder"),
        choices=[(number, name) for number, name in enumerate(MONTH_NAMES, start=1)],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Vælg mindst én måned.")},
    )

    class Meta:
        model = Offer
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "subjects": forms.CheckboxSelectMultiple,
            "environments": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
            "learning_goals": forms.Textarea(attrs={"rows": 4}),
            "requirements": forms.Textarea(attrs={"rows": 3}),
            "price_kind": forms.RadioSelect,
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["price_kind"].required = False  # a form without it keeps the offer's kind
        self.fields["environments"].queryset = organisation.environments.active()
        # The model stores a bit mask; the checkboxes need the month numbers. A new offer starts
        # with none ticked: twelve pre-ticked boxes were left as they stood.
        self.initial["months"] = mask_to_months(self.instance.months) if self.instance.pk else []
        for name, help_text in OFFER_HELP_TEXTS.items():
            if name in self.fields:
                self.fields[name].help_text = help_text
        self.fields["subjects"].error_messages["required"] = _("Vælg mindst ét fag eller tema.")
        self.add_version_field()

    def clean_months(self) -> int:
        return months_to_mask(self.cleaned_data["months"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("format") == Offer.Format.ON_SITE and "environments" in self.fields:
            if not cleaned.get("environments") and "environments" not in self.errors:
                self.add_error(
                    "environments",
                    _(
                        "Et besøg på stedet skal knyttes til mindst ét sted. Opret stedet først, eller vælg en anden form."
                    ),
                )
        return cleaned

    def clean_price_kind(self) -> str:
        return self.cleaned_data.get("price_kind") or self.instance.price_kind or Offer.PriceKind.AMOUNT

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS if name in self.cleaned_data}


class EnvironmentForm(VersionedFormMixin, forms.ModelForm):
    """A place. Latitude/longitude are hidden inputs the pin map fills in when the pin is moved."""

    class Meta:
        model = LearningEnvironment
        fields = [
            "name",
            "category",
            "description",
            "street_address",
            "postcode",
            "city",
            "latitude",
            "longitude",
            "accessibility",
            "facilities",
            "transport_notes",
            "external_id",
        ]
        widgets = {
            "latitude": forms.HiddenInput,
            "longitude": forms.HiddenInput,
            "description": forms.Textarea(attrs={"rows": 5}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "facilities": forms.Textarea(attrs={"rows": 3}),
            "transport_notes": forms.Textarea(attrs={"rows": 3}),
        }

    relocate = forms.BooleanField(
        label=_("Flyt nålen til den nye adresse"),
        required=False,
        help_text=_("Nålen er sat i hånden. Sæt hak, hvis en ændret adresse skal flytte den."),
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        if not self.instance.coordinates_locked:
            del self.fields["relocate"]
        self.add_version_field()

    def clean_postcode(self) -> str:
        postcode = (self.cleaned_data.get("postcode") or "").strip()
        if postcode and not (len(postcode) == 4 and postcode.isdigit()):
            raise forms.ValidationError(_("Et dansk postnummer har fire cifre."))
        return postcode

    def pin_moved(self) -> bool:
        """True when the map pin was dragged: the hidden coordinates differ from the stored ones."""
        latitude, longitude = self.cleaned_data.get("latitude"), self.cleaned_data.get("longitude")
        if latitude is None or longitude is None:
            return False
        return "latitude" in self.changed_data or "longitude" in self.changed_data

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None):
            raise forms.ValidationError(_("Angiv både bredde- og længdegrad, eller ingen af dem."))
        return cleaned

    def address_fields(self) -> dict:
        names = [name for name in self.Meta.fields if name not in {"latitude", "longitude"}]
        return {name: self.cleaned_data[name] for name in names}


class OrganisationProfileForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = list(PROFILE_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field()


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(
        label=_("Rolle"), choices=Membership.Role.choices, initial=Membership.Role.EDITOR
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rolle"), choices=Membership.Role.choices)


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(label=_("Fornavn"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Efternavn"), max_length=150, required=False)
    password1 = forms.CharField(
        label=_("Adgangskode"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Gentag adgangskode"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("De to adgangskoder er ikke ens."))
        return cleaned


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Begrundelse til udbyderen"), widget=forms.Textarea(attrs={"rows": 3}))


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fil (CSV eller XLSX)"),
        help_text=_("Højst 5 MB. Brug skabelonen; danske og engelske kolonnenavne virker begge."),
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)
