"""Real servers that tests start on loopback and stop again: redis-server, each in its own directory.

A missing ``redis-server`` skips the test, or fails it when HUB_REQUIRE_REDIS is set (as in CI).
"""

import os
import shutil
import socket
import subprocess
import time

import pytest


def free_port(address="127.0.0.1"):
    with socket.socket() as sock:
        sock.bind((address, 0))
        return sock.getsockname()[1]


def wait_for_port(address, port, process, seconds, what):
    """Return once something accepts connections on address:port; fail the test if ``process`` dies or time runs out."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection((address, port), timeout=0.2).close()
            return
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"{what} exited with status {process.returncode} before it listened")
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"{what} did not listen on {address}:{port} within {seconds} s")
            time.sleep(0.05)


class RedisServer:
    """A throwaway redis-server on 127.0.0.1 that keeps nothing on disk; ``stop()`` ends it at any point,
    ``start()`` starts it again, empty, on the same port (as a cache restarted without persistence)."""

    def __init__(self, directory):
        self.server = shutil.which("redis-server")
        if self.server is None:
            if os.environ.get("HUB_REQUIRE_REDIS"):
                pytest.fail("redis-server is not installed, and HUB_REQUIRE_REDIS is set")
            pytest.skip("redis-server is not installed (apt-get install redis-server)")
        directory.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.start()

    def start(self):
        options = {
            "port": str(self.port),
            "bind": "127.0.0.1",
            "save": "",
            "appendonly": "no",
            "dir": str(self.directory),
        }
        arguments = [part for name, value in options.items() for part in (f"--{name}", value)]
        self.process = subprocess.Popen([self.server, *arguments], stdout=subprocess.DEVNULL)
        wait_for_port("127.0.0.1", self.port, self.process, 10, "redis-server")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
