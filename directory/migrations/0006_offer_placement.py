"""The search table (directory/models/search_index.py), filled from the existing catalogue.

The fill is the SQL of directory.services.search_index at the time of writing, frozen here.
"""

import django.db.models.deletion
from django.db import migrations, models

FILL = """
INSERT INTO directory_offerplacement (offer_id, environment_id, latitude, longitude, reach_km, area_only,
    grade_from, grade_to, format, price_dkk, months, organisation_id, category_id, municipality_id,
    region_id, title)
SELECT o.id, e.id, e.latitude, e.longitude,
       CASE WHEN o.format = 'udgaaende' THEN o.service_radius_km END,
       CASE WHEN o.format = 'udgaaende' AND (o.service_radius_km IS NOT NULL
            OR EXISTS (SELECT 1 FROM directory_offer_service_municipalities s WHERE s.offer_id = o.id))
            THEN 1 ELSE 0 END = 1,
       o.grade_from_id, o.grade_to_id, o.format, o.price_dkk, o.months,
       o.organisation_id, e.category_id, e.municipality_id, e.region_id, o.title
FROM directory_offer o
JOIN directory_offer_environments l ON l.offer_id = o.id
JOIN directory_learningenvironment e ON e.id = l.learningenvironment_id
WHERE o.status = 'published' AND e.status = 'active'
  AND e.latitude IS NOT NULL AND e.longitude IS NOT NULL
"""


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0005_offer_m2m_history'),
        ('maps', '0003_geocode_cache'),
    ]

    operations = [
        migrations.CreateModel(
            name='OfferPlacement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('latitude', models.FloatField()),
                ('longitude', models.FloatField()),
                ('reach_km', models.PositiveIntegerField(null=True)),
                ('area_only', models.BooleanField(default=False)),
                ('grade_from', models.PositiveSmallIntegerField()),
                ('grade_to', models.PositiveSmallIntegerField()),
                ('format', models.CharField(max_length=12)),
                ('price_dkk', models.DecimalField(decimal_places=2, max_digits=9)),
                ('months', models.PositiveSmallIntegerField()),
                ('title', models.CharField(max_length=200)),
                ('category', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='directory.category')),
                ('environment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='search_rows', to='directory.learningenvironment')),
                ('municipality', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='maps.municipality')),
                ('offer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='search_rows', to='directory.offer')),
                ('organisation', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='directory.organisation')),
                ('region', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='maps.region')),
            ],
            options={
                'verbose_name': 'søgerække',
                'verbose_name_plural': 'søgetabel',
                'indexes': [models.Index(fields=['latitude', 'longitude', 'grade_from', 'grade_to', 'area_only', 'offer'], name='placement_position'), models.Index(condition=models.Q(('reach_km__isnull', False)), fields=['latitude', 'longitude', 'reach_km', 'offer'], name='placement_reach_position'), models.Index(condition=models.Q(('reach_km__isnull', False)), fields=['reach_km'], name='placement_reach')],
                'constraints': [models.UniqueConstraint(fields=('offer', 'environment'), name='placement_offer_environment_unique')],
            },
        ),
        migrations.RunSQL(FILL, reverse_sql=migrations.RunSQL.noop),
    ]
