"""GET /export: the map's view as a file, written by the store's own exporters (the CLI's formats).

The page's "Download this view" links here with the filters it shows, so the
file holds exactly the events of the view, encoded once, in Python.
"""
from __future__ import annotations

import io
from enum import Enum
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from frontline.api.errors import ERROR_RESPONSES, ApiError
from frontline.api.filters import event_filters
from frontline.api.queries import EventQuery
from frontline.store.export import canonical_rows, write_acled_csv, write_geojson, write_jsonl

MAX_EXPORT = 100_000  # events in one download; past that, `frontline export` writes the file

router = APIRouter(responses=ERROR_RESPONSES)


class Format(str, Enum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    jsonl = "jsonl"


MEDIA = {Format.acled_csv: ("text/csv; charset=utf-8", "csv"),
         Format.geojson: ("application/geo+json", "geojson"),
         Format.jsonl: ("application/x-ndjson", "jsonl")}


@router.get("/export", tags=["events"], responses={200: {"content": {
    "text/csv": {}, "application/geo+json": {}, "application/x-ndjson": {}},
    "description": "the matching events as a file to save (Content-Disposition: attachment)"}})
def export_view(request: Request, filters: Annotated[EventQuery, Depends(event_filters)],
                format: Annotated[Format, Query(description="acled-csv: ACLED's columns in ACLED's order; "
                                                            "geojson: the same fields as properties; jsonl: "
                                                            "each event with its reports and evidence")]
                = Format.acled_csv) -> Response:
    """The events matching the filters (the /events filters, bbox included) as `frontline export` writes them."""
    with request.app.state.database.cursor() as con:
        where, params = filters.where()
        total = con.execute(f"SELECT count(*) FROM canonical_events WHERE {where}", params).fetchone()  # noqa: S608
        if total and total[0] > MAX_EXPORT:
            raise ApiError(422, f"{total[0]:,} events match: over the {MAX_EXPORT:,} one download holds; "
                                f"narrow the filters or use `frontline export`")
        found = canonical_rows(con, filters)
        out = io.StringIO()
        if format is Format.acled_csv:
            write_acled_csv(con, found, out)
        elif format is Format.geojson:
            write_geojson(found, out)
        else:
            write_jsonl(con, found, out)
    media, suffix = MEDIA[format]
    return Response(out.getvalue(), media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="frontline-events.{suffix}"'})
