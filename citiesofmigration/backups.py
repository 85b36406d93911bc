"""Backups: the database and the media folder together, in one archive, and back.

An archive ``citiesofmigration-YYYYmmdd-HHMMSS.tar.gz`` holds

- ``db.dump``: ``pg_dump --format=custom`` of the whole database;
- ``media/``: every uploaded file (E-Library documents, post images);
- ``manifest.json``: the row count of every table and the SHA-256 of every file, so a
  restore can prove it brought back what was saved.

The row counts come from the same snapshot as the dump (``pg_export_snapshot``), so they
match it even while the portal is in use. The PostgreSQL client tools are the embedded
wheel's (its server's own version) when the database is the embedded one, otherwise
those on ``PATH`` (they must be as new as the server).

``manage.py backup`` and ``manage.py restore`` (``make backup`` / ``make restore``) call
:func:`create_backup` and :func:`restore_backup`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection
from django.utils import timezone
from psycopg import sql

ARCHIVE_PREFIX = "citiesofmigration-"
MANIFEST_VERSION = 1


class BackupError(RuntimeError):
    """The backup or restore could not be done; the message says why and what to do."""


# -- PostgreSQL client tools -------------------------------------------------------------


def pg_tool(name: str) -> str:
    """Path of a PostgreSQL client program (pg_dump, pg_restore)."""
    if not os.environ.get("DATABASE_URL"):
        from citiesofmigration.embedded_db import _server_module

        return str(_server_module().postgres_server.POSTGRES_BIN_PATH / name)
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} was not found on PATH. Install the PostgreSQL client tools of the "
            "server's major version (e.g. apt-get install postgresql-client-17)."
        )
    return found


# libpq's environment variable for each connection parameter the project may set.
LIBPQ_VARIABLES = {
    "host": "PGHOST",
    "port": "PGPORT",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "dbname": "PGDATABASE",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
}


def libpq_environment(database: str | None = None) -> dict:
    """Environment for the client tools: the project's connection (Django's own
    parameters, so a socket directory given as ``?host=`` counts too), optionally to
    another database on the same server. The password travels in the environment, never
    in argv."""
    params = connection.get_connection_params()
    if database:
        params["dbname"] = database
    env = dict(os.environ)
    for name, variable in LIBPQ_VARIABLES.items():
        if params.get(name) not in (None, ""):
            env[variable] = str(params[name])
    return env


def _run(arguments: list[str], *, database: str | None = None, **kwargs):
    result = subprocess.run(  # noqa: S603 - fixed programs, arguments built here
        arguments,
        env=libpq_environment(database),
        capture_output=True,
        text=True,
        check=False,
        **kwargs,
    )
    if result.returncode != 0:
        program = Path(arguments[0]).name
        raise BackupError(f"{program} failed ({result.returncode}):\n{result.stderr.strip()}")
    return result


def _connect(database: str | None = None):
    """A separate psycopg connection (never Django's, whose transaction state is its own)."""
    params = connection.get_connection_params()
    if database:
        params["dbname"] = database
    raw = connection.get_new_connection(params)
    raw.autocommit = True
    return raw


# -- what a backup holds -----------------------------------------------------------------


def row_counts(cursor) -> dict[str, int]:
    """Rows per table of the public schema, in the cursor's snapshot."""
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier("public", table)))
        counts[table] = cursor.fetchone()[0]
    return counts


def file_checksums(root: Path) -> dict[str, str]:
    """SHA-256 of every file under ``root``, by path relative to it."""
    root = Path(root)
    checksums = {}
    if not root.is_dir():
        return checksums
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            digest = hashlib.sha256()
            with path.open("rb") as file:
                for block in iter(lambda: file.read(1 << 20), b""):
                    digest.update(block)
            checksums[path.relative_to(root).as_posix()] = digest.hexdigest()
    return checksums


def database_counts(database: str | None = None) -> dict[str, int]:
    raw = _connect(database)
    try:
        with raw.cursor() as cursor:
            return row_counts(cursor)
    finally:
        raw.close()


# -- backup ------------------------------------------------------------------------------


