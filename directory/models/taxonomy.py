"""The directory's vocabulary: subjects, the grade scale, categories, languages.

Rows are reference data loaded by data migrations; slugs are stable identifiers
used in URLs and the API, so they never change once published.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BilingualNameMixin(models.Model):
    name = models.CharField(_("navn"), max_length=120)
    name_en = models.CharField(_("navn (engelsk)"), max_length=120, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the active language, Danish when no English name exists."""
        if (get_language() or "da").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class Subject(BilingualNameMixin):
    class Kind(models.TextChoices):
        SCHOOL_SUBJECT = "fag", _("Fag i folkeskolen")
        DAYCARE_THEME = "laereplanstema", _("Læreplanstema (dagtilbud)")
        CROSS_CUTTING = "tema", _("Tværgående tema")
        UPPER_SECONDARY = "ungdomsuddannelse", _("Fag på ungdomsuddannelser")

    slug = models.SlugField(unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, db_index=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("fag eller tema")
        verbose_name_plural = _("fag og temaer")


class Grade(BilingualNameMixin):
    """A step on the ordered scale from nursery to upper secondary.

    The primary key *is* the position on the scale, so an offer's grade range is two
    integers that the database can compare (see Offer's grade_range_ordered constraint).
    """

    class Stage(models.TextChoices):
        DAYCARE = "dagtilbud", _("Dagtilbud")
        PRIMARY = "indskoling", _("Indskoling (0.–3. klasse)")
        MIDDLE = "mellemtrin", _("Mellemtrin (4.–6. klasse)")
        LOWER_SECONDARY = "udskoling", _("Udskoling (7.–10. klasse)")
        UPPER_SECONDARY = "ungdomsuddannelse", _("Ungdomsuddannelse")

    level = models.PositiveSmallIntegerField(_("trin"), primary_key=True)
    slug = models.SlugField(unique=True)
    stage = models.CharField(_("skoleniveau"), max_length=20, choices=Stage.choices)

    class Meta:
        ordering = ["level"]
        verbose_name = _("klassetrin")
        verbose_name_plural = _("klassetrin")


class Category(BilingualNameMixin):
    slug = models.SlugField(unique=True)
    # schema.org type for JSON-LD on the environment's page (Museum, Zoo, Library, …).
    schema_type = models.CharField(max_length=40, default="Place")
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("kategori")
        verbose_name_plural = _("kategorier")


class Language(BilingualNameMixin):
    code = models.CharField(_("sprogkode"), max_length=8, primary_key=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("sprog")
        verbose_name_plural = _("sprog")
