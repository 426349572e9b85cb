"""Admin for the network's coordinators: search, filters, and inlines under each organisation."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from directory.models import Category, Grade, Language, LearningEnvironment, Offer, Organisation, Subject
from directory.search.refresh import search_index_refresh
from directory.services import environments as environment_services
from maps.geocoding import AddressNotFound, geocode, in_denmark

LOCATION_FIELDS = {"latitude", "longitude", "coordinates_locked"}
SERVICE_EXTRA_FIELDS = ("slug", "status", "description", "accessibility", "facilities", "transport_notes")


class EnvironmentLocationForm(forms.ModelForm):
    """Checks, before saving, what the environment services would refuse (an address outside
    Denmark, a pin in Sweden), so the message appears next to the field, not as an error page.
    The geocoding result lands in the cache, so the service's own lookup costs nothing."""

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if {"latitude", "longitude"} & set(self.changed_data) and (latitude is None) != (longitude is None):
            self.add_error("latitude", _("Angiv både bredde- og længdegrad, eller ingen af dem."))
        elif latitude is not None and {"latitude", "longitude"} & set(self.changed_data):
            if not in_denmark(latitude, longitude):
                self.add_error("latitude", _("Punktet ligger uden for Danmark."))
        elif self._address_needs_geocoding(cleaned):
            line = ", ".join(
                part
                for part in (
                    cleaned.get("street_address", ""),
                    f"{cleaned.get('postcode', '')} {cleaned.get('city', '')}",
                )
                if part.strip()
            )
            try:
                geocode(line)
            except AddressNotFound as error:
                self.add_error("street_address", str(error))
        return cleaned

    def _address_needs_geocoding(self, cleaned) -> bool:
        if self.instance.pk is None:
            return cleaned.get("latitude") is None
        address_changed = bool({"street_address", "postcode", "city"} & set(self.changed_data))
        return address_changed and not self.instance.coordinates_locked


class EnvironmentInline(admin.TabularInline):
    model = LearningEnvironment
    form = EnvironmentLocationForm
    fields = ["name", "slug", "category", "street_address", "postcode", "city", "status"]
    prepopulated_fields = {"slug": ["name"]}
    extra = 0
    show_change_link = True


