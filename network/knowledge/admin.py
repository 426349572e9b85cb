"""Coordinators edit news, press and the about pages here: no developer needed."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from network.knowledge.models import AnnualReport, Article, Page, Partnership, PressContact, PressMaterial


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "published_at", "is_published", "author"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title", "lead", "body", "tags"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    autocomplete_fields = ["related_offers", "related_events", "related_organisations"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "lead", "body", "author", "tags"]}),
        (_("Billede"), {"fields": ["image", "image_alt"]}),
        (_("Udgivelse"), {"fields": ["published_at", "is_published"]}),
        (_("Relateret"), {"fields": ["related_offers", "related_events", "related_organisations"]}),
    ]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "section", "order", "is_published", "updated_at"]
    list_filter = ["section", "is_published"]
    search_fields = ["title", "body", "title_en", "body_en"]
    fieldsets = [
        (None, {"fields": ["section", "slug", "order", "is_published"]}),
        (_("Dansk"), {"fields": ["title", "body"]}),
        (_("English"), {"fields": ["title_en", "body_en"]}),
    ]


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ["year", "title"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["organisation", "since", "is_active"]
    autocomplete_fields = ["organisation"]


admin.site.register(PressContact)
admin.site.register(PressMaterial)
