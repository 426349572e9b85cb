from django.db import migrations


def load(apps, schema_editor):
    from directory.reference_data import sync_taxonomy

    sync_taxonomy(apps)


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
