"""Admin for the network's coordinators: search, filters, and inlines under each organisation."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from directory.models import Category, Grade, Language, LearningEnvironment, Offer, Organisation, Subject


class EnvironmentInline(admin.TabularInline):
    model = LearningEnvironment
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
    autocomplete_fields = ["organisation", "municipality"]
    list_select_related = ["organisation", "category", "municipality"]
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
