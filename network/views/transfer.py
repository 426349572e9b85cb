"""Bulk import (dry run first, then the real run) and export of an organisation's listings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from directory import vocabulary
from directory.imports import export
from directory.imports.columns import COLUMNS
from directory.imports.reading import max_bytes
from directory.imports.services import listings_import
from network import municipality_export as owned_export
from network import selectors
from network.forms import ImportForm
from network.views.access import municipality_for_overseeing, organisation_for_editing

SESSION_KEY = "pending-import"


def _download(rows: list[dict], export_format: str, stem: str) -> HttpResponse:
    if export_format not in export.FORMATS:
        raise Http404
    with override("da"):  # the file's values are Danish whatever the page language
        body = export.render(rows, export_format)
    response = HttpResponse(body, content_type=export.FORMATS[export_format])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{export_format}"'
    return response


@login_required
def import_page(request, slug: str):
    """Upload → dry-run report → confirm. The file waits in the session between the two steps
    so the confirmed run imports exactly the bytes that were checked."""
    organisation = organisation_for_editing(request, slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and request.POST.get("confirm") and SESSION_KEY in request.session:
        stored = request.session.pop(SESSION_KEY)
        if stored.get("organisation") != organisation.pk:
            raise Http404
        report = listings_import(
            organisation=organisation,
            data=bytes.fromhex(stored["data"]),
            filename=stored["filename"],
            user=request.user,
            dry_run=False,
        )
        if report.written:
            messages.success(request, _("Filen er importeret."))
            return redirect("members:organisation", slug=organisation.slug)
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > max_bytes():
            form.add_error(
                "file", _("Filen er for stor (højst %(limit)d MB).") % {"limit": max_bytes() // 2**20}
            )
        else:
            data = upload.read()
            report = listings_import(
                organisation=organisation, data=data, filename=upload.name, user=request.user, dry_run=True
            )
            if report.ok:
                request.session[SESSION_KEY] = {
                    "organisation": organisation.pk,
                    "filename": upload.name,
                    "data": data.hex(),
                }
    context = {
        "organisation": organisation, "form": form, "report": report, "columns": COLUMNS,
        "accepted_words": [
            (_("Fag og temaer"), vocabulary.accepted_words("subjects")),
            (_("Klassetrin og målgrupper"), vocabulary.accepted_words("grades")),
            (_("Kategorier"), vocabulary.accepted_words("categories")),
            (_("Former"), vocabulary.accepted_words("formats")),
        ],
    }  # fmt: skip
    return render(request, "network/import.html", context, status=400 if report and not report.ok else 200)


@login_required
def import_template(request, slug: str, export_format: str):
    organisation_for_editing(request, slug)
    return _download(export.template_rows(), export_format, "skabelon")


@login_required
def organisation_export(request, slug: str, export_format: str):
    organisation = organisation_for_editing(request, slug)
    rows = export.export_rows(organisation.offers.all(), organisation.environments.all())
    return _download(rows, export_format, f"{organisation.slug}-{timezone.localdate():%Y-%m-%d}")


@login_required
def municipality_export(request, code: int, export_format: str):
    municipality = municipality_for_overseeing(request, code)
    if export_format not in export.FORMATS:
        raise Http404
    offers = selectors.offers_in_municipality(municipality)
    with override("da"):  # the file's values are Danish whatever the page language
        rows = owned_export.municipality_rows(offers, municipality.environments.all())
        body = owned_export.render(rows, export_format)
    response = HttpResponse(body, content_type=export.FORMATS[export_format])
    stem = f"{municipality.slug}-{timezone.localdate():%Y-%m-%d}"
    response["Content-Disposition"] = f'attachment; filename="{stem}.{export_format}"'
    return response
