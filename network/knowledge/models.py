"""News, press contacts and the pages about the network, all edited by coordinators in the admin.

Body text is Markdown, rendered and sanitised on the way out (network/knowledge/markdown.py);
the stored text is what the coordinator typed.
"""

from __future__ import annotations

from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from directory.models.base import TimeStampedModel
from network.knowledge.validators import validate_pdf


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None) -> ArticleQuerySet:
        return self.filter(is_published=True, published_at__lte=now or timezone.now())


class Article(TimeStampedModel):
    class Kind(models.TextChoices):
        NEWS = "news", _("Nyhed")
        PRESS = "press", _("Pressemeddelelse")

    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.NEWS)
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    lead = models.TextField(_("manchet"), max_length=600, blank=True)
    body = models.TextField(_("brødtekst (Markdown)"), blank=True)
    image = models.ImageField(_("billede"), upload_to="news/", blank=True)
    image_alt = models.CharField(
        _("billedets alternative tekst"), max_length=300, blank=True, help_text=_("Hvad billedet viser.")
    )
    author = models.CharField(_("forfatter"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("udgivet"), default=timezone.now, db_index=True)
    is_published = models.BooleanField(_("offentliggjort"), default=False)
    tags = models.CharField(_("emneord"), max_length=300, blank=True, help_text=_("Adskilt med komma."))
    related_offers = models.ManyToManyField(
        "directory.Offer", verbose_name=_("relaterede tilbud"), blank=True, related_name="+"
    )
    related_events = models.ManyToManyField(
        "events.Event", verbose_name=_("relaterede arrangementer"), blank=True, related_name="+"
    )
    related_organisations = models.ManyToManyField(
        "directory.Organisation", verbose_name=_("relaterede organisationer"), blank=True, related_name="+"
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("nyhed")
        verbose_name_plural = _("nyheder")
        constraints = [
            # An image without a description shuts out readers of screen readers.
            models.CheckConstraint(condition=Q(image="") | ~Q(image_alt=""), name="article_image_has_alt"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:article", args=[self.slug])

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


class PressContact(models.Model):
    name = models.CharField(_("navn"), max_length=200)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("pressekontakt")
        verbose_name_plural = _("pressekontakter")

    def __str__(self) -> str:
        return self.name


class PressMaterial(models.Model):
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("fil"), upload_to="press/")
    description = models.CharField(_("beskrivelse"), max_length=300, blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("pressemateriale")
        verbose_name_plural = _("pressemateriale")

    def __str__(self) -> str:
        return self.title


class Page(TimeStampedModel):
    """An about page (knowledge centre, board, statutes …) or a footer page (privacy, accessibility)."""

    class Section(models.TextChoices):
        ABOUT = "about", _("Om netværket")
        FOOTER = "footer", _("Sidefod")

    slug = models.SlugField(max_length=100, unique=True)
    section = models.CharField(_("afsnit"), max_length=10, choices=Section.choices, default=Section.ABOUT)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("tekst (Markdown)"), blank=True)
    title_en = models.CharField(_("titel på engelsk"), max_length=200, blank=True)
    body_en = models.TextField(_("tekst på engelsk (Markdown)"), blank=True)
    is_published = models.BooleanField(_("offentliggjort"), default=True)

    class Meta:
        ordering = ["section", "order", "title"]
        verbose_name = _("side")
        verbose_name_plural = _("sider")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:page", args=[self.slug])

    def _english(self) -> bool:
        return (get_language() or "da").startswith("en") and bool(self.body_en.strip())

    @property
    def localised_title(self) -> str:
        return self.title_en if self._english() and self.title_en else self.title

    @property
    def localised_body(self) -> str:
        return self.body_en if self._english() else self.body

    @property
    def localised_language(self) -> str:
        return "en" if self._english() else "da"


class AnnualReport(models.Model):
    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    title = models.CharField(_("titel"), max_length=200)
    pdf = models.FileField(
        _("PDF"),
        upload_to="annual-reports/",
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("årsrapport")
        verbose_name_plural = _("årsrapporter")

    def __str__(self) -> str:
        return self.title


class Partnership(models.Model):
    """A partner institution: an organisation in the directory, shown on the partnerships map."""

    organisation = models.OneToOneField(
        "directory.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    description = models.TextField(_("om partnerskabet"), blank=True)
    since = models.PositiveSmallIntegerField(_("partner siden (år)"), null=True, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("partnerskab")
        verbose_name_plural = _("partnerskaber")

    def __str__(self) -> str:
        return str(self.organisation)
