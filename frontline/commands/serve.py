"""`frontline serve`: the HTTP API and the map page over one database, read-only."""
from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import Annotated

import typer

from frontline.api.extract_slots import DEFAULT_BUDGET_SECONDS, DEFAULT_SLOTS
from frontline.commands.options import Wait
from frontline.store import DEFAULT_DB

CLIENT_SECONDS = 10.0  # a request must arrive whole within this (api/protocol.py)


def serve_command(
    db: Annotated[Path, typer.Option("--db", envvar="FRONTLINE_DB", help="The frontline database (read-only; "
                  "served from a snapshot refreshed within seconds of each write).")] = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    allow_extract: Annotated[bool, typer.Option(
        "--allow-extract", help="Turn on POST /extract (text in, events out, nothing stored).")] = False,
    extract_slots: Annotated[int, typer.Option(
        "--extract-slots", min=1, max=64, help="POST /extract requests run at once (one process each); "
        "more get 503 with Retry-After.")] = DEFAULT_SLOTS,
    extract_seconds: Annotated[float, typer.Option(
        "--extract-seconds", min=1.0, help="Time budget of one POST /extract; past it, 503.")]
    = DEFAULT_BUDGET_SECONDS,
    client_seconds: Annotated[float, typer.Option(
        "--client-seconds", min=0.5, help="A request must arrive whole (head and body) within this; "
        "a client still sending is cut off.")] = CLIENT_SECONDS,
    wait: Wait = 60.0,
) -> None:
    """Serve the events as an HTTP API (OpenAPI at /docs) with a map page at /; nothing is written.

    The server reads a snapshot of the database, never the file itself, so `frontline ingest` can write
    while it serves; new events are served within seconds of each batch (GET /healthz says which)."""
    import uvicorn
    from fastapi import FastAPI

    from frontline.api import create_app
    from frontline.api.protocol import bounded_protocol, connection_limit
    from frontline.commands.store import EXIT_BUSY
    from frontline.store.errors import StoreBusy, StoreError

    def app_waiting(seconds: float) -> FastAPI:
        return create_app(db, allow_extract=allow_extract, extract_slots=extract_slots,
                          extract_seconds=extract_seconds, wait=seconds)

    # until uvicorn handles signals itself, SIGTERM and SIGINT unwind (a snapshot being made is removed)
    # and end the command quietly, even when DuckDB turns them into an interrupted query
    stopped: list[int] = []

    def on_signal(signum: int, frame: object) -> None:
        stopped.append(signum)
        raise SystemExit(128 + signum)

    for stop in (signal.SIGTERM, signal.SIGINT):
        signal.signal(stop, on_signal)
    try:
        try:
            app = app_waiting(min(1.0, wait))
        except StoreBusy:
            print(f"frontline: {db} is being written by another frontline process; waiting up to {wait:g} s "
                  "for it to finish its batch", file=sys.stderr)
            app = app_waiting(wait)
    except StoreBusy as busy:
        print(f"error: {busy}", file=sys.stderr)
        raise typer.Exit(EXIT_BUSY) from None
    except StoreError as error:
        print(f"error: {error}", file=sys.stderr)
        raise typer.Exit(1) from None
    except Exception:
        if stopped:
            raise typer.Exit(128 + stopped[0]) from None
        raise
    if not db.exists():
        print(f"frontline: {db} does not exist yet; serving no events until `frontline ingest ARTICLES --db "
              f"{db}` makes it", file=sys.stderr)
    print(f"frontline: serving {db} on http://{host}:{port}/ (API docs at /docs)", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning", http=bounded_protocol(client_seconds),
                limit_concurrency=connection_limit())


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
