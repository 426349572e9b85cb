from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "network.knowledge"
    label = "knowledge"
    verbose_name = _("Videnscenter: nyheder, presse og om netværket")
    default_auto_field = "django.db.models.BigAutoField"
