"""An operator's backup, restored: `manage.py backup` archives the database and the media
folder together; `manage.py restore` brings both back into a NEW database (on the same
server) and a new folder, and every table's row count and every file's checksum match
the source's, counted independently of the archive's own manifest."""

import json
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql

from citiesofmigration.backups import _connect, database_counts, file_checksums
from tests.factories import (
    GoodIdeaFactory,
    PostCommentFactory,
    PostFactory,
    RegistrationFactory,
    ResourceFactory,
    SubscriberFactory,
    pdf_upload,
)

pytestmark = pytest.mark.django_db(transaction=True)


def drop_database(name):
    raw = _connect()
    try:
        with raw.cursor() as cursor:
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
    finally:
        raw.close()


@pytest.fixture
def restored_database():
    name = f"{connection.settings_dict['NAME']}_restored"
    drop_database(name)
    yield name
    drop_database(name)


@pytest.fixture
def content(themes, settings):
    """Content in every app, with uploaded files (a PDF per resource, a post image)."""
    GoodIdeaFactory.create_batch(3)
    for number in range(2):
        ResourceFactory(document=pdf_upload(f"Report {number}", name=f"report-{number}.pdf"))
    PostCommentFactory.create_batch(2, post=PostFactory())
    SubscriberFactory.create_batch(2)
    RegistrationFactory.create_batch(3)
    Path(settings.MEDIA_ROOT, "conversations").mkdir(parents=True, exist_ok=True)
    Path(settings.MEDIA_ROOT, "conversations", "post.png").write_bytes(b"\x89PNG synthetic")
    Path(settings.MEDIA_ROOT, "notes", "deep").mkdir(parents=True)
    Path(settings.MEDIA_ROOT, "notes", "deep", "é ü.txt").write_text("unicode name")


def test_a_backup_restored_into_a_new_database_matches_the_source(
    content, settings, tmp_path, restored_database, capsys
):
    source_counts = database_counts()
    source_files = file_checksums(settings.MEDIA_ROOT)
    assert source_counts["elibrary_resource"] == 2 and len(source_files) >= 4

    call_command("backup", directory=str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("citiesofmigration-*.tar.gz")
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        manifest = json.load(tar.extractfile("manifest.json"))
    assert {"db.dump", "manifest.json", "media"} <= names
    assert manifest["tables"] == source_counts and manifest["files"] == source_files

    new_media = tmp_path / "restored-media"
    call_command("restore", str(archive), database=restored_database, media_root=str(new_media))

    restored_counts = database_counts(restored_database)
    restored_files = file_checksums(new_media)
    differing_tables = [t for t in source_counts if source_counts[t] != restored_counts.get(t)]
    differing_files = [f for f in source_files if source_files[f] != restored_files.get(f)]
    with capsys.disabled():
        print(
            f"\nbackup {archive.name}: {len(source_counts)} tables, "
            f"{sum(source_counts.values())} rows, {len(source_files)} files; restored into "
            f"{restored_database}: {len(restored_counts)} tables, "
            f"{sum(restored_counts.values())} rows, {len(restored_files)} files; "
            f"tables differing: {len(differing_tables)}, files differing: {len(differing_files)}"
        )
        for table in ["goodideas_goodidea", "elibrary_resource", "blog_comment"]:
            print(f"  {table}: {source_counts[table]} rows -> {restored_counts[table]}")
    assert restored_counts == source_counts
    assert restored_files == source_files
    assert sum(restored_counts.values()) > 50


def test_restore_refuses_a_database_that_is_not_empty(content, settings, tmp_path):
    call_command("backup", directory=str(tmp_path))
    (archive,) = tmp_path.glob("citiesofmigration-*.tar.gz")
    before = database_counts()
    with pytest.raises(CommandError, match="is not empty"):
        # The configured (test) database holds tables: refused without --force.
        call_command("restore", str(archive), media_root=str(tmp_path / "elsewhere"))
    assert database_counts() == before


def test_restore_refuses_a_media_folder_that_is_not_empty(
    content, settings, tmp_path, restored_database
):
    call_command("backup", directory=str(tmp_path))
    (archive,) = tmp_path.glob("citiesofmigration-*.tar.gz")
    with pytest.raises(CommandError, match="media folder"):
        call_command(
            "restore",
            str(archive),
            database=restored_database,
            media_root=str(settings.MEDIA_ROOT),
        )


def test_restore_refuses_a_file_that_is_no_backup(db, tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz") as tar:
        (tmp_path / "x.txt").write_text("x")
        tar.add(tmp_path / "x.txt", arcname="x.txt")
    with pytest.raises(CommandError, match="not a portal backup"):
        call_command(
            "restore", str(bogus), database="unused_never_created", media_root=str(tmp_path / "m")
        )


def test_force_restores_over_a_database_that_holds_data(
    content, settings, tmp_path, restored_database
):
    call_command("backup", directory=str(tmp_path))
    (archive,) = tmp_path.glob("citiesofmigration-*.tar.gz")
    media = tmp_path / "restored-media"
    call_command("restore", str(archive), database=restored_database, media_root=str(media))
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(archive), database=restored_database, media_root=str(media))
    call_command(
        "restore", str(archive), database=restored_database, media_root=str(media), force=True
    )
    assert database_counts(restored_database) == database_counts()
