"""manage.py backup — the database and the media folder in one timestamped archive
(``make backup``). See citiesofmigration.backups and the README's "Backups"."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from citiesofmigration.backups import BackupError, create_backup


class Command(BaseCommand):
    help = "Write backups/citiesofmigration-YYYYmmdd-HHMMSS.tar.gz: database dump, media, manifest."

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            default=str(settings.BASE_DIR / "backups"),
            help="where to write the archive (default: backups/ in the checkout)",
        )
        parser.add_argument(
            "--media-root",
            default=str(settings.MEDIA_ROOT),
            help="the media folder to include (default: MEDIA_ROOT)",
        )

    def handle(self, *args, directory, media_root, **options):
        try:
            archive, manifest = create_backup(
                directory=Path(directory), media_root=Path(media_root)
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written: {archive} ({len(manifest['tables'])} tables, {rows} rows, "
                f"{len(manifest['files'])} media files, {archive.stat().st_size} bytes)"
            )
        )
