"""GET /places/{geonameid}/control: who held a place, from when to when; GET /places/towns: the map's town labels."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from frontline.api.errors import ERROR_RESPONSES, ApiError
from frontline.api.filters import parse_bbox
from frontline.api.models import ControlChange, ControlTimeline, Town
from frontline.store.errors import StoreError
from frontline.store.timeline import control_timeline, resolve_place

router = APIRouter(responses=ERROR_RESPONSES)
MAX_TOWNS = 500


@router.get("/places/towns", response_model=list[Town], tags=["places"])
def towns(bbox: Annotated[str, Query(max_length=120, description="west,south,east,north in degrees")],
          limit: Annotated[int, Query(ge=1, le=MAX_TOWNS, description="the most populous this many")] = 100,
          ) -> list[Town]:
    """The largest towns in a box, from the gazetteer frontline places events with (GeoNames, offline)."""
    from frontline.geo import gazetteer

    box = parse_bbox(bbox)
    return [Town(geonameid=p.geonameid, name=p.name, country=p.country, latitude=p.latitude,
                 longitude=p.longitude, population=p.population, capital=p.seat)
            for p in gazetteer().towns(box.west, box.south, box.east, box.north, limit)]


@router.get("/places/{geonameid}/control", response_model=ControlTimeline, response_model_by_alias=True,
            tags=["places"])
def place_control(request: Request, geonameid: Annotated[int, Path(ge=1, le=2**53)]) -> ControlTimeline:
    """The control timeline of a place: each change of holder, claimed or reported, contradicted or not."""
    try:
        place = resolve_place(str(geonameid))
    except StoreError as error:
        raise ApiError(404, str(error)) from None
    with request.app.state.database.cursor() as con:
        timeline = control_timeline(con, place)
    return ControlTimeline(place=place.name, geonameid=place.geonameid, country=place.country,
                           latitude=place.latitude, longitude=place.longitude,
                           changes=[ControlChange.model_validate(change.as_dict()) for change in timeline.changes])
