"""A real `frontline serve` on 127.0.0.1 against clients that send slowly or never finish.

Two hundred connections that send half a request head (or a body a byte at a time) must not hold
the server: other clients are answered meanwhile, and the slow connections are cut off once the
read deadline passes.
"""
from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from frontline.ingest import ingest
from frontline.store.db import Store

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "albu_kamal_2017-11.txt"
SLOW_CLIENTS = 200
CLIENT_SECONDS = 2.0

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("slow") / "store.duckdb"
    ingest([str(SEED)], Store(db), on_problem=lambda problem: None)
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "frontline.cli", "serve", "--db", str(db), "--port", str(port),
                                "--client-seconds", str(CLIENT_SECONDS)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        with contextlib.suppress(OSError):
            urllib.request.urlopen(f"{base}/events?limit=1", timeout=2).read()
            break
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            raise RuntimeError(f"the server did not start: {process.stderr.read().decode()[-2000:]}")
        time.sleep(0.2)
    yield base, port
    process.terminate()
    process.wait(timeout=30)


def _slow_sockets(port: int, first_bytes: bytes) -> list[socket.socket]:
    sockets = []
    for _ in range(SLOW_CLIENTS):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(first_bytes)
        sockets.append(s)
    return sockets


def _closed_by_server(s: socket.socket) -> bool:
    """The server closes the connection (after any last words) within a few seconds."""
    s.settimeout(5)
    try:
        while s.recv(1024):
            pass
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False
    return True


@pytest.mark.parametrize("first_bytes", [
    pytest.param(b"GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n", id="half a head"),
    pytest.param(b"POST /extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 b"Content-Length: 100000\r\n\r\n{\"text\": \"", id="a body that never ends"),
])
def test_slow_clients_are_cut_off_and_do_not_hold_the_server(server, first_bytes):
    base, port = server
    sockets = _slow_sockets(port, first_bytes)
    try:
        started = time.monotonic()
        with urllib.request.urlopen(f"{base}/events?limit=5", timeout=5) as response:
            assert response.status == 200
        assert time.monotonic() - started < 2.0
        time.sleep(CLIENT_SECONDS + 1.0)
        assert all(_closed_by_server(s) for s in sockets)
    finally:
        for s in sockets:
            s.close()
