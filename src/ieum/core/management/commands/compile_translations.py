"""Compile the .po catalogs to .mo with polib, so no system gettext is needed at set-up."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile every translation catalog of the project (.po to .mo)."

    def handle(self, *args, **options):
        compiled = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in Path(locale_dir).glob("*/LC_MESSAGES/*.po"):
                catalog = polib.pofile(str(po_path))
                errors = [entry.msgid for entry in catalog if entry.msgstr and entry.fuzzy]
                if errors:
                    raise CommandError(f"{po_path} has fuzzy entries: {errors[:3]}")
                catalog.save_as_mofile(str(po_path.with_suffix(".mo")))
                compiled += 1
                self.stdout.write(
                    f"{po_path.relative_to(Path(locale_dir).parent)}: "
                    f"{catalog.percent_translated()}% translated"
                )
        if not compiled:
            raise CommandError("No translation catalog found.")
