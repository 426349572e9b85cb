"""Indexes for the search engine (directory/selectors/search.py).

The model indexes keep the columns a search tests, by id, in a dense B-tree: a search that
starts from a subject reaches each offer's status, grades and format, and each place's
position, without reading the wide rows. The many-to-many tables get the composite index
in the direction Django does not create: place → offers (a search that starts from the map)
and subject → offers (one that starts from a subject); both are then covering.
"""

from django.db import migrations, models

THROUGH_INDEXES = [
    ("offer_environments_place_offer", "directory_offer_environments", "learningenvironment_id, offer_id"),
    ("offer_subjects_subject_offer", "directory_offer_subjects", "subject_id, offer_id"),
]


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_taxonomy")]

    operations = [
        migrations.AddIndex(
            model_name="offer",
            index=models.Index(
                fields=["id", "status", "grade_from", "grade_to", "format", "service_radius_km"],
                name="offer_search_columns",
            ),
        ),
        migrations.AddIndex(
            model_name="offer",
            index=models.Index(
                fields=["status", "format", "service_radius_km"], name="offer_status_format_reach"
            ),
        ),
        migrations.AddIndex(
            model_name="learningenvironment",
            index=models.Index(
                fields=["id", "status", "latitude", "longitude"], name="environment_id_position"
            ),
        ),
        *[
            migrations.RunSQL(f"CREATE INDEX {name} ON {table} ({columns})", reverse_sql=f"DROP INDEX {name}")
            for name, table, columns in THROUGH_INDEXES
        ],
    ]
