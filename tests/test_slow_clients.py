"""Slow clients cannot starve the site: gunicorn as `make run` starts it keeps answering others
while clients trickle headers, sit silent or hold idle keep-alive connections (real sockets on loopback).

Only "answered at all, in time" is asserted; the latency figures are bench/slow_clients.py's.
"""

import socket
import time

import pytest

from tests.serving import SYNC_WORKERS, SlowClients, gunicorn, migrate, request, site_environment

SLOW_CLIENTS = 16
PROBES = 5
PATIENCE = 5  # seconds a probe may take: far above the milliseconds it does take


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    env = site_environment(tmp_path_factory.mktemp("slow-clients"))
    migrate(env)
    return env


def probes(port):
    return [request(port, "/healthz", timeout=PATIENCE)[0] for _ in range(PROBES)]


def test_the_site_answers_while_slow_clients_hold_connections(environment):
    with gunicorn(environment) as port, SlowClients(port, SLOW_CLIENTS):
        assert probes(port) == [200] * PROBES


def test_the_old_sync_workers_did_not(environment):
    """The yardstick: proof that the slow clients above do hold a server that serves one connection at a time."""
    with gunicorn(environment, *SYNC_WORKERS, "--workers", "2") as port, SlowClients(port, SLOW_CLIENTS):
        assert request(port, "/healthz", timeout=2)[0] is None


def test_a_request_head_past_the_limits_is_refused_not_held(environment):
    with gunicorn(environment) as port:
        too_many_fields = "".join(f"X-Field-{number}: 1\r\n" for number in range(60))
        assert request(port, "/healthz", timeout=PATIENCE, headers=too_many_fields)[0] == 431
        assert request(port, "/healthz?q=" + "a" * 5000, timeout=PATIENCE)[0] in (400, 414)
        assert request(port, "/healthz", timeout=PATIENCE)[0] == 200


def closed_by_the_server_within(sock, seconds):
    """True if the server closes the connection within ``seconds`` (whatever it sent before)."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        sock.settimeout(left)
        try:
            if sock.recv(65536) == b"":
                return True
        except TimeoutError:
            return False
    return False


def test_idle_and_silent_connections_are_closed_not_kept(environment):
    """keepalive = 5: an idle keep-alive connection is closed after 5 s; one that never sends a byte waits
    5 s for a thread's attention and 5 s more in the poller."""
    with gunicorn(environment) as port:
        with socket.create_connection(("127.0.0.1", port), timeout=PATIENCE) as idle:
            idle.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert idle.recv(65536).startswith(b"HTTP/1.1 200")
            assert closed_by_the_server_within(idle, 10)
        with socket.create_connection(("127.0.0.1", port), timeout=PATIENCE) as silent:
            assert closed_by_the_server_within(silent, 20)
