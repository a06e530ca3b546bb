"""`frontline serve` as a real process on 127.0.0.1, for the tests of serving while a writer works (no tests here)."""
from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, dict]:
    """The status and JSON body of GET `url` ({} for an error status)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, {}


@contextlib.contextmanager
def serve(db: Path, log: Path, env: dict[str, str] | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """`frontline serve --db db` on a free port, its stderr to `log`: (its base URL, the process), once
    GET /healthz answers 200; terminated on leaving, unless it has already ended."""
    port = free_port()
    with log.open("wb") as err:
        process = subprocess.Popen([sys.executable, "-m", "frontline.cli", "serve", "--db", str(db),
                                    "--port", str(port)], stdout=subprocess.DEVNULL, stderr=err,
                                   env={**os.environ, **(env or {})})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            with contextlib.suppress(OSError):
                if get(f"{base}/healthz")[0] == 200:
                    break
            if time.monotonic() > deadline or process.poll() is not None:
                raise AssertionError(f"the server did not start: {log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield base, process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)
