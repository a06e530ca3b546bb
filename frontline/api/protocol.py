"""HTTP connections that cannot be held open by a client that sends slowly.

uvicorn closes an idle keep-alive connection, but a client that sends a request's head or body a
byte at a time keeps its connection (and a file descriptor) for as long as it likes: two hundred
of them and the server stops answering. Here every request must arrive whole, head and body,
within `read_seconds` (`frontline serve --client-seconds`) of the connection opening or of the
previous response; a connection still sending then is closed. The time the application takes to answer is not counted.
"""
from __future__ import annotations

import asyncio
import resource

from uvicorn.protocols.http.h11_impl import H11Protocol

MAX_CONNECTIONS = 500   # at most; fewer when the process may open few files (see connection_limit)


def connection_limit() -> int:
    """Connections and tasks served at once (uvicorn answers 503 past it): at most half the file
    descriptors this process may open, so the database, the models and the map's files still can."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return MAX_CONNECTIONS
    return max(8, min(MAX_CONNECTIONS, soft // 2))


class BoundedReadProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline on reading each request."""

    read_seconds: float = 10.0
    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline = self.loop.call_later(self.read_seconds, self._check_reading)

    def _reading(self) -> bool:
        cycle = self.cycle
        waiting_for_head = cycle is None or cycle.response_complete
        return waiting_for_head or cycle.more_body

    def _check_reading(self) -> None:
        if self._reading() and not self.transport.is_closing():
            self.transport.close()


def bounded_protocol(read_seconds: float) -> type[BoundedReadProtocol]:
    """The protocol class with its read deadline set (uvicorn takes a class, not an instance)."""
    return type("BoundedReadProtocol", (BoundedReadProtocol,), {"read_seconds": read_seconds})
