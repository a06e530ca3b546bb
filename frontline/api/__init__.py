"""frontline's HTTP API and map page: `frontline serve --db FILE`.

The database is opened read-only; nothing here writes to it. `create_app` is
the factory (uvicorn, tests and benchmarks call it); `serve.register` adds the
`serve` command to the CLI.
"""
from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    """`create_app` imported when first used: the CLI's `serve` command lives apart
    (frontline.commands.serve), and must not pay for FastAPI (most of a second) on every other command."""
    if name == "create_app":
        from frontline.api.app import create_app

        return create_app
    raise AttributeError(name)
