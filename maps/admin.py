from django.contrib import admin

from maps.models import Municipality, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "slug"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region", "latitude", "longitude"]
    list_filter = ["region"]
    search_fields = ["name", "code", "slug"]
