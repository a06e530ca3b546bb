"""GET /healthz: the server is up, and which snapshot of the store it serves (the map page polls it)."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

router = APIRouter()


@router.get("/healthz", tags=["health"])
def healthz(request: Request) -> dict[str, Any]:
    """`snapshot`: its `generation` (a new number whenever newer data is served; 0 while the store does not
    exist), its `events`, when it was taken, and the store's last change it holds; `refresh_error`: why
    newer data cannot be served, when a refresh keeps failing."""
    return request.app.state.database.status()
