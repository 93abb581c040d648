"""PTB's way to the Bot API over aiohttp, for the bot's outgoing calls (long polling keeps PTB's
default).

Why not PTB's default (httpx): httpx's connection pool checks every pooled connection on every
request and response (httpx issue #3215). With 64 scheduled sends in flight and 80 ms to
Telegram, 64 calls took 2.3 s through httpx against 0.14 s through aiohttp on the project's
machine; the dispatcher sent 55 messages/s instead of several hundred. aiohttp is already a
dependency (the fake Bot API runs on it), so this is the well-kept library, plugged in through
PTB's own extension point (telegram.request.BaseRequest).

A call without files goes as one JSON body (the Bot API takes application/json), not as a form:
form encoding quotes every byte of a message's text in Python (urllib's quote), which cost
more CPU per reply than building the request itself.
"""

from __future__ import annotations

import json

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

JSON_HEADERS = {"Content-Type": "application/json"}


class AiohttpRequest(BaseRequest):
    """BaseRequest over one aiohttp ClientSession with up to `pool_size` connections.

    Timeouts are seconds. A timeout (connecting, waiting for a free connection, or reading the
    answer) raises telegram.error.TimedOut; any other transport failure NetworkError, as PTB's
    HTTPXRequest does, so callers and the rate limiter see the same errors as before. aiohttp
    has no write timeout of its own: an upload is bounded by the read timeout that follows it.
    """

    def __init__(
        self,
        pool_size: int = 128,
        *,
        connect_timeout: float = 5.0,
        read_timeout: float = 5.0,
        pool_timeout: float = 1.0,
    ) -> None:
        self._pool_size = pool_size
        self._connect, self._read, self._pool = connect_timeout, read_timeout, pool_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout in seconds."""
        return self._read

    async def initialize(self) -> None:
        """Open the session (again, after a shutdown)."""
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size, limit_per_host=0)
            self._session = aiohttp.ClientSession(
                connector=connector, headers={"User-Agent": self.USER_AGENT}
            )

    async def shutdown(self) -> None:
        """Close the session and its connections."""
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Make one call; returns (HTTP status, body). Raises TimedOut or NetworkError."""
        if self._session is None or self._session.closed:
            raise RuntimeError("AiohttpRequest is not initialized")
        files = request_data.multipart_data if request_data else None
        read = _given(read_timeout, self._read)
        connect = _given(connect_timeout, self._connect)
        pool = _given(pool_timeout, self._pool)
        timeout = aiohttp.ClientTimeout(
            connect=None if connect is None or pool is None else connect + pool,
            sock_connect=connect,
            sock_read=read,
        )
        body: aiohttp.FormData | bytes | None = None
        headers = None
        if files and request_data is not None:
            body = aiohttp.FormData(request_data.json_parameters)
            for name, (filename, content, mime) in files.items():
                body.add_field(name, content, filename=filename, content_type=mime)
        elif request_data is not None:
            body = json.dumps(request_data.parameters).encode()
            headers = JSON_HEADERS
        try:
            request = self._session.request(
                method, url, data=body, headers=headers, timeout=timeout
            )
            async with request as answer:
                return answer.status, await answer.read()
        except TimeoutError as exc:  # aiohttp's timeouts are (also) TimeoutErrors
            raise TimedOut from exc
        except (aiohttp.ClientError, OSError) as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc


def _given(value: ODVInput[float], default: float | None) -> float | None:
    if isinstance(value, DefaultValue):
        return default
    return value
