"""A municipality's overview for the admins of its school service: every listing, and the gaps."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from network import selectors
from network.views.access import municipality_for_overseeing


@login_required
def coverage(request, code: int):
    municipality = municipality_for_overseeing(request, code)
    context = {
        "municipality": municipality,
        "offers": selectors.offers_in_municipality(municipality),
        "coverage": selectors.municipality_coverage(municipality),
    }
    return render(request, "network/municipality.html", context)
