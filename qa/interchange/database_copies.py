"""Copying the live database to a file and back, one way per engine.

SQLite is copied with its online backup API (``sqlite3.Connection.backup``):
one consistent snapshot taken under a read lock, so editors saving during a
backup are either wholly in it or wholly not, and readers never wait. Copying
the file instead would miss what is still in the ``-wal`` file.

PostgreSQL is copied with ``pg_dump --format=custom`` (one consistent
snapshot, while the site runs) and put back with ``pg_restore`` in a single
transaction: a restore that fails half-way leaves the database as it was.
Then the site's tables the backup lacks (made by later migrations) are dropped.
The tools are looked for in ``DJANGO_PG_BIN_DIR``, then on ``PATH``, then in
Debian's ``/usr/lib/postgresql/<version>/bin``.
"""

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

# A dump or restore of a large site takes minutes; one that hangs is stopped.
TOOL_TIMEOUT_SECONDS = 60 * 60
DEBIAN_POSTGRESQL = Path("/usr/lib/postgresql")


class BackupError(Exception):
    """A backup or restore that cannot be done, with the reason for the operator."""


def engine():
    """The live database's engine: "sqlite" or "postgresql"."""
    if connection.vendor in ("sqlite", "postgresql"):
        return connection.vendor
    raise BackupError(_("Backups support SQLite and PostgreSQL, not %(vendor)s.") % {"vendor": connection.vendor})


ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def database_file_name(kind):
    return {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}[kind]


# SQLite ------------------------------------------------------------------------


def copy_sqlite(source, destination):
    """Copy the open SQLite connection ``source`` into a new file at ``destination``."""
    target = sqlite3.connect(destination)
    try:
        source.backup(target)
    finally:
        target.close()


def check_sqlite(path):
    """Refuse a file that is not a whole SQLite database of this site."""
    try:
        copy = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise BackupError(_("The database in the backup cannot be opened: %(error)s") % {"error": error}) from error
    try:
        (result,) = copy.execute("PRAGMA integrity_check").fetchone()
        has_site = copy.execute("SELECT 1 FROM sqlite_master WHERE name = 'django_migrations'").fetchone()
    except sqlite3.DatabaseError as error:
        raise BackupError(
            _("The database in the backup is not a SQLite database: %(error)s") % {"error": error}
        ) from error
    finally:
        copy.close()
    if result != "ok":
        raise BackupError(_("The database in the backup is damaged: %(error)s") % {"error": result})
    if not has_site:
        raise BackupError(_("The database in the backup is not a Knowledge Hub database."))


def dump_sqlite(destination):
    connection.ensure_connection()
    copy_sqlite(connection.connection, destination)


def restore_sqlite(path):
    """Copy the checked file over the live database, page by page, through the same online API."""
    connection.ensure_connection()
    source = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


# PostgreSQL --------------------------------------------------------------------


def postgresql_tool(name):
    """The path of pg_dump or pg_restore, or a BackupError saying how to provide it."""
    directory = getattr(settings, "POSTGRESQL_BIN_DIR", "")
    if directory:
        candidate = Path(directory) / name
        if os.access(candidate, os.X_OK):
            return str(candidate)
        raise BackupError(
            _("%(tool)s is not in DJANGO_PG_BIN_DIR (%(directory)s).") % {"tool": name, "directory": directory}
        )
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(
        DEBIAN_POSTGRESQL.glob(f"*/bin/{name}"),
        key=lambda tool: int(tool.parent.parent.name) if tool.parent.parent.name.isdigit() else 0,
    )
    if versions:
        return str(versions[-1])
    raise BackupError(
        _(
            "%(tool)s was not found: install the PostgreSQL client tools (of the server's version or newer), "
            "or set DJANGO_PG_BIN_DIR to the directory that holds them."
        )
        % {"tool": name}
    )


def postgresql_environment():
    """The live database's connection settings as libpq's variables (the password never on a command line)."""
    database = connection.settings_dict
    variables = {
        "PGDATABASE": database["NAME"],
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
        "PGSSLMODE": database.get("OPTIONS", {}).get("sslmode", ""),
    }
    return {**os.environ, **{name: value for name, value in variables.items() if value}}


def run_tool(arguments):
    try:
        finished = subprocess.run(
            arguments, env=postgresql_environment(), capture_output=True, text=True, timeout=TOOL_TIMEOUT_SECONDS
        )
    except subprocess.TimeoutExpired as error:
        raise BackupError(_("%(tool)s did not finish in time.") % {"tool": Path(arguments[0]).name}) from error
    except OSError as error:
        raise BackupError(f"{arguments[0]}: {error.strerror or error}") from error
    if finished.returncode != 0:
        lines = finished.stderr.strip().splitlines()[-5:]
        raise BackupError(_("%(tool)s failed: %(error)s") % {"tool": Path(arguments[0]).name, "error": " ".join(lines)})
    return finished.stdout


def dump_postgresql(destination):
    run_tool(
        [postgresql_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(destination)]
    )


def check_postgresql(path):
    """pg_restore reads the dump's table of contents: a file that is no dump is refused before anything is dropped."""
    try:
        listing = run_tool([postgresql_tool("pg_restore"), "--list", str(path)])
    except BackupError as error:
        raise BackupError(
            _("The database in the backup is not a PostgreSQL dump: %(error)s") % {"error": error}
        ) from error
    if "django_migrations" not in listing:
        raise BackupError(_("The database in the backup is not a Knowledge Hub database."))


def tables_in_dump(listing):
    """The tables a dump's table of contents (``pg_restore --list``) creates."""
    return {match.group(1) for match in re.finditer(r"^\d+; \d+ \d+ TABLE \S+ (\S+)", listing, re.MULTILINE)}


def drop_tables_newer_than(listing):
    """Drop the site's tables that the backup does not have: migrations made after it created them.

    Left in place they would make the next ``migrate`` fail; their rows are younger than the
    backup, which the restore is asked to go back to. Tables that are not the site's are kept.
    """
    newer = set(connection.introspection.django_table_names(only_existing=True)) - tables_in_dump(listing)
    with connection.cursor() as cursor:
        for table in sorted(newer):
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")


def restore_postgresql(path):
    listing = run_tool([postgresql_tool("pg_restore"), "--list", str(path)])
    connection.close()
    run_tool(
        [
            postgresql_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            connection.settings_dict["NAME"],
            str(path),
        ]
    )
    drop_tables_newer_than(listing)


DUMP = {"sqlite": dump_sqlite, "postgresql": dump_postgresql}
CHECK = {"sqlite": check_sqlite, "postgresql": check_postgresql}
RESTORE = {"sqlite": restore_sqlite, "postgresql": restore_postgresql}
