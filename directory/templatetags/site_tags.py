"""Tags for base.html."""

from django import template
from django.conf import settings
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def path_in_default_language(context) -> str:
    """The current URL (query string kept) without a language prefix: '/en/?x=1' -> '/?x=1'.

    The language switch posts this as `next`. Django's set_language resolves `next`
    under the default language (the switch's own URL has no prefix), so an '/en/…'
    path would not resolve and the visitor would stay in English.
    """
    request = context.get("request")
    if request is None:
        return "/"
    return translate_url(request.get_full_path(), settings.LANGUAGE_CODE)
