"""The subscriber's forms. The search filters themselves are validated by the site's search
form (matching.clean_filters), so the errors read as they do on the search page."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from network.newsletter.models import Issue, Subscriber

# Throwaway-address services: a digest sent there is read by nobody (or by everybody).
DISPOSABLE_DOMAINS = frozenset(
    {
        "mailinator.com",
        "guerrillamail.com",
        "10minutemail.com",
        "temp-mail.org",
        "yopmail.com",
        "trashmail.com",
        "sharklasers.com",
        "getnada.com",
        "dispostable.com",
        "maildrop.cc",
    }
)
CONSENT_TEXT = _(
    "Ja tak, send mig e-mails med nye undervisningstilbud, der passer til min søgning. "
    "Jeg kan afmelde mig med ét klik i hver e-mail."
)


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Din e-mail"),
        max_length=254,
        error_messages={
            "required": _("Skriv din e-mailadresse."),
            "invalid": _("Skriv en gyldig e-mailadresse, fx navn@skole.dk."),
        },
    )
    rhythm = forms.ChoiceField(
        label=_("Hvor ofte"),
        choices=Subscriber.Rhythm.choices,
        initial=Subscriber.Rhythm.WEEKLY,
        required=False,
    )
    wants_network_news = forms.BooleanField(
        label=_("Også netværkets nyheder og arrangementer"), required=False
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Sæt kryds, hvis du vil have e-mails fra os.")},
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email.rpartition("@")[2] in DISPOSABLE_DOMAINS:
            raise forms.ValidationError(
                _("Brug din egen e-mailadresse, ikke en engangsadresse."), code="disposable"
            )
        return email

    def clean_rhythm(self) -> str:
        return self.cleaned_data.get("rhythm") or Subscriber.Rhythm.WEEKLY


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = Subscriber
        fields = ["rhythm", "language", "wants_network_news"]
        widgets = {"rhythm": forms.RadioSelect, "language": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES


class IssueForm(forms.ModelForm):
    articles = forms.TypedMultipleChoiceField(
        label=_("Nyheder"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    events = forms.TypedMultipleChoiceField(
        label=_("Arrangementer"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Issue
        fields = ["title", "intro", "offers"]
        widgets = {"offers": forms.SelectMultiple(attrs={"size": 10})}

    def __init__(self, *args, offer_choices, article_choices, event_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offers"].queryset = offer_choices
        self.fields["articles"].choices = [(article.pk, article.title) for article in article_choices]
        self.fields["articles"].initial = self.instance.article_ids if self.instance.pk else []
        self.fields["events"].choices = [(event.pk, event.title) for event in event_choices]
        self.fields["events"].initial = self.instance.event_ids if self.instance.pk else []
