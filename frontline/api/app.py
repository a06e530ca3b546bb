"""`create_app(db_path)`: the FastAPI application over one frontline database, read from snapshots."""
from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

import frontline
from frontline.api import errors, routes_events, routes_export, routes_extract, routes_health, routes_places
from frontline.api.database import Database
from frontline.api.extract_slots import DEFAULT_BUDGET_SECONDS, DEFAULT_SLOTS, ExtractSlots

STATIC = Path(__file__).resolve().parent / "static"


def create_app(db_path: str | Path, allow_extract: bool = False, wait: float = 10.0,
               extract_slots: int = DEFAULT_SLOTS, extract_seconds: float = DEFAULT_BUDGET_SECONDS) -> FastAPI:
    """The API and the map page, over snapshots of `db_path` (api/database.py). Raises StoreError at once
    when it is not a usable store (StoreBusy when a writer holds it past `wait` seconds); a file not
    made yet is served empty until it is. With `allow_extract`, POST /extract runs on `extract_slots`
    processes, `extract_seconds` each."""
    database = Database(db_path, wait=wait)
    database.check()
    slots = ExtractSlots(extract_slots, extract_seconds) if allow_extract else None

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if slots is not None:
            slots.start()
        database.start()
        yield
        if slots is not None:
            slots.close()
        database.close()

    offline_docs = (STATIC / "swagger-ui" / "swagger-ui-bundle.js").exists()
    app = FastAPI(title="frontline", version=frontline.__version__, lifespan=lifespan,
                  docs_url=None if offline_docs else "/docs",
                  redoc_url=None,  # ReDoc loads its scripts from a CDN; the offline Swagger UI is at /docs
                  description="ACLED-coded conflict events extracted from news, with the text behind each field. "
                              "Read-only, from a snapshot of the store refreshed within seconds of each ingest "
                              "batch (`/healthz` says which); the map page is at `/`.")
    app.state.database = database
    app.state.database_names = {str(db_path), str(Path(db_path).resolve())}  # kept out of error bodies
    app.state.allow_extract = allow_extract
    app.state.extract_slots = slots
    errors.install(app)
    app.include_router(routes_events.router)
    app.include_router(routes_export.router)
    app.include_router(routes_places.router)
    app.include_router(routes_extract.router)
    app.include_router(routes_health.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    if offline_docs:
        @app.get("/docs", include_in_schema=False)
        def docs() -> HTMLResponse:
            """Swagger UI from the package's own files, so the docs work offline too."""
            return get_swagger_ui_html(openapi_url="/openapi.json", title="frontline API",
                                       swagger_js_url="/static/swagger-ui/swagger-ui-bundle.js",
                                       swagger_css_url="/static/swagger-ui/swagger-ui.css",
                                       swagger_favicon_url="data:,",
                                       swagger_ui_parameters={"validatorUrl": None})  # no swagger.io badge

    return app
