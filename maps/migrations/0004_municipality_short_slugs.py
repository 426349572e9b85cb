from django.db import migrations


def resync(apps, schema_editor):
    # Slugs now follow the short name: /kommuner/koebenhavn/, not /kommuner/koebenhavns/.
    from maps.reference_data import sync_geography

    sync_geography(apps)


class Migration(migrations.Migration):
    dependencies = [("maps", "0003_geocode_cache")]
    operations = [migrations.RunPython(resync, migrations.RunPython.noop)]
