from django.conf import settings


def site(request):
    """Site name and public URL for every template (titles, Open Graph, footers)."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL}
