"""Backups that restore: the whole database and the content bundle, in one file.

A backup is a tar file (``manage.py backup``) holding:

- ``manifest.json``: the format, the database engine, when it was made;
- the database, copied while the site runs (``database_copies``): SQLite's own
  file or a ``pg_dump`` custom-format dump;
- ``content.json``: the content bundle (docs/content-bundle.md), readable by
  people and importable into a database of the other engine.

``manage.py restore`` checks the whole file before it touches the live
database: a missing file, a file of another kind, a damaged database or a
backup of the other engine is refused with the reason, and nothing is
changed. After restoring it retires every cached page, since the rows changed
without the model signals that otherwise do so. The secret key is not in a
backup: it must be kept beside it (docs/operators.md).
"""

import json
import os
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from qa.interchange.database_copies import (
    CHECK,
    DUMP,
    ENGINE_NAMES,
    RESTORE,
    BackupError,
    database_file_name,
    engine,
)
from qa.interchange.dumping import dumps, export_bundle
from qa.web.cache import retire_cached_pages

FORMAT = "knowledgehub-backup"
VERSION = 1
MANIFEST = "manifest.json"
CONTENT = "content.json"
# A manifest is a few lines; anything larger is not one of ours.
MANIFEST_LIMIT = 64 * 1024

__all__ = ["BackupError", "Backup", "create_backup", "open_backup", "restore_backup"]


@dataclass
class Backup:
    """A backup file, checked and unpacked into a working directory."""

    path: Path
    engine: str
    created: str
    database: Path
    content: Path


def backup_file(target):
    """The file to write: ``target`` itself, or a new name inside it when it is a directory."""
    target = Path(target)
    if target.is_dir():
        return target / f"knowledgehub-{timezone.now():%Y%m%d-%H%M%S}.tar"
    if not target.parent.is_dir():
        raise BackupError(_("%(path)s: no such directory.") % {"path": target.parent})
    return target


def create_backup(target):
    """Write a backup of the live database and its content bundle; return the file's path.

    The file appears whole or not at all: it is written beside its final name, then renamed.
    """
    kind = engine()
    path = backup_file(target)
    manifest = {"format": FORMAT, "version": VERSION, "engine": kind, "created": timezone.now().isoformat()}
    try:
        with tempfile.TemporaryDirectory(dir=path.parent, prefix=".backup-") as work:
            work = Path(work)
            database = work / database_file_name(kind)
            DUMP[kind](database)
            (work / CONTENT).write_text(dumps(export_bundle()), encoding="utf-8")
            (work / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
            partial = work / "backup.tar"
            with tarfile.open(partial, "w") as archive:
                for member in (MANIFEST, database.name, CONTENT):
                    archive.add(work / member, arcname=member)
            os.replace(partial, path)
    except OSError as error:
        raise BackupError(
            _("%(path)s: cannot write the backup: %(error)s") % {"path": path, "error": error.strerror or error}
        ) from error
    return path


def not_a_backup(path):
    return BackupError(_("%(path)s is not a Knowledge Hub backup (a file made by manage.py backup).") % {"path": path})


def read_manifest(archive, path):
    try:
        member = archive.getmember(MANIFEST)
    except KeyError:
        raise not_a_backup(path) from None
    if not member.isfile() or member.size > MANIFEST_LIMIT:
        raise not_a_backup(path)
    try:
        manifest = json.loads(archive.extractfile(member).read().decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise not_a_backup(path) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise not_a_backup(path)
    if manifest.get("version") != VERSION:
        raise BackupError(
            _("%(path)s is a backup of format version %(version)s, which this version of the Hub cannot read.")
            % {"path": path, "version": manifest.get("version")}
        )
    return manifest


def open_backup(path, work):
    """Check the backup at ``path`` and unpack it into the directory ``work``; nothing live is touched."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("%(path)s: no such file.") % {"path": path})
    try:
        with tarfile.open(path, "r:") as archive:
            manifest = read_manifest(archive, path)
            kind = manifest.get("engine")
            if kind not in ("sqlite", "postgresql"):
                raise not_a_backup(path)
            live = engine()
            if kind != live:
                raise BackupError(
                    _(
                        "%(path)s is a backup of a %(backup)s database and this site runs on %(live)s. "
                        "To move the content, import its content.json with manage.py import_content."
                    )
                    % {"path": path, "backup": ENGINE_NAMES[kind], "live": ENGINE_NAMES[live]}
                )
            names = (database_file_name(kind), CONTENT)
            for name in names:
                try:
                    member = archive.getmember(name)
                except KeyError:
                    raise not_a_backup(path) from None
                if not member.isfile():
                    raise not_a_backup(path)
                archive.extract(member, work, filter="data")
    except (tarfile.TarError, EOFError):
        raise not_a_backup(path) from None
    except OSError as error:
        raise BackupError(f"{path}: {error.strerror or error}") from error
    backup = Backup(path, kind, str(manifest.get("created", "")), Path(work) / names[0], Path(work) / names[1])
    CHECK[kind](backup.database)
    return backup


def restore_backup(backup):
    """Replace the live database with the checked ``backup``, then retire every cached page.

    Returns whether the page cache was cleared (it may be unreachable; the restore stands).
    """
    RESTORE[backup.engine](backup.database)
    return retire_cached_pages()
