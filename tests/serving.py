"""The site served as `make run` serves it, and clients that hold its connections: for
tests/test_slow_clients.py, tests/test_hung_dependencies.py and bench/slow_clients.py.

Everything runs on loopback: gunicorn with gunicorn.conf.py on a free port, slow clients
that trickle partial headers, sit silent or keep an idle keep-alive connection open, a
hung server (a database or cache that accepts connections and never answers), and
probes that time one request each.
"""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.servers import free_port

BASE_DIR = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
# The setting gunicorn.conf.py replaced, for the yardstick: one request at a time per process.
SYNC_WORKERS = ("--worker-class", "sync", "--threads", "1")


def site_environment(var_dir, **extra):
    """The environment of a fresh instance: its own DJANGO_VAR_DIR, DEBUG off, quiet logs."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "CACHE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return {
        **inherited,
        "DJANGO_VAR_DIR": str(var_dir),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(32),
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_LOG_LEVEL": "critical",
        **extra,
    }


def migrate(env):
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "--verbosity", "0"], cwd=BASE_DIR, env=env, check=True
    )


def collect_static(env):
    """What `make setup` does before `make run` serves pages: the hashed static files and their manifest."""
    if not (BASE_DIR / "staticfiles" / "staticfiles.json").exists():
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
            cwd=BASE_DIR,
            env=env,
            check=True,
        )


@contextlib.contextmanager
def gunicorn(env, *arguments, ready_path="/healthz", ready_status=(200,), start_seconds=30):
    """gunicorn as `make run` starts it (gunicorn.conf.py, bound to 127.0.0.1), on a free port; yields the port."""
    collect_static(env)
    port = free_port()
    command = [str(GUNICORN), "knowledgehub.wsgi", "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        [*command, *arguments], cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + start_seconds
        while time.monotonic() < deadline and process.poll() is None:
            if request(port, ready_path, timeout=5)[0] in ready_status:
                break
            time.sleep(0.2)
        else:
            raise RuntimeError(f"gunicorn did not start (exit status {process.poll()})")
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def request(port, path, timeout, headers=""):
    """One GET on a new connection: (status, headers and body as text), or (None, reason) without an answer."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.settimeout(timeout)
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}Connection: close\r\n\r\n".encode())
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
    except OSError as error:
        return None, str(error)
    answer = b"".join(chunks).decode("utf-8", "replace")
    try:
        return int(answer.split(" ", 2)[1]), answer
    except (IndexError, ValueError):
        return None, answer


def timed(port, path, timeout, headers=""):
    """(seconds, status, answer) of one request; an unanswered one counts as ``timeout`` seconds."""
    started = time.monotonic()
    status, answer = request(port, path, timeout, headers)
    return (time.monotonic() - started if status else timeout), status, answer


class SlowClients:
    """``count`` connections that hold the server: half trickle a header every ``interval`` seconds and
    never end it, a quarter send nothing, a quarter keep an idle keep-alive connection after one request.
    Each reconnects when the server closes it, as an attacker would."""

    def __init__(self, port, count, interval=1.0):
        self.address = ("127.0.0.1", port)
        self.count = count
        self.interval = interval
        self.stopping = threading.Event()
        self.threads = []
        self.connected = 0
        self.lock = threading.Lock()

    def __enter__(self):
        kinds = [self.trickle, self.silent, self.trickle, self.keep_alive]
        for number in range(self.count):
            thread = threading.Thread(target=self.hold, args=(kinds[number % 4],), daemon=True)
            thread.start()
            self.threads.append(thread)
        deadline = time.monotonic() + 10
        while self.connected < self.count and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(self.interval)  # the first trickled header is in before anything is measured
        return self

    def __exit__(self, *exc_info):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=5)

    def hold(self, kind):
        first = True
        while not self.stopping.is_set():
            try:
                with socket.create_connection(self.address, timeout=5) as sock:
                    if first:
                        with self.lock:
                            self.connected += 1
                        first = False
                    kind(sock)
            except OSError:
                pass
            self.stopping.wait(0.1)

    def trickle(self, sock):
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        while not self.stopping.wait(self.interval):
            sock.sendall(b"X-Slow: 1\r\n")

    def silent(self, sock):
        sock.settimeout(self.interval)
        while not self.stopping.is_set():
            try:
                if sock.recv(1) == b"":
                    return  # closed by the server
            except TimeoutError:
                pass

    def keep_alive(self, sock):
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        self.silent(sock)


class HungServer:
    """Accepts every connection on a loopback port and never reads or writes a byte."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.held = []
        self.thread = threading.Thread(target=self.accept, daemon=True)

    def accept(self):
        while True:
            try:
                self.held.append(self.listener.accept()[0])
            except OSError:
                return

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.listener.close()
        for sock in self.held:
            sock.close()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]
