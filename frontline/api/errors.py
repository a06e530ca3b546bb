"""Every error as JSON with a clear message: `{"error": code, "message": text, "status": n}`.

Request bodies are capped before the application reads them (413), validation
problems name the parameter at fault (422), unknown ids are 404, and anything
unforeseen is a 500 in the same shape, never an HTML page or a traceback.
"""
from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontline.store.errors import StoreBusy, StoreError

log = logging.getLogger("frontline.api")

MAX_BODY_BYTES = 1_000_000  # 1 MB: POST /extract's cap
STORE_RETRY_SECONDS = 2       # a busy database is busy for the length of one write batch

CODES = {400: "bad_request", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         413: "payload_too_large", 415: "unsupported_media_type", 422: "invalid_parameter",
         500: "server_error", 503: "unavailable"}


class ErrorBody(BaseModel):
    error: str
    message: str
    status: int
    details: list[dict[str, Any]] | None = None


class ApiError(Exception):
    """An error the API means to return: its status and one-line message."""

    def __init__(self, status: int, message: str, retry_after: int | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after  # seconds, sent as Retry-After with a 503


def error_response(status: int, message: str, details: list[dict[str, Any]] | None = None,
                   retry_after: int | None = None) -> JSONResponse:
    body = ErrorBody(error=CODES.get(status, "error"), message=message, status=status, details=details)
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, headers=headers)


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": CODES[status].replace("_", " ")} for status in (404, 422)}


def _where(location: tuple[Any, ...]) -> str:
    parts = [str(part) for part in location]
    if parts and parts[0] in ("query", "path", "body", "header"):
        kind = {"query": "query parameter", "path": "path parameter", "body": "body field",
                "header": "header"}[parts[0]]
        return f"{kind} {'.'.join(parts[1:]) or '(whole body)'!r}" if len(parts) > 1 else "request body"
    return ".".join(parts) or "request"


def _validation(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = [{"location": [str(p) for p in item.get("loc", ())], "message": str(item.get("msg", ""))}
                for item in error.errors()]
    message = "; ".join(f"{_where(tuple(item['location']))}: {item['message']}" for item in problems[:5])
    return error_response(422, message or "invalid request", problems)


def _http(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    return error_response(error.status_code, str(error.detail))


def _api(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ApiError)
    return error_response(error.status, error.message, retry_after=error.retry_after)


def _store(request: Request, error: Exception) -> JSONResponse:
    """The server's log gets the whole message; the client gets it without the file's path (where
    the database lives on the server is not the client's business)."""
    log.warning("store error on %s %s: %s", request.method, request.url.path, error)
    message = str(error)
    for name in sorted(getattr(request.app.state, "database_names", ()), key=len, reverse=True):
        message = message.replace(name, "the database")
    if isinstance(error, StoreBusy):
        return error_response(503, message, retry_after=STORE_RETRY_SECONDS)
    return error_response(500, message)


def _unexpected(request: Request, error: Exception) -> JSONResponse:
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=error)
    return error_response(500, f"internal error ({type(error).__name__}); see the server log")


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(ApiError, _api)
    app.add_exception_handler(StoreError, _store)
    app.add_exception_handler(Exception, _unexpected)
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)


class BodyLimit:
    """Refuse a request body over `limit` bytes with 413 before the application sees any of it."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(scope, receive, send)
            return
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.limit:
                await self._refuse(scope, receive, send)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(413, f"request body larger than {self.limit:,} bytes; send less text per request")
        response.headers["connection"] = "close"
        await response(scope, receive, send)
