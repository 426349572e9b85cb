"""The search table (directory/models/search_index.py), filled from the existing catalogue.

The fill is the SQL of directory.services.search_index at the time of writing, frozen here;
``manage.py rebuild_search_index`` rebuilds it with the current code.
"""

import django.db.models.deletion
from django.db import migrations, models

FILL = """
INSERT INTO directory_offerplacement (offer_id, environment_id, latitude, longitude, band, subject_bits,
    reach_km, area_only, grade_from, grade_to, format, price_dkk, months, organisation_id, category_id,
    municipality_id, region_id, title)
SELECT o.id, e.id, e.latitude, e.longitude, {band},
       COALESCE((SELECT {bits} FROM directory_offer_subjects s WHERE s.offer_id = o.id), 0),
       CASE WHEN o.format = 'udgaaende' THEN o.service_radius_km END,
       CASE WHEN o.format = 'udgaaende' AND (o.service_radius_km IS NOT NULL
            OR EXISTS (SELECT 1 FROM directory_offer_service_municipalities m WHERE m.offer_id = o.id))
            THEN 1 ELSE 0 END = 1,
       o.grade_from_id, o.grade_to_id, o.format, o.price_dkk, o.months,
       o.organisation_id, e.category_id, e.municipality_id, e.region_id, o.title
FROM directory_offer o
JOIN directory_offer_environments l ON l.offer_id = o.id
JOIN directory_learningenvironment e ON e.id = l.learningenvironment_id
WHERE o.status = 'published' AND e.status = 'active'
  AND e.latitude IS NOT NULL AND e.longitude IS NOT NULL
"""


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        band = "CAST(FLOOR(e.latitude / 0.1) AS INTEGER)"
        bits = "BIT_OR(CAST(1 AS BIGINT) << CAST(MOD(s.subject_id, 62) AS INTEGER))"
    else:
        band = "CAST(e.latitude / 0.1 + 10000 AS INTEGER) - 10000"
        bits = "SUM(DISTINCT 1 << (s.subject_id - s.subject_id / 62 * 62))"
    schema_editor.execute(FILL.format(band=band, bits=bits))


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0005_offer_m2m_history"),
        ("maps", "0003_geocode_cache"),
    ]

    operations = [
        migrations.CreateModel(
            name="OfferPlacement",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("latitude", models.FloatField()),
                ("longitude", models.FloatField()),
                ("band", models.IntegerField()),
                ("subject_bits", models.BigIntegerField(default=0)),
                ("reach_km", models.PositiveIntegerField(null=True)),
                ("area_only", models.BooleanField(default=False)),
                ("grade_from", models.PositiveSmallIntegerField()),
                ("grade_to", models.PositiveSmallIntegerField()),
                ("format", models.CharField(max_length=12)),
                ("price_dkk", models.DecimalField(decimal_places=2, max_digits=9)),
                ("months", models.PositiveSmallIntegerField()),
                ("title", models.CharField(max_length=200)),
                (
                    "category",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="directory.category",
                    ),
                ),
                (
                    "environment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_rows",
                        to="directory.learningenvironment",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="maps.municipality",
                    ),
                ),
                (
                    "offer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_rows",
                        to="directory.offer",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="directory.organisation",
                    ),
                ),
                (
                    "region",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="maps.region",
                    ),
                ),
            ],
            options={
                "verbose_name": "søgerække",
                "verbose_name_plural": "søgetabel",
                "indexes": [
                    models.Index(
                        fields=[
                            "band",
                            "longitude",
                            "latitude",
                            "grade_from",
                            "grade_to",
                            "subject_bits",
                            "area_only",
                            "offer",
                        ],
                        name="placement_position",
                    ),
                    models.Index(
                        condition=models.Q(("reach_km__isnull", False)),
                        fields=[
                            "band",
                            "longitude",
                            "latitude",
                            "reach_km",
                            "grade_from",
                            "grade_to",
                            "subject_bits",
                            "offer",
                        ],
                        name="placement_reach_position",
                    ),
                    models.Index(
                        condition=models.Q(("reach_km__isnull", False)),
                        fields=["reach_km"],
                        name="placement_reach",
                    ),
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("offer", "environment"), name="placement_offer_environment_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
