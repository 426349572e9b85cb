"""The search table: one row per (published offer, active located place).

Derived data, a cache of the published catalogue shaped for the geographic search
(directory/search/offers.py): the place's position beside the offer's search columns,
so a point search is a range scan of one narrow table instead of a join of three. Rows
are written only by ``directory.search.refresh.search_index_refresh``, which every
write path calls; deleting an offer or a place deletes its rows (CASCADE).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.querysets import BAND_DEGREES, SUBJECT_BITS, OfferPlacementQuerySet

__all__ = ["BAND_DEGREES", "SUBJECT_BITS", "OfferCard", "OfferPlacement", "OfferText", "SubjectPlacement"]

# Each row also carries its place as a point on the unit sphere (x, y, z): the squared chord
# between two such points is 4·sin²(d/2R), exactly the haversine term of their great-circle
# distance d times four, in three subtractions and three products (maps/spatial.py). A search
# computes it for every candidate row, so it is the cheapest exact distance there is.


class OfferPlacement(models.Model):
    offer = models.ForeignKey("directory.Offer", on_delete=models.CASCADE, related_name="search_rows")
    environment = models.ForeignKey(
        "directory.LearningEnvironment", on_delete=models.CASCADE, related_name="search_rows"
    )
    latitude = models.FloatField()
    longitude = models.FloatField()
    x = models.FloatField(default=0.0)
    y = models.FloatField(default=0.0)
    z = models.FloatField(default=0.0)
    # floor(latitude / BAND_DEGREES): a box becomes a few index seeks, one per band, each a
    # narrow longitude range (a range on latitude alone would read the whole width of the
    # country at those latitudes).
    band = models.IntegerField()
    # Bit (subject id % SUBJECT_BITS) of each subject the offer teaches: a test on the row itself
    # that leaves only candidates for the exact EXISTS probe of the subject links.
    subject_bits = models.BigIntegerField(default=0)
    # An outreach offer's service radius; NULL for every other row.
    reach_km = models.PositiveIntegerField(null=True)
    # sin²(reach_km / 2R): the service radius as a haversine term, the row's own limit.
    reach_term = models.FloatField(null=True)
    # Outreach offers with a service area (radius or municipalities) match by that area only,
    # never by the search radius around their base.
    area_only = models.BooleanField(default=False)
    # The offer's only row (one active located place): a count of such rows needs no DISTINCT.
    # False is always safe (the row is counted with DISTINCT), so a row that may have lost its
    # siblings keeps False until its offer's rows are rewritten.
    sole_place = models.BooleanField(default=False)
    grade_from = models.PositiveSmallIntegerField()
    grade_to = models.PositiveSmallIntegerField()
    format = models.CharField(max_length=12)
    price_dkk = models.DecimalField(max_digits=9, decimal_places=2)
    months = models.PositiveSmallIntegerField()
    # Copies of ids, no constraints: the offer and place FKs above already own the rows' lives.
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    category = models.ForeignKey(
        "directory.Category", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    municipality = models.ForeignKey(
        "maps.Municipality", on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    region = models.ForeignKey(
        "maps.Region", on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    title = models.CharField(max_length=200)

    objects = OfferPlacementQuerySet.as_manager()

    class Meta:
        verbose_name = _("søgerække")
        verbose_name_plural = _("søgetabel")
        # Covering indexes: a search reads the rows' columns from the index alone.
        indexes = [
            # The near part: one seek per latitude band, a longitude range in each (with the
            # service radius, a search wider than every one reads the outreach rows in it too).
            models.Index(
                fields=[
                    "band",
                    "longitude",
                    "latitude",
                    "grade_from",
                    "grade_to",
                    "subject_bits",
                    "area_only",
                    "sole_place",
                    "reach_term",
                    "x",
                    "y",
                    "z",
                    "offer",
                ],
                name="placement_position",
            ),
            # The outreach part: only the rows with a service radius (its term, so that the index
            # entry itself shows the condition is met).
            models.Index(
                fields=[
                    "band",
                    "longitude",
                    "latitude",
                    "reach_term",
                    "grade_from",
                    "grade_to",
                    "subject_bits",
                    "x",
                    "y",
                    "z",
                    "offer",
                ],
                name="placement_reach_position",
                condition=models.Q(reach_term__isnull=False),
            ),
            # The largest service radius in one probe.
            models.Index(
                fields=["reach_km"], name="placement_reach", condition=models.Q(reach_km__isnull=False)
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "environment"], name="placement_offer_environment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.offer_id} @ {self.environment_id}"


class SubjectPlacement(models.Model):
    """The search table again, one row per subject the offer teaches: (subject, offer, place).

    A teacher's search names a subject, which a few percent of all offers teach; with the
    subject at the head of the position index such a search reads only that subject's rows
    (biologi: 6 % of the synthetic 100,000 places) instead of testing every row in the box.
    Same columns as OfferPlacement where the point search reads them; written beside it by
    ``search_index_refresh`` (directory/search/refresh.py) from its rows.
    """

    subject = models.ForeignKey("directory.Subject", on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey("directory.Offer", on_delete=models.CASCADE, related_name="subject_search_rows")
    environment = models.ForeignKey(
        "directory.LearningEnvironment", on_delete=models.CASCADE, related_name="subject_search_rows"
    )
    latitude = models.FloatField()
    longitude = models.FloatField()
    x = models.FloatField()
    y = models.FloatField()
    z = models.FloatField()
    band = models.IntegerField()
    reach_km = models.PositiveIntegerField(null=True)
    reach_term = models.FloatField(null=True)
    area_only = models.BooleanField(default=False)
    sole_place = models.BooleanField(default=False)
    grade_from = models.PositiveSmallIntegerField()
    grade_to = models.PositiveSmallIntegerField()
    format = models.CharField(max_length=12)
    price_dkk = models.DecimalField(max_digits=9, decimal_places=2)
    months = models.PositiveSmallIntegerField()

    # The same vocabulary as OfferPlacement's rows (the columns a filter reads are here too).
    objects = OfferPlacementQuerySet.as_manager()

    class Meta:
        verbose_name = _("søgerække pr. fag")
        verbose_name_plural = _("søgetabel pr. fag")
        indexes = [
            models.Index(
                fields=[
                    "subject",
                    "band",
                    "longitude",
                    "latitude",
                    "grade_from",
                    "grade_to",
                    "area_only",
                    "sole_place",
                    "reach_term",
                    "x",
                    "y",
                    "z",
                    "offer",
                ],
                name="subject_placement_position",
            ),
            models.Index(
                fields=[
                    "subject",
                    "band",
                    "longitude",
                    "latitude",
                    "reach_term",
                    "grade_from",
                    "grade_to",
                    "x",
                    "y",
                    "z",
                    "offer",
                ],
                name="subject_placement_reach",
                condition=models.Q(reach_term__isnull=False),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "environment", "subject"], name="subject_placement_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject_id}: {self.offer_id} @ {self.environment_id}"


class OfferText(models.Model):
    """The words a search with ``q`` reads: one row per published offer, its title, summary,
    description and organisation name joined (written by ``search_index_refresh`` beside the
    search rows, also for offers without a place).

    Indexed outside the ORM (migration 0008): on PostgreSQL a GIN index on
    ``to_tsvector('danish', document)``; on SQLite an FTS5 table with the trigram tokenizer,
    ``directory_offertext_fts``, whose rowid is the offer id, when the SQLite build has FTS5.
    Without it a search reads these rows one by one, as it read the offers before.
    """

    offer = models.OneToOneField(
        "directory.Offer", on_delete=models.CASCADE, primary_key=True, related_name="search_text"
    )
    document = models.TextField()

    class Meta:
        verbose_name = _("søgetekst")
        verbose_name_plural = _("søgetekster")

    def __str__(self) -> str:
        return str(self.offer_id)


class OfferCard(models.Model):
    """A published offer's links in one row, as JSON text: ``{"subjects": [id, …], "languages":
    [code, …], "places": [id, …]}`` (written by ``search_index_refresh`` beside the search rows;
    directory/search/cards.py). The API's result pages read them with the offers
    instead of three link tables (directory/search/rows.py).
    """

    offer = models.OneToOneField(
        "directory.Offer", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    data = models.TextField()

    class Meta:
        verbose_name = _("søgekort")
        verbose_name_plural = _("søgekort")

    def __str__(self) -> str:
        return str(self.offer_id)
