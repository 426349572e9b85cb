"""Import a CSV/XLSX file of places and offers for one organisation, like the member page does."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from directory.imports.catalogue import catalogue_import
from directory.imports.reading import max_bytes
from directory.imports.services import listings_import
from directory.models import Organisation


class Command(BaseCommand):
    help = (
        "Import places and offers for an organisation from a CSV or XLSX file (the columns of the "
        "member pages' template). All rows or none; repeatable (rows are keyed by sted_id/tilbud_id). "
        "Use --dry-run to see what would happen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "organisation",
            help="The organisation's slug, or '-' for a coordinator's file whose 'organisation' column names "
            "each row's organisation (unknown ones are created, their offers as drafts).",
        )
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check and report, write nothing.")

    def handle(self, *args, organisation: str, file: Path, dry_run: bool, **options):
        file = Path(file)
        target = Organisation.objects.filter(slug=organisation).first()
        if target is None and organisation != "-":
            raise CommandError(f"No organisation with slug {organisation!r}.")
        if not file.is_file():
            raise CommandError(f"{file} is not a file.")
        if file.stat().st_size > max_bytes():
            raise CommandError(f"{file} is larger than {max_bytes() // 2**20} MB.")
        with tqdm(desc="Rækker", unit="række", disable=options["verbosity"] == 0) as bar:
            arguments = {
                "data": file.read_bytes(),
                "filename": file.name,
                "dry_run": dry_run,
                "progress": bar.update,
            }
            if target is None:
                report = catalogue_import(**arguments)
            else:
                report = listings_import(organisation=target, **arguments)
        for line, column, message in report.readings():
            self.stdout.write(f"linje {line}, kolonne {column}: {message}")
        for line, column, message in report.warnings():
            self.stdout.write(self.style.WARNING(f"linje {line}, kolonne {column}: kladde – {message}"))
        for line, column, message in report.problems():
            self.stderr.write(f"linje {line or '-'}, kolonne {column or '-'}: {message}")
        summary = ", ".join(
            f"{report.count(action)} {action}"
            for action in ("create", "update", "propose", "unchanged", "reject")
        )
        if not report.ok:
            raise CommandError(f"Nothing imported: {len(report.problems())} problem(s). ({summary})")
        verb = "Would import" if dry_run else "Imported"
        into = target.name if target else "the organisations it names"
        self.stdout.write(self.style.SUCCESS(f"{verb} {file.name} into {into}: {summary}."))