class OfferInline(admin.TabularInline):
    model = Offer
    fields = ["title", "slug", "format", "grade_from", "grade_to", "price_dkk", "status"]
    prepopulated_fields = {"slug": ["title"]}
    extra = 0
    show_change_link = True


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "municipality", "is_network_member", "updated_at"]
    list_filter = ["kind", "is_network_member", "municipality__region", "municipality"]
    search_fields = ["name", "description", "email", "website"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["municipality"]
    inlines = [EnvironmentInline, OfferInline]

    def save_related(self, request, form, formsets, change):
        """Offers edited inline are saved directly: rewrite the organisation's search rows."""
        super().save_related(request, form, formsets, change)
        organisation = form.instance
        search_index_refresh(
            offer_ids=organisation.offers.values_list("pk", flat=True),
            environment_ids=organisation.environments.values_list("pk", flat=True),
        )

    def save_formset(self, request, form, formset, change):
        """Places added or edited inline go through the environment services (geocoding, history)."""
        if formset.model is not LearningEnvironment:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for environment in formset.deleted_objects:
            environment.delete()
        for inline_form in formset.forms:
            if inline_form in formset.deleted_forms or not inline_form.has_changed():
                continue
            data = inline_form.cleaned_data
            if inline_form.instance.pk is None:
                inline_form.instance = environment_services.environment_create(
                    organisation=form.instance,
                    name=data["name"],
                    category=data["category"],
                    street_address=data.get("street_address", ""),
                    postcode=data.get("postcode", ""),
                    city=data.get("city", ""),
                    user=request.user,
                    **{name: data[name] for name in ("slug", "status") if data.get(name)},
                )
            else:
                stored = LearningEnvironment.objects.get(pk=inline_form.instance.pk)
                changes = {name: data[name] for name in inline_form.changed_data if name in data}
                environment_services.environment_update(environment=stored, user=request.user, **changes)
        formset.save_m2m()


@admin.register(LearningEnvironment)
class LearningEnvironmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "category", "municipality", "coordinate_precision", "status"]
    list_filter = [
        "status",
        "category",
        "region",
        "municipality",
        "coordinate_precision",
        "coordinates_locked",
    ]
    search_fields = ["name", "organisation__name", "street_address", "postcode", "city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation", "category", "municipality"]
    form = EnvironmentLocationForm
    # Derived by the environment services from the address or the pin, never typed.
    readonly_fields = ["coordinate_source", "coordinate_precision", "municipality", "region"]
    fieldsets = [
        (None, {"fields": ["organisation", "name", "slug", "category", "status", "description"]}),
        (_("Adresse"), {"fields": ["street_address", "postcode", "city"]}),
        (
            _("Placering"),
            {
                "fields": [
                    "latitude",
                    "longitude",
                    "coordinates_locked",
                    "coordinate_source",
                    "coordinate_precision",
                    "municipality",
                    "region",
                ]
            },
        ),
        (_("Praktisk"), {"fields": ["accessibility", "facilities", "transport_notes", "external_id"]}),
    ]

    def save_model(self, request, obj, form, change):
        """Through the environment services: a typed coordinate is a manual pin; an edited address
        is geocoded again unless the pin is locked; unticking "locked" relocates to the address."""
        data, changed = form.cleaned_data, set(form.changed_data)
        pin_typed = bool({"latitude", "longitude"} & changed) and data.get("latitude") is not None
        if not change:
            pin = {"latitude": data["latitude"], "longitude": data["longitude"]} if pin_typed else {}
            extra = {name: data[name] for name in SERVICE_EXTRA_FIELDS if data.get(name)}
            saved = environment_services.environment_create(
                organisation=data["organisation"],
                name=data["name"],
                category=data["category"],
                street_address=data.get("street_address", ""),
                postcode=data.get("postcode", ""),
                city=data.get("city", ""),
                external_id=data.get("external_id", ""),
                user=request.user,
                **pin,
                **extra,
            )
        else:
            stored = LearningEnvironment.objects.get(pk=obj.pk)
            changes = {name: data[name] for name in changed - LOCATION_FIELDS if name in data}
            unlocked = "coordinates_locked" in changed and not data["coordinates_locked"]
            cleared = {"latitude", "longitude"} & changed and data.get("latitude") is None
            saved = environment_services.environment_update(
                environment=stored, user=request.user, relocate=bool(unlocked or cleared), **changes
            )
            locked_now = (
                "coordinates_locked" in changed and data["coordinates_locked"] and saved.has_coordinates
            )
            if pin_typed or locked_now:
                latitude = data["latitude"] if pin_typed else saved.latitude
                longitude = data["longitude"] if pin_typed else saved.longitude
                saved = environment_services.environment_set_pin(
                    environment=saved, latitude=latitude, longitude=longitude, user=request.user
                )
        for field in LearningEnvironment._meta.concrete_fields:
            setattr(obj, field.attname, getattr(saved, field.attname))
        obj._state.adding = False


@admin.register(Offer)
class OfferAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation", "format", "grade_from", "grade_to", "price_dkk", "status"]
    list_filter = [
        "status",
        "format",
        "subjects",
        "grade_from",
        "grade_to",
        "environments__category",
        "environments__municipality__region",
        "environments__municipality",
    ]
    search_fields = ["title", "summary", "description", "organisation__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisation", "environments", "service_municipalities"]
    filter_horizontal = ["subjects", "languages"]
    list_select_related = ["organisation", "grade_from", "grade_to"]

    def save_related(self, request, form, formsets, change):
        """The admin saves offers directly (fields, then links): rewrite the offer's search rows."""
        super().save_related(request, form, formsets, change)
        search_index_refresh(offer_ids=[form.instance.pk])


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "kind", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en", "slug"]


@admin.register(Grade)
class GradeAdmin(admin.ModelAdmin):
    list_display = ["level", "name", "slug", "stage"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "schema_type"]
    search_fields = ["name", "slug"]


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en"]
