"""Page-number pagination with the total count; a page past the end is a 400 naming 'page'."""

from __future__ import annotations

from django.core.paginator import InvalidPage
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


def parameter_error(parameter: str, message: str) -> ValidationError:
    """The API's one error shape: 400 {"errors": {"<parameter>": ["<message>"]}}."""
    return ValidationError({"errors": {parameter: [message]}})


class DirectoryPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        """DRF's version, with the page checked first and a 400 (not a 404) for a page too far."""
        self.request = request
        page_size = self._checked_page_size(request)
        page_text = request.query_params.get(self.page_query_param) or "1"
        if not page_text.isdigit() or int(page_text) < 1:
            raise parameter_error(self.page_query_param, _("Siden skal være et helt tal fra 1."))
        paginator = self.django_paginator_class(queryset, page_size)
        try:
            self.page = paginator.page(int(page_text))
        except InvalidPage as error:
            message = _("Siden findes ikke: der er %(pages)d side(r).") % {"pages": paginator.num_pages}
            raise parameter_error(self.page_query_param, message) from error
        return list(self.page)

    def _checked_page_size(self, request) -> int:
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        if not value.isdigit() or not 1 <= int(value) <= self.max_page_size:
            message = _("Sidestørrelsen skal være et helt tal fra 1 til %(max)d.") % {
                "max": self.max_page_size
            }
            raise parameter_error(self.page_size_query_param, message)
        return int(value)
