"""GET /places/{geonameid}/control: who held a place, from when to when."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request

from frontline.api.errors import ERROR_RESPONSES, ApiError
from frontline.api.models import ControlChange, ControlTimeline
from frontline.store.errors import StoreError
from frontline.store.timeline import control_timeline, resolve_place

router = APIRouter(responses=ERROR_RESPONSES)


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
