"""Receiving updates by webhook: tend's own small receiver, on tornado as python-telegram-bot's.

Why not PTB's built-in server: it compares the secret token with `!=` (the time it takes tells
an attacker how much of a guess was right), reads a body of any size up to tornado's 100 MB, and
logs the wrong secret it was sent and every body it receives. Here the secret is compared in
constant time (hmac.compare_digest), a body over MAX_BODY bytes is refused before it is read,
and a request is logged only as its outcome. Listening is on 127.0.0.1 unless
TEND_WEBHOOK_LISTEN says otherwise: a reverse proxy terminates TLS in front (docs/operating.md).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
from types import TracebackType
from typing import Any

from telegram import Bot, Update
from tornado.httpserver import HTTPServer
from tornado.web import Application, HTTPError, RequestHandler

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
# Telegram's updates are a few kilobytes; this leaves room for the largest with nested replies.
MAX_BODY = 256 * 1024


class Receiver(RequestHandler):
    """One POST from Telegram: checked, parsed and put on the application's update queue."""

    SUPPORTED_METHODS = ("POST",)

    def initialize(self, bot: Bot, queue: asyncio.Queue[object], secret: bytes) -> None:
        """Tornado's per-request setup (the shared objects of make_server)."""
        self.bot, self.queue, self.secret = bot, queue, secret

    async def post(self) -> None:
        """403 without the right secret or not JSON, 400 when unreadable, else 200 and queued."""
        given = self.request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, self.secret):
            log.info("webhook.refused reason=secret")
            raise HTTPError(403)
        if self.request.headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
            log.info("webhook.refused reason=content_type")
            raise HTTPError(403)
        try:
            update = Update.de_json(json.loads(self.request.body), self.bot)
        except Exception as exc:  # any malformed body: never logged, only its kind
            log.warning("webhook.unreadable error=%s", type(exc).__name__)
            raise HTTPError(400) from None
        if update is not None:
            await self.queue.put(update)

    def log_exception(
        self,
        typ: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Quiet: every outcome was logged above, without the request."""


def make_server(
    bot: Bot, queue: asyncio.Queue[Any], path: str, secret: str, max_body: int = MAX_BODY
) -> HTTPServer:
    """An HTTP server taking Telegram's POSTs on /`path`; call .listen(port, address) on it."""
    app = Application(
        [
            (
                rf"/{re.escape(path)}/?",
                Receiver,
                {"bot": bot, "queue": queue, "secret": secret.encode()},
            )
        ],
        log_function=lambda _handler: None,  # no access log: it names the caller
    )
    return HTTPServer(app, max_body_size=max_body)
