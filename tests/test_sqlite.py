"""SQLite as the site serves it: WAL, a busy timeout and IMMEDIATE transactions (readers never wait, writers queue)."""

import contextlib
import threading

import pytest
from django.conf import settings
from django.db import connections

sqlite_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="SQLite settings"
)


@pytest.fixture
def served_sqlite(tmp_path, django_db_blocker):
    """Opens connections to a file database with the served site's SQLite options.

    The test database itself lives in memory, where WAL and locking differ.
    """
    from django.db.backends.sqlite3.base import DatabaseWrapper

    settings_dict = {**connections.settings["default"], "NAME": str(tmp_path / "served.sqlite3")}

    def connect():
        return contextlib.closing(DatabaseWrapper(settings_dict, alias="served"))

    with django_db_blocker.unblock():
        with connect() as db, db.cursor() as cursor:
            cursor.execute("CREATE TABLE edit (n integer)")
        yield connect


@contextlib.contextmanager
def atomic(wrapper):
    """What transaction.atomic() does on an outermost block, for a connection outside django.db.connections."""
    wrapper.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    try:
        yield wrapper.cursor()
        wrapper.commit()
    finally:
        wrapper.set_autocommit(True)


@sqlite_only
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(served_sqlite):
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    with served_sqlite() as db, db.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20_000


def in_thread(function):
    errors, results = [], []

    def run():
        try:
            results.append(function())
        except Exception as error:  # reported by the test
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors, results


@sqlite_only
def test_readers_are_not_blocked_by_a_writer_and_writers_queue(served_sqlite):
    writing, release = threading.Event(), threading.Event()

    def slow_writer():
        with served_sqlite() as db, atomic(db) as cursor:
            cursor.execute("INSERT INTO edit VALUES (1)")
            writing.set()
            release.wait(10)

    def read_then_write():
        """Reads, then writes what it read: in a deferred transaction this fails with "database is locked"."""
        with served_sqlite() as db, atomic(db) as cursor:
            cursor.execute("SELECT count(*) FROM edit")
            cursor.execute("INSERT INTO edit VALUES (%s)", [cursor.fetchone()[0] + 1])

    def read():
        with served_sqlite() as db, db.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM edit")
            return cursor.fetchone()[0]

    first, first_errors, _ = in_thread(slow_writer)
    assert writing.wait(10)
    second, second_errors, _ = in_thread(read_then_write)

    reader, reader_errors, counts = in_thread(read)
    reader.join(10)
    assert not reader_errors and counts == [0]

    release.set()
    first.join(30)
    second.join(30)
    assert not first_errors and not second_errors
    with served_sqlite() as db, db.cursor() as cursor:
        cursor.execute("SELECT n FROM edit ORDER BY n")
        assert [row[0] for row in cursor.fetchall()] == [1, 2]
