"""The entry points: import a file, export an organisation (or a municipality's listings)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from directory.imports.reading import UnreadableFile, read_table
from directory.imports.runner import Report, import_table
from directory.models import Organisation

if TYPE_CHECKING:
    from network.models import User


def listings_import(
    *, organisation: Organisation, data: bytes, filename: str = "", user: User | None = None, dry_run: bool = True,
    progress=None,
) -> Report:  # fmt: skip
    """Import a CSV/XLSX file of places and offers. Writes nothing unless every row is good
    and dry_run is off; the report names each rejected row and column either way."""
    try:
        table = read_table(data, filename)
    except UnreadableFile as error:
        return Report(file_errors=error.problems, dry_run=dry_run)
    return import_table(organisation=organisation, table=table, user=user, dry_run=dry_run, progress=progress)
