"""What every public endpoint shares: anonymous reads, caching headers, one error shape."""

from __future__ import annotations

import difflib

from django.middleware.http import ConditionalGetMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.decorators import decorator_from_middleware, method_decorator
from django.utils.translation import gettext as _
from rest_framework import permissions

from directory.api.negotiation import SharedFormatNegotiation
from directory.api.pagination import DirectoryPagination
from directory.api.permissions import IsOrganisationEditorOrReadOnly

PUBLIC_MAX_AGE_SECONDS = 300


# Parameters every list reads beside the search form's: paging and the output format.
LIST_PARAMETERS = ("page_size", "format")


def validated(form_class, request, *, also: tuple[str, ...] = LIST_PARAMETERS) -> dict:
    """cleaned_data of the search form for the query string, or a 400 naming each parameter:
    a wrong value, or a name the API does not know (with the nearest known one). ``also``:
    the endpoint's parameters beside the form's."""
    from rest_framework.exceptions import ValidationError

    form = form_class(request.query_params)
    errors = unknown_parameters(request.query_params, [*form.base_fields, *also])
    if not form.is_valid():
        errors.update(form.error_dict())
    if errors:
        raise ValidationError({"errors": errors})
    return form.cleaned_data


def unknown_parameters(query, known: list[str]) -> dict[str, list[str]]:
    """{"subjet": ["Ukendt parameter. Mente du 'subject'?"]} for each name not in ``known``."""
    errors = {}
    for name in query:
        if name in known:
            continue
        close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
        if close:
            message = _("Ukendt parameter. Mente du '%(name)s'?") % {"name": close[0]}
        else:
            message = _("Ukendt parameter. Kendte parametre: %(names)s.") % {"names": ", ".join(known)}
        errors[name] = [message]
    return errors


class PublicReadMixin:
    """ETag (and 304 on If-None-Match) on every answer; anonymous reads may be cached for
    a few minutes by browsers and proxies; CORS for /api/ is set in settings."""

    permission_classes = [IsOrganisationEditorOrReadOnly]
    pagination_class = DirectoryPagination
    content_negotiation_class = SharedFormatNegotiation
    filter_backends: list = []

    @method_decorator(decorator_from_middleware(ConditionalGetMiddleware))
    def dispatch(self, request, *args, **kwargs):
        # The API has no language prefix, so the locale middleware answers in Danish: here the
        # client's Accept-Language (or the site's language cookie) chooses, as on the pages.
        language = translation.get_language_from_request(request)
        with translation.override(language):
            response = super().dispatch(request, *args, **kwargs)
        response.headers["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if (
            request.method in permissions.SAFE_METHODS
            and response.status_code == 200
            and not request.user.is_authenticated
        ):
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE_SECONDS)
        return response
