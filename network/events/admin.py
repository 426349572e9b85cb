from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from network.events import services
from network.events.models import Event, Registration


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["name", "email", "organisation_name", "role", "needs", "status", "created_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # registrations go through the service (seats, waiting list, e-mail)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "organiser", "status", "capacity"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["venue", "organiser"]
    date_hierarchy = "starts_at"
    inlines = [RegistrationInline]
    actions = ["cancel_events"]

    @admin.action(description=_("Aflys de valgte arrangementer og giv de tilmeldte besked"))
    def cancel_events(self, request, queryset):
        told = sum(services.event_cancel(event=event) for event in queryset)
        self.message_user(
            request, _("%(count)d tilmeldte har fået besked.") % {"count": told}, messages.SUCCESS
        )


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "event", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "email", "event__title"]
    readonly_fields = ["event", "status", "token_hash", "created_at", "promoted_at", "cancelled_at"]
