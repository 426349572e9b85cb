"""A municipality's overview for the admins of its school service: every listing, and the gaps."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from network import selectors
from network.views.access import municipality_for_overseeing


@login_required
def coverage(request, code: int):
    municipality = municipality_for_overseeing(request, code)
    coverage = selectors.municipality_coverage(municipality)
    context = {
        "municipality": municipality,
        "offers": selectors.offers_in_municipality(municipality),
        "coverage": coverage,
        # Each cell with its grade, so it can link to the search for that subject and grade.
        "coverage_cells": [
            (subject, list(zip(coverage.grades, counts, strict=True))) for subject, counts in coverage.rows
        ],
    }
    return render(request, "network/municipality.html", context)
