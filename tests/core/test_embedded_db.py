"""The embedded database fails with a message a person can act on."""

import pytest

from citiesofmigration import embedded_db


def test_a_damaged_data_directory_gives_an_actionable_error(tmp_path, monkeypatch):
    data = tmp_path / ".data"
    pgdata = data / "postgres"
    pgdata.mkdir(parents=True)
    (pgdata / "something-else.txt").write_text("not a database")
    monkeypatch.setattr(embedded_db, "DATA_DIR", data)
    monkeypatch.setattr(embedded_db, "PGDATA", pgdata)
    with pytest.raises(embedded_db.EmbeddedDatabaseError) as error:
        embedded_db.database_url()
    assert "not a PostgreSQL data directory" in str(error.value)
    assert f"rm -rf {data}" in str(error.value)


def test_the_command_line_prints_the_error_without_a_traceback(tmp_path, monkeypatch, capsys):
    pgdata = tmp_path / ".data" / "postgres"
    pgdata.mkdir(parents=True)
    (pgdata / "junk").write_text("x")
    monkeypatch.setattr(embedded_db, "DATA_DIR", pgdata.parent)
    monkeypatch.setattr(embedded_db, "PGDATA", pgdata)
    assert embedded_db.main(["embedded_db", "start"]) == 1
    assert capsys.readouterr().err.startswith("error: ")
    assert embedded_db.main(["embedded_db", "bogus"]) == 2
