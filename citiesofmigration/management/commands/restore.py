"""manage.py restore ARCHIVE — a backup back into a database and a media folder, then
compared with the archive's manifest (``make restore``). Refuses to overwrite a database
that holds tables, or a media folder that holds files, unless --force."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from citiesofmigration.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup archive (database and media) and compare it with its manifest."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a backups/citiesofmigration-….tar.gz file")
        parser.add_argument(
            "--database",
            help="restore into this database on the same server, created if missing "
            "(default: the configured database)",
        )
        parser.add_argument(
            "--media-root",
            default=str(settings.MEDIA_ROOT),
            help="restore the files into this folder (default: MEDIA_ROOT)",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the contents of a database or media folder that is not empty",
        )

    def handle(self, *args, archive, database, media_root, force, **options):
        if not Path(archive).is_file():
            raise CommandError(f"No such archive: {archive}")
        try:
            comparison = restore_backup(
                Path(archive), database=database, media_root=Path(media_root), force=force
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(saved for saved, _restored in comparison.tables.values())
        self.stdout.write(
            f"Restored into database {comparison.database!r} and {comparison.media_root}: "
            f"{len(comparison.tables)} tables, {rows} rows, {len(comparison.files)} files "
            "compared with the manifest."
        )
        for name, (saved, restored) in comparison.table_mismatches.items():
            self.stderr.write(f"  table {name}: {saved} rows saved, {restored} restored")
        for name in comparison.file_mismatches:
            self.stderr.write(f"  file {name}: missing or different")
        if not comparison.matches:
            raise CommandError("The restore does not match the backup (see above).")
        self.stdout.write(self.style.SUCCESS("Every table's row count and every file match."))
