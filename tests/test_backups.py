"""``manage.py backup`` and ``restore``: the restore drill on the database the suite runs on (SQLite, or
PostgreSQL with DATABASE_URL=postgres://… as in CI), SQLite's copy taken while a writer commits, and bad input
refused with the reason before anything live is touched."""

import io
import json
import sqlite3
import tarfile
import threading
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from qa.interchange import database_copies
from qa.interchange.backups import CONTENT, MANIFEST
from qa.interchange.database_copies import BackupError, copy_sqlite, database_file_name, engine, postgresql_tool
from qa.interchange.schema import FORMAT as BUNDLE_FORMAT
from qa.models import Question, SeededRecord
from qa.web.cache import content_generation
from tests.factories import QuestionFactory, SeriesFactory


@pytest.fixture
def site(transactional_db):
    """Two published questions, committed as on a served site (whose pages are cached)."""
    series = SeriesFactory()
    return {
        "kept": QuestionFactory(series=series, number=1, title_en="Title as backed up"),
        "deleted": QuestionFactory(series=series, number=2, title_en="Deleted after the backup"),
    }


def backup(target):
    out = io.StringIO()
    call_command("backup", str(target), stdout=out)
    return out.getvalue()


def restore(path):
    out = io.StringIO()
    call_command("restore", str(path), "--no-input", stdout=out)
    return out.getvalue()


def only_file(directory):
    (path,) = directory.glob("knowledgehub-*.tar")
    return path


def test_restore_drill(site, client, tmp_path):
    kept, deleted = site["kept"], site["deleted"]
    url = kept.url_for("en")
    assert "Title as backed up" in client.get(url).content.decode()

    said = backup(tmp_path)
    path = only_file(tmp_path)
    assert str(path) in said
    assert "secret key" in said

    kept.title_en = "Changed after the backup"
    kept.save()
    deleted_url = deleted.url_for("en")
    deleted.delete()
    # The changed page is what the cache now holds.
    assert "Changed after the backup" in client.get(url).content.decode()
    assert client.get(deleted_url).status_code == 404
    generation = content_generation()

    said = restore(path)
    assert "Cleared the page cache" in said
    assert "secret key" in said

    assert Question.objects.get(pk=kept.pk).title_en == "Title as backed up"
    assert Question.objects.filter(title_en="Deleted after the backup").exists()
    assert content_generation() != generation
    page = client.get(url).content.decode()
    assert "Title as backed up" in page
    assert "Changed after the backup" not in page
    assert client.get(deleted_url).status_code == 200


def test_a_restore_with_the_cache_unreachable_stands_and_says_to_clear_it_later(site, tmp_path):
    backup(tmp_path)
    site["kept"].title_en = "Changed after the backup"
    site["kept"].save()
    out, err = io.StringIO(), io.StringIO()
    with mock.patch("qa.web.cache.cache.set", side_effect=ConnectionError("cache down")):
        call_command("restore", str(only_file(tmp_path)), "--no-input", stdout=out, stderr=err)
    assert Question.objects.get(pk=site["kept"].pk).title_en == "Title as backed up"
    assert "Cleared the page cache" not in out.getvalue()
    assert "manage.py clear_page_cache" in err.getvalue()


def test_a_table_newer_than_the_backup_is_gone_so_that_migrate_can_make_it_again(site, tmp_path):
    """As after restoring a backup made before a migration that added a table."""
    table = SeededRecord._meta.db_table
    with connection.schema_editor() as editor:
        editor.delete_model(SeededRecord)
    backup(tmp_path)
    with connection.schema_editor() as editor:
        editor.create_model(SeededRecord)
    restore(only_file(tmp_path))
    assert table not in connection.introspection.table_names()
    assert Question.objects.count() == 2
    with connection.schema_editor() as editor:
        editor.create_model(SeededRecord)


def test_a_backup_holds_the_database_and_the_content_bundle(site, tmp_path):
    path = tmp_path / "nightly.tar"
    backup(path)
    with tarfile.open(path) as archive:
        assert sorted(archive.getnames()) == sorted([MANIFEST, database_file_name(engine()), CONTENT])
        manifest = json.load(archive.extractfile(MANIFEST))
        bundle = json.load(archive.extractfile(CONTENT))
    assert manifest["format"] == "knowledgehub-backup"
    assert manifest["engine"] == engine()
    assert bundle["format"] == BUNDLE_FORMAT
    assert "Title as backed up" in json.dumps(bundle)
    assert [item.name for item in tmp_path.iterdir()] == ["nightly.tar"]


def test_backup_into_a_missing_directory_is_refused(site, tmp_path):
    with pytest.raises(CommandError, match="no such directory"):
        backup(tmp_path / "missing" / "backup.tar")


def test_the_sqlite_copy_is_consistent_while_a_writer_commits(tmp_path):
    """Each transaction writes two rows: a copy with an odd count would hold half a transaction."""
    live = tmp_path / "live.sqlite3"
    setup = sqlite3.connect(live)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE pairs (id INTEGER PRIMARY KEY, payload TEXT)")
    setup.commit()
    setup.close()
    stop = threading.Event()

    def write():
        writer = sqlite3.connect(live, timeout=20)
        while not stop.is_set():
            with writer:
                writer.execute("INSERT INTO pairs (payload) VALUES (?)", ("x" * 500,))
                writer.execute("INSERT INTO pairs (payload) VALUES (?)", ("y" * 500,))
        writer.close()

    thread = threading.Thread(target=write)
    thread.start()
    counts = []
    try:
        source = sqlite3.connect(live, timeout=20)
        for number in range(20):
            copy = tmp_path / f"copy-{number}.sqlite3"
            copy_sqlite(source, copy)
            check = sqlite3.connect(copy)
            assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            counts.append(check.execute("SELECT count(*) FROM pairs").fetchone()[0])
            check.close()
        source.close()
    finally:
        stop.set()
        thread.join(timeout=30)
    assert all(count % 2 == 0 for count in counts)
    assert counts[-1] > counts[0], "the writer committed while the copies were taken"


