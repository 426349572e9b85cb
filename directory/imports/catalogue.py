"""A coordinator's file with many providers: an `organisation` column says whose each row is.

The rows are grouped by organisation and each group is imported as the organisation's own
file would be (directory.imports.runner), all inside one transaction: every problem of every
group is reported, and nothing is written unless every group is good and the run is confirmed.
An organisation the directory does not know (by slug or by name, compared as the vocabulary
compares words) is created; its offers arrive as drafts, for the coordinator to look over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from directory.imports.reading import Table, UnreadableFile, read_table
from directory.imports.runner import Action, Entry, Report, import_table
from directory.models import Organisation
from directory.services.offers import unique_slug
from directory.vocabulary import normalise

if TYPE_CHECKING:
    from network.models import User


def catalogue_import(
    *, data: bytes, filename: str = "", user: User | None = None, dry_run: bool = True, progress=None
) -> Report:
    """Import a file whose rows name their organisation; all rows of all organisations or none."""
    try:
        table = read_table(data, filename)
    except UnreadableFile as error:
        return Report(file_errors=error.problems, dry_run=dry_run)
    groups: dict[str, Table] = {}
    for line, row in table.rows:
        groups.setdefault(row.get("organisation", "").strip(), Table(columns=table.columns)).rows.append(
            (line, row)
        )
    report = Report(dry_run=dry_run)
    known = {normalise(organisation.name): organisation for organisation in Organisation.objects.all()}
    with transaction.atomic():
        for name, part in groups.items():
            first_line = part.rows[0][0]
            if not name:
                message = _("Skriv organisationens navn i kolonnen organisation.")
                report.entries += [
                    Entry(
                        line,
                        "organisation",
                        "",
                        row.get("titel", ""),
                        Action.REJECT,
                        {"organisation": message},
                    )
                    for line, row in part.rows
                ]
                continue
            organisation = Organisation.objects.filter(slug=name).first() or known.get(normalise(name))
            created = organisation is None
            if created:
                organisation = Organisation.objects.create(
                    name=name[:200], slug=unique_slug(Organisation, name)
                )
                known[normalise(name)] = organisation
                report.entries.append(
                    Entry(first_line, "organisation", organisation.slug, name, Action.CREATE)
                )
            part_report = import_table(
                organisation=organisation,
                table=part,
                user=user,
                dry_run=False,
                progress=progress,
                draft=created,
            )
            report.entries += part_report.entries
            report.file_errors += part_report.file_errors
        report.entries.sort(key=lambda entry: entry.line)
        if dry_run or not report.ok:
            transaction.set_rollback(True)
        else:
            report.written = True
    return report
