"""manage.py load_demo: the Danish demo network, or synthetic data at scale for benchmarks."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse
from tqdm import tqdm

from directory.demo.loader import load_demo_network
from directory.demo.synthetic import database_size, synthetic_generate
from network.demo_users import demo_logins_allowed, demo_logins_create


class Command(BaseCommand):
    help = (
        "Load the demo network of Danish learning environments (idempotent). "
        "With --scale N, replace the synthetic benchmark data with N environments instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=int, metavar="N", help="generate N synthetic environments (1–3 offers each)"
        )
        parser.add_argument("--seed", type=int, default=2024, help="random seed for --scale (default 2024)")
        parser.add_argument(
            "--with-users",
            action="store_true",
            help=(
                "also create demo logins for each role (coordinator, municipality admin, organisation "
                "admin, editor) and print them; only with DEBUG on and the embedded SQLite database"
            ),
        )

    def handle(self, *args, scale: int | None, seed: int, with_users: bool, **options) -> None:
        quiet = options["verbosity"] == 0
        if scale is not None:
            self._scale(scale, seed, quiet)
        else:
            self._demo(quiet)
        if with_users:
            self._users()

    def _progress(self, quiet: bool, unit: str):
        return lambda items: tqdm(items, unit=unit, disable=quiet, file=self.stderr._out, leave=False)

    def _demo(self, quiet: bool) -> None:
        tally = load_demo_network(progress=self._progress(quiet, " organisationer"))
        for kind, counts in tally.items():
            self.stdout.write(
                f"{kind}: {counts['created']} created, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged"
            )
        self.stdout.write(self.style.SUCCESS("Demo network loaded."))

    def _scale(self, count: int, seed: int, quiet: bool) -> None:
        if count < 1:
            raise CommandError("--scale must be a positive number of environments.")
        summary = synthetic_generate(count=count, seed=seed, progress=self._progress(quiet, " chunks"))
        if summary.chunks_resumed:
            self.stdout.write(
                f"synthetic: continued a stopped run; {summary.chunks_resumed} of {summary.chunks} chunks "
                "were already loaded"
            )
        self.stdout.write(
            f"synthetic: removed {summary.deleted_environments} old environments; created "
            f"{summary.organisations} organisations, {summary.environments} environments, "
            f"{summary.offers} offers in {summary.seconds:.1f} s; database size "
            f"{database_size() / 2**20:,.0f} MB"
        )

    def _users(self) -> None:
        if not demo_logins_allowed():
            self.stderr.write(
                "Demo logins skipped: they are created only with DEBUG on and the embedded SQLite database."
            )
            return
        logins = demo_logins_create()
        login_url = settings.SITE_URL.rstrip("/") + reverse("members:login")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (log in at {login_url}):"))
        for login in logins:
            self.stdout.write(f"  {login.email:<34} {login.password:<22} {login.description}")
