"""What every public endpoint shares: anonymous reads, caching headers, one error shape."""

from __future__ import annotations

from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_cache_control
from django.utils.decorators import decorator_from_middleware, method_decorator
from rest_framework import permissions

from directory.api.negotiation import SharedFormatNegotiation
from directory.api.pagination import DirectoryPagination
from directory.api.permissions import IsOrganisationEditorOrReadOnly

PUBLIC_MAX_AGE_SECONDS = 300


def validated(form_class, request, **extra) -> dict:
    """cleaned_data of the search form for the query string, or a 400 naming each parameter."""
    from rest_framework.exceptions import ValidationError

    form = form_class(request.query_params, **extra)
    if not form.is_valid():
        raise ValidationError({"errors": form.error_dict()})
    return form.cleaned_data


class PublicReadMixin:
    """ETag (and 304 on If-None-Match) on every answer; anonymous reads may be cached for
    a few minutes by browsers and proxies; CORS for /api/ is set in settings."""

    permission_classes = [IsOrganisationEditorOrReadOnly]
    pagination_class = DirectoryPagination
    content_negotiation_class = SharedFormatNegotiation
    filter_backends: list = []

    @method_decorator(decorator_from_middleware(ConditionalGetMiddleware))
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if (
            request.method in permissions.SAFE_METHODS
            and response.status_code == 200
            and not request.user.is_authenticated
        ):
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE_SECONDS)
        return response
