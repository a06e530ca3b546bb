"""frontline's HTTP API and map page: `frontline serve --db FILE`.

The database is opened read-only; nothing here writes to it. `create_app` is
the factory (uvicorn, tests and benchmarks call it); `serve.register` adds the
`serve` command to the CLI.
"""
from __future__ import annotations

from frontline.api.app import create_app

__all__ = ["create_app"]
