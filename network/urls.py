from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from directory.sitemaps import SITEMAPS
from network.health import healthz
from network.knowledge.sitemaps import KNOWLEDGE_SITEMAPS

urlpatterns = [
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
    ),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS | KNOWLEDGE_SITEMAPS}, name="sitemap"),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include(("network.events.api_urls", "api-events"))),
    path("api/", include("directory.api.urls")),
    path("admin/", admin.site.urls),
]
# Pages: Danish at /, English at /en/ (the language switch sets the prefix).
urlpatterns += i18n_patterns(
    path("medlem/nyhedsbrev/", include("network.newsletter.urls_editor")),
    path("medlem/arrangementer/", include("network.events.urls_members")),
    path("medlem/", include("network.urls_members")),
    path("nyhedsbrev/", include("network.newsletter.urls")),
    path("arrangementer/", include("network.events.urls")),
    path("", include("network.knowledge.urls")),
    path("kort/", include("maps.urls")),
    path("", include("directory.urls")),
    prefix_default_language=False,
)
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
