from django.db import migrations


def load(apps, schema_editor):
    from maps.reference_data import sync_geography

    sync_geography(apps)


class Migration(migrations.Migration):
    dependencies = [("maps", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
