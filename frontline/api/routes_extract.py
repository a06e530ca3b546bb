"""POST /extract: an article's text in, its events out; nothing is stored. Off unless --allow-extract."""
from __future__ import annotations

from fastapi import APIRouter, Request

from frontline.api.errors import ERROR_RESPONSES, ApiError, ErrorBody
from frontline.api.models import ExtractRequest, ExtractResponse
from frontline.errors import ItemRejected
from frontline.record import Published

router = APIRouter(responses={**ERROR_RESPONSES, 403: {"model": ErrorBody, "description": "extraction is off"},
                              413: {"model": ErrorBody, "description": "body over 1 MB"}})


@router.post("/extract", response_model=ExtractResponse, tags=["extract"])
def extract_text(request: Request, body: ExtractRequest) -> ExtractResponse:
    """Extract the events of one article's text (the body is capped at 1 MB). Nothing is stored."""
    import frontline

    if not request.app.state.allow_extract:
        raise ApiError(403, "extraction is off on this server; start it with `frontline serve --allow-extract`")
    try:
        Published.parse(body.published)
    except ValueError as error:
        raise ApiError(422, f"body field 'published': {error}") from None
    try:
        events = frontline.extract(body.text, published=body.published, lang=body.lang, doc_id="request",
                                   all_modalities=body.all_modalities)
    except ItemRejected as rejected:  # a language it does not read, a text it cannot use
        raise ApiError(422, f"the text cannot be extracted: {rejected.reason}") from None
    return ExtractResponse(events=[event.as_dict() for event in events])
