"""`ieum seed_demo`: load the demo network, companies and accounts (again: nothing new)."""

import time
import unicodedata

from auditlog.context import disable_auditlog
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError

from ieum.accounts.enums import Role
from ieum.directory.demo.loader import demo_totals, load_demo, reset_demo
from ieum.directory.demo.people import DEMO_LOGINS, DEMO_PASSWORD
from ieum.directory.models import Organization
from ieum.directory.search_index import reindex_all
from ieum.facilities.demo.loader import (
    facility_demo_totals,
    load_facility_demo,
    reset_facility_demo,
)
from ieum.linkage.demo.loader import (
    linkage_demo_totals,
    load_linkage_demo,
    reset_linkage_demo,
)
from ieum.outcomes.demo.loader import (
    load_outcomes_demo,
    outcomes_demo_totals,
    reset_outcomes_demo,
)
from ieum.partnering.demo.loader import (
    load_partnering_demo,
    partnering_demo_totals,
    reset_partnering_demo,
)
from ieum.programs.demo.loader import (
    load_programs_demo,
    programs_demo_totals,
    reset_programs_demo,
)


def shown_width(text: str) -> int:
    """Columns a text takes in a terminal: Korean and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


class Command(BaseCommand):
    help = (
        "Load demo data: the K-BioHealth clusters, hospitals, investors, demand companies, "
        "several hundred companies, one demo account per role, the clusters' facilities "
        "and equipment with six months of bookings, and the 2025 Global Open Innovation Week "
        "with its venture cafe plus the partnering events coming up, and the hospitals', "
        "clusters' and experts' services with two years of service requests, and the support "
        "programs with their calls, reviews, cohorts and support cases, and six years of the "
        "companies' outcomes with exchange rates, the built-in KPIs and an Excel import of "
        "2019. Running it again "
        "creates nothing new; --reset deletes the demo data first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo outcome records and imports, service requests and "
            "offerings, events, facilities, "
            "organizations, clusters and accounts, then load them again.",
        )

    def handle(self, *args, reset: bool = False, **options):
        started = time.monotonic()
        try:
            with transaction.atomic(), disable_auditlog():
                if reset:
                    # Outcomes, programs, requests, events and bookings first: they
                    # protect clusters, organizations, offerings, resources and accounts.
                    removed = reset_outcomes_demo()
                    removed.update(reset_programs_demo())
                    removed.update(reset_linkage_demo())
                    removed.update(reset_partnering_demo())
                    removed.update(reset_facility_demo())
                    removed.update(reset_demo())
                    self.stdout.write("Deleted: " + self.describe(removed))
                created = load_demo()
                stale = Organization.objects.filter(is_demo=True, search_text="").exists()
                indexed = reindex_all() if created or stale else 0
                created += load_facility_demo()
                created += load_partnering_demo()
                created += load_linkage_demo()
                created += load_programs_demo()
                created += load_outcomes_demo()
        except ProtectedError as error:
            raise CommandError(
                f"Demo data is still referenced by other records and was not deleted: {error}"
            ) from error
        if created:
            self.stdout.write("Created: " + self.describe(created))
        else:
            self.stdout.write("The demo data was already loaded; nothing was created.")
        if indexed:
            self.stdout.write(f"Search index rebuilt for {indexed} organizations.")
        self.stdout.write("")
        self.stdout.write("Demo data in the database:")
        totals = {
            **demo_totals(),
            **facility_demo_totals(),
            **partnering_demo_totals(),
            **linkage_demo_totals(),
            **programs_demo_totals(),
            **outcomes_demo_totals(),
        }
        for label, count in totals.items():
            self.stdout.write(f"  {label:<36} {count:>6}")
        self.write_logins()
        self.stdout.write(f"\nDone in {time.monotonic() - started:.1f} s.")

    @staticmethod
    def describe(counts) -> str:
        return ", ".join(f"{count} {label}" for label, count in sorted(counts.items())) or "nothing"

    def write_logins(self) -> None:
        organizations = dict(
            Organization.objects.filter(
                slug__in=[login.organization_slug for login in DEMO_LOGINS]
            ).values_list("slug", "name_ko")
        )
        rows = [
            (
                login.email,
                str(Role(login.role).label),
                organizations.get(login.organization_slug, login.organization_slug),
            )
            for login in DEMO_LOGINS
        ]
        headers = ("E-mail", "Role", "Organization")
        widths = [max(shown_width(row[column]) for row in [headers, *rows]) for column in range(3)]
        self.stdout.write("\nDemo logins:")
        for row in [headers, tuple("-" * width for width in widths), *rows]:
            cells = [
                value + " " * (width - shown_width(value))
                for value, width in zip(row, widths, strict=True)
            ]
            self.stdout.write(("  " + "  ".join(cells)).rstrip())
        self.stdout.write(self.style.SUCCESS(f"Password for every demo login: {DEMO_PASSWORD}"))
