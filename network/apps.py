from importlib import import_module

from django.apps import AppConfig, apps
from django.contrib.admin.apps import SimpleAdminConfig
from django.utils.module_loading import module_has_submodule


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = "Netværk"


class AdminConfig(SimpleAdminConfig):
    """Django's admin with autodiscovery that skips django-leaflet's admin module.

    leaflet.admin imports django.contrib.gis, which needs the GDAL C library; we use
    Leaflet for plain latitude/longitude maps and must run where GDAL is absent.
    """

    def ready(self) -> None:
        super().ready()
        for app_config in apps.get_app_configs():
            if app_config.name != "leaflet" and module_has_submodule(app_config.module, "admin"):
                import_module(f"{app_config.name}.admin")