def create_backup(*, directory: Path, media_root: Path, now=None) -> tuple[Path, dict]:
    """Write one archive into ``directory``; returns its path and its manifest."""
    now = now or timezone.now()
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    archive = directory / f"{ARCHIVE_PREFIX}{now:%Y%m%d-%H%M%S}.tar.gz"
    if archive.exists():
        raise BackupError(f"{archive} already exists; wait a second and run it again.")
    with tempfile.TemporaryDirectory(prefix="com-backup-") as work:
        dump = Path(work) / "db.dump"
        raw = _connect()
        try:
            raw.autocommit = False
            with raw.cursor() as cursor:
                # The dump and the counts read the same snapshot, held by this transaction.
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                _run(
                    [
                        pg_tool("pg_dump"),
                        "--format=custom",
                        "--no-owner",
                        "--no-privileges",
                        f"--snapshot={snapshot}",
                        f"--file={dump}",
                    ]
                )
                tables = row_counts(cursor)
            raw.rollback()
        finally:
            raw.close()
        manifest = {
            "version": MANIFEST_VERSION,
            "created_at": now.isoformat(),
            "database": connection.settings_dict["NAME"],
            "tables": tables,
            "files": file_checksums(media_root),
        }
        (Path(work) / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
        # Written under a temporary name, then renamed: a half-written archive (disk full,
        # interrupted) never looks like a finished backup.
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(Path(work) / "manifest.json", arcname="manifest.json")
            tar.add(dump, arcname="db.dump")
            if Path(media_root).is_dir():
                tar.add(media_root, arcname="media")
        partial.rename(archive)
    return archive, manifest


# -- restore -----------------------------------------------------------------------------


@dataclass
class Comparison:
    """The restored database and files against the archive's manifest."""

    database: str
    media_root: Path
    tables: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    files: dict[str, tuple[str, str | None]] = field(default_factory=dict)

    @property
    def table_mismatches(self):
        return {name: pair for name, pair in self.tables.items() if pair[0] != pair[1]}

    @property
    def file_mismatches(self):
        return {name: pair for name, pair in self.files.items() if pair[0] != pair[1]}

    @property
    def matches(self) -> bool:
        return not self.table_mismatches and not self.file_mismatches


def _database_exists(name: str) -> bool:
    raw = _connect()
    try:
        with raw.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            return cursor.fetchone() is not None
    finally:
        raw.close()


def _create_database(name: str) -> None:
    raw = _connect()
    try:
        with raw.cursor() as cursor:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        raw.close()


def _extract(archive: Path, into: Path) -> None:
    with tarfile.open(archive, "r:gz") as tar:
        names = tar.getnames()
        if "db.dump" not in names or "manifest.json" not in names:
            raise BackupError(f"{archive} is not a portal backup (no db.dump or manifest.json).")
        # The "data" filter refuses absolute paths, links out of the folder and devices.
        tar.extractall(into, filter="data")


def restore_backup(
    archive: Path, *, database: str | None = None, media_root: Path, force: bool = False
) -> Comparison:
    """Restore ``archive`` into ``database`` (created if missing; the configured one by
    default) and ``media_root``, then compare both with the manifest.

    A database that already holds tables, or a media folder that already holds files, is
    refused unless ``force``: a restore must not overwrite live data by mistake."""
    archive = Path(archive)
    media_root = Path(media_root)
    database = database or connection.settings_dict["NAME"]
    exists = _database_exists(database)
    if not force:
        if exists and database_counts(database):
            raise BackupError(
                f"The database {database!r} is not empty. Restore into a new database "
                "(--database NAME) or pass --force to replace its contents."
            )
        if media_root.is_dir() and any(media_root.iterdir()):
            raise BackupError(
                f"The media folder {media_root} is not empty. Restore into a new folder "
                "(--media-root PATH) or pass --force to write over it."
            )
    with tempfile.TemporaryDirectory(prefix="com-restore-") as work:
        work = Path(work)
        _extract(archive, work)
        manifest = json.loads((work / "manifest.json").read_text())
        if not exists:
            _create_database(database)
        arguments = [pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error"]
        if force:
            arguments += ["--clean", "--if-exists"]
        _run([*arguments, f"--dbname={database}", str(work / "db.dump")], database=database)
        if (work / "media").is_dir():
            shutil.copytree(work / "media", media_root, dirs_exist_ok=True)
        else:
            media_root.mkdir(parents=True, exist_ok=True)
    return compare(manifest, database=database, media_root=media_root)


def compare(manifest: dict, *, database: str, media_root: Path) -> Comparison:
    restored_tables = database_counts(database)
    restored_files = file_checksums(media_root)
    comparison = Comparison(database=database, media_root=media_root)
    for name, count in manifest["tables"].items():
        comparison.tables[name] = (count, restored_tables.get(name))
    for name, checksum in manifest["files"].items():
        comparison.files[name] = (checksum, restored_files.get(name))
    return comparison
