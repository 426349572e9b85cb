from django.db import connection, models
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

    def save(self, *args, **kwargs):
        # Counted here, like updated_at's auto_now, so every write path counts (services,
        # admin, importer, commands), and from the stored row, not from this object's reading
        # (which may be older). Inside a transaction the row is locked until it commits.
        if not self._state.adding and self.pk is not None:
            rows = type(self)._base_manager.filter(pk=self.pk)
            if connection.in_atomic_block:
                rows = rows.select_for_update()
            stored = rows.values_list("version", flat=True).first()
            self.version = 1 if stored is None else stored + 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None and "version" not in update_fields:
                kwargs["update_fields"] = [*update_fields, "version"]
        super().save(*args, **kwargs)
