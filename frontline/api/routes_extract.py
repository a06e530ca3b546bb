"""POST /extract: an article's text in, its events out; nothing is stored. Off unless --allow-extract."""
from __future__ import annotations

from fastapi import APIRouter, Request

from frontline.api.errors import ERROR_RESPONSES, ApiError, ErrorBody
from frontline.api.extract_slots import ExtractJob, OverBudget, SlotsBusy, TextRejected
from frontline.api.models import ExtractRequest, ExtractResponse
from frontline.errors import ItemRejected
from frontline.io.documents import checked_date

RETRY_AFTER_SECONDS = 5

router = APIRouter(responses={**ERROR_RESPONSES, 403: {"model": ErrorBody, "description": "extraction is off"},
                              413: {"model": ErrorBody, "description": "body over 1 MB"},
                              503: {"model": ErrorBody, "description": "every slot busy, or over the time budget"}})


@router.post("/extract", response_model=ExtractResponse, tags=["extract"])
async def extract_text(request: Request, body: ExtractRequest) -> ExtractResponse:
    """Extract the events of one article's text (the body is capped at 1 MB). Nothing is stored.
    A few requests run at once, each within a time budget; past either, the answer is 503."""
    slots = request.app.state.extract_slots
    if slots is None:
        raise ApiError(403, "extraction is off on this server; start it with `frontline serve --allow-extract`")
    try:
        checked_date(body.published)  # the readers' own rule: a date that parses, not in the future
    except ItemRejected as error:
        raise ApiError(422, f"body field 'published': {error.reason}") from None
    job = ExtractJob(body.text, body.published, body.lang, body.all_modalities)
    try:
        events = await slots.run(job)
    except SlotsBusy:
        raise ApiError(503, f"extraction is busy: all {slots.slots} slots are working; retry in a few seconds",
                       retry_after=RETRY_AFTER_SECONDS) from None
    except OverBudget:
        raise ApiError(503, f"extraction stopped at its time budget of {slots.budget_seconds:g} s; "
                            "send a shorter text", retry_after=RETRY_AFTER_SECONDS) from None
    except TextRejected as rejected:  # a language it does not read, a text it cannot use
        raise ApiError(422, f"the text cannot be extracted: {rejected}") from None
    return ExtractResponse(events=events)
