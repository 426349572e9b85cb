from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(models.Model):
    """A row that counts its saves, so an edit made from an old reading can be refused.

    The services raise the number by one on every save (directory/services/versions.py); a
    form or an API client hands back the number it read (a hidden field, `If-Match`), and a
    save from an older reading is a conflict instead of silently replacing the other change.
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True
