"""GET /healthz: the server is up, and which snapshot of the store it serves (the map page polls it)."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

router = APIRouter()


@router.get("/healthz", tags=["health"])
def healthz(request: Request) -> dict[str, Any]:
    """`snapshot`: its `generation` (a new number whenever newer data is served; 0 while the store does not
    exist), its canonical `events` (every modality), when it was `taken_at`, the store's last change it
    holds (`store_modified`), its `age_seconds`; `refresh_error`: why newer data cannot be served, when a
    refresh keeps failing (the last snapshot is served meanwhile)."""
    return request.app.state.database.status()