# Bad input: the reason, and nothing changed --------------------------------------


def write_tar(path, members):
    with tarfile.open(path, "w") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def manifest(kind):
    return json.dumps({"format": "knowledgehub-backup", "version": 1, "engine": kind, "created": "x"}).encode()


def other_engine():
    return "postgresql" if engine() == "sqlite" else "sqlite"


BAD_FILES = {
    "missing": (lambda directory: directory / "missing.tar", "no such file"),
    "text": (
        lambda directory: (directory / "notes.tar").write_text("not an archive") and directory / "notes.tar",
        "is not a Knowledge Hub backup",
    ),
    "bundle": (
        lambda directory: (
            (directory / "content.json").write_text('{"format": "knowledgehub-bundle"}') and directory / "content.json"
        ),
        "is not a Knowledge Hub backup",
    ),
    "tar without manifest": (
        lambda directory: write_tar(directory / "other.tar", {"readme.txt": b"hello"}),
        "is not a Knowledge Hub backup",
    ),
    "newer format": (
        lambda directory: write_tar(
            directory / "newer.tar", {MANIFEST: json.dumps({"format": "knowledgehub-backup", "version": 9}).encode()}
        ),
        "format version 9",
    ),
    "other engine": (
        lambda directory: write_tar(
            directory / "other-engine.tar",
            {MANIFEST: manifest(other_engine()), database_file_name(other_engine()): b"x", CONTENT: b"{}"},
        ),
        "import_content",
    ),
    "damaged database": (
        lambda directory: write_tar(
            directory / "damaged.tar",
            {MANIFEST: manifest(engine()), database_file_name(engine()): b"junk" * 1000, CONTENT: b"{}"},
        ),
        "The database in the backup is not",
    ),
    "no database": (
        lambda directory: write_tar(directory / "empty.tar", {MANIFEST: manifest(engine()), CONTENT: b"{}"}),
        "is not a Knowledge Hub backup",
    ),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_is_refused_and_nothing_changes(site, client, tmp_path, kind):
    make, message = BAD_FILES[kind]
    path = make(tmp_path)
    url = site["kept"].url_for("en")
    client.get(url)
    generation = content_generation()
    with pytest.raises(CommandError, match=message):
        restore(path)
    assert Question.objects.count() == 2
    assert Question.objects.get(pk=site["kept"].pk).title_en == "Title as backed up"
    assert content_generation() == generation


def test_a_sqlite_file_of_another_site_is_refused(site, tmp_path):
    if engine() != "sqlite":
        pytest.skip("the SQLite check")
    stranger = sqlite3.connect(tmp_path / "stranger.sqlite3")
    stranger.execute("CREATE TABLE notes (text TEXT)")
    stranger.commit()
    stranger.close()
    data = (tmp_path / "stranger.sqlite3").read_bytes()
    path = write_tar(
        tmp_path / "stranger.tar", {MANIFEST: manifest("sqlite"), "database.sqlite3": data, CONTENT: b"{}"}
    )
    with pytest.raises(CommandError, match="not a Knowledge Hub database"):
        restore(path)
    assert Question.objects.count() == 2


def test_a_cancelled_restore_changes_nothing(site, tmp_path, monkeypatch):
    backup(tmp_path)
    site["kept"].title_en = "Changed after the backup"
    site["kept"].save()
    monkeypatch.setattr("builtins.input", lambda question: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(only_file(tmp_path)), stdout=io.StringIO())
    assert Question.objects.get(pk=site["kept"].pk).title_en == "Changed after the backup"


def test_messages_are_in_the_operators_language(site, tmp_path):
    with translation.override("zh-hans"), pytest.raises(CommandError, match="没有这个文件"):
        restore(tmp_path / "missing.tar")


# Finding pg_dump and pg_restore ---------------------------------------------------


def test_the_configured_directory_must_hold_the_tool(settings, tmp_path):
    settings.POSTGRESQL_BIN_DIR = str(tmp_path)
    with pytest.raises(BackupError, match="pg_dump is not in DJANGO_PG_BIN_DIR"):
        postgresql_tool("pg_dump")


def test_debians_newest_tools_are_found_when_none_is_on_path(settings, tmp_path, monkeypatch):
    settings.POSTGRESQL_BIN_DIR = ""
    monkeypatch.setattr(database_copies.shutil, "which", lambda name: None)
    for version in ("9", "15", "13"):
        (tmp_path / version / "bin").mkdir(parents=True)
        (tmp_path / version / "bin" / "pg_restore").touch()
    monkeypatch.setattr(database_copies, "DEBIAN_POSTGRESQL", tmp_path)
    assert postgresql_tool("pg_restore") == str(tmp_path / "15" / "bin" / "pg_restore")
    with pytest.raises(BackupError, match="pg_dump was not found: install the PostgreSQL client tools"):
        postgresql_tool("pg_dump")


def test_backup_on_postgresql_without_pg_dump_says_how_to_get_it(site, settings, tmp_path):
    if engine() != "postgresql":
        pytest.skip("PostgreSQL only (DATABASE_URL=postgres://…)")
    settings.POSTGRESQL_BIN_DIR = str(tmp_path / "nowhere")
    with pytest.raises(CommandError, match="pg_dump is not in DJANGO_PG_BIN_DIR"):
        backup(tmp_path)
    assert list(tmp_path.iterdir()) == []
