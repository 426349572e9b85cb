from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Katalog"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from directory.models import Category, Grade, Language, Subject
        from directory.reference import reference_changed
        from maps.models import Municipality, Region

        # The in-memory copy of the reference tables (directory/reference.py) follows their changes.
        for model in (Subject, Grade, Language, Category, Municipality, Region):
            post_save.connect(reference_changed, sender=model, dispatch_uid=f"reference-{model.__name__}")
            post_delete.connect(
                reference_changed, sender=model, dispatch_uid=f"reference-delete-{model.__name__}"
            )
