"""/healthz for load balancers and uptime checks: the database and the cache answer.

The site serves from the database alone when the cache (Redis) is down, so a cache failure is
"degraded" and still 200: a load balancer must not take every node out because Redis is.
Only a database that does not answer is 503.
"""

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as error:  # any failure means "not healthy"; say which part and why
        checks["database"] = f"error: {error.__class__.__name__}"
    try:
        cache.set("healthz", "ok", 5)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "error: no round trip"
    except Exception as error:
        checks["cache"] = f"error: {error.__class__.__name__}"
    if checks["database"] != "ok":
        return JsonResponse({"status": "error", **checks}, status=503)
    return JsonResponse({"status": "ok" if checks["cache"] == "ok" else "degraded", **checks}, status=200)
