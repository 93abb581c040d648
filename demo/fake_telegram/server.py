"""The fake Bot API: real HTTP on 127.0.0.1, Telegram-shaped answers and errors, open state."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from demo.fake_telegram import methods
from demo.fake_telegram.spec import SpecError, check_call

BOT_ID = 700000001
BOT_USERNAME = "tend_test_bot"


class ApiError(Exception):
    """An error answer: HTTP status = error_code, like Telegram."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after

    def body(self) -> dict[str, Any]:
        """The JSON Telegram sends for this error."""
        data: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            data["parameters"] = {"retry_after": self.retry_after}
        return data


@dataclass
class Fault:
    """An error to inject: the next `times` calls of `method` (to `chat_id`, if set) fail."""

    method: str
    code: int = 500
    description: str = "Internal Server Error"
    retry_after: int | None = None
    chat_id: int | None = None
    times: int = 1
    delay: float = 0.0  # seconds to wait before answering (a timeout on the client side)
    deliver: bool = False  # with a delay: carry out the call anyway (Telegram did deliver)


@dataclass
class Call:
    """One request the bot made, after checking."""

    method: str
    params: dict[str, Any]
    at: float


@dataclass
class SentMessage:
    """A message in a chat, as the fake keeps it (edits update it in place)."""

    message_id: int
    chat_id: int
    from_bot: bool
    date: int
    text: str | None = None
    html: str | None = None
    reply_markup: dict[str, Any] | None = None
    silent: bool = False
    document: bytes | None = None
    file_name: str | None = None
    photo: bytes | None = None
    caption: str | None = None
    deleted: bool = False
    edits: int = 0
    reactions: list[str] = field(default_factory=list)  # the bot's, by setMessageReaction

    def buttons(self) -> list[dict[str, Any]]:
        """Every inline button, row by row."""
        if not self.reply_markup:
            return []
        return [b for row in self.reply_markup.get("inline_keyboard", []) for b in row]


@dataclass
class Chat:
    """A chat the fake knows: who is in it, its messages, whether the bot is blocked."""

    id: int
    type: str
    title: str | None = None
    user: dict[str, Any] | None = None
    messages: list[SentMessage] = field(default_factory=list)
    blocked: bool = False


class FakeTelegram:
    """Start with `await server.start()`; point the bot at `server.url`."""

    def __init__(self, token: str = "700000001:TEST-fake-token", latency: float = 0.0) -> None:
        self.token = token
        # Seconds added to every answer except a long poll: what a round trip to Telegram costs.
        self.latency = latency
        self.bot = {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "tend",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.chats: dict[int, Chat] = {}
        self.calls: list[Call] = []
        self.faults: list[Fault] = []
        # By scope type, "<scope>:<language_code>" for a language's own menu.
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.webhook: dict[str, Any] | None = None
        self.left_chats: list[int] = []
        self.callback_queries: dict[str, dict[str, Any]] = {}
        self.files: dict[str, bytes] = {}
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        # Set (and replaced) at every change. An Event, not a Condition: a waiter cancelled at
        # shutdown then has no lock to take back (Python 3.11 could hang there).
        self._changed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.url = ""
        self.requests_with_bad_token = 0
        # Telegram-like flood control (off unless a test turns it on): 30/s overall, per chat a
        # burst of 3 then 1/s. Every refusal is a 429 the bot caused.
        self.limits = False
        # Messages a second over all chats when limits are on: Telegram's 30, or 1,000 for a bot
        # on paid broadcasts (python -m demo.fake_telegram --global-rate 1000).
        self.global_rate = 30
        self.open_chats = False  # benchmarks: any chat id is a person who started the bot
        self.send_delay = 0.0  # seconds each sendMessage takes (to catch a bot mid-dispatch)
        # Every wait_for timeout (so every expect) is multiplied by this: the test suite, run on
        # several workers beside other work, waits longer for what must come. Never a reason to
        # wait for what must not come: a wait ends as soon as its condition holds.
        self.patience = 1.0
        self.rate_limited = 0
        self.flood_reasons: list[tuple[str, float, int]] = []
        self.send_times: list[float] = []
        self._chat_tokens: dict[int, tuple[float, float]] = {}
        self._interrupted = False
        # Taps as Telegram sends them late or oddly. A press on a message older than this many
        # seconds arrives with an InaccessibleMessage (Telegram: id, chat, date 0, no text).
        self.inaccessible_after = 48 * 3600.0
        # On: answering any button press fails with "query is too old…" (an answer too late).
        self.late_callback_answers = False

    # -- lifecycle -------------------------------------------------------------------------
    async def start(self, port: int = 0) -> str:
        """Listen on 127.0.0.1 (a free port unless given); returns the base URL."""
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_route("GET", "/file/bot{token}/{path:.*}", self._handle_file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        """Close the listener (answering any long poll still waiting)."""
        await self.interrupt_polls()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- what tests use --------------------------------------------------------------------
    def chat(self, chat_id: int) -> Chat:
        """A known chat (KeyError if the fake never saw it)."""
        return self.chats[chat_id]

    def inject(self, fault: Fault) -> None:
        """Make upcoming calls fail like Telegram would."""
        self.faults.append(fault)

    def age(self, message: SentMessage, hours: float) -> None:
        """Make a message `hours` older (a press on it may then arrive inaccessible, and it can
        no longer be deleted), as if it had been sent that long ago."""
        message.date -= int(hours * 3600)

    def calls_of(self, method: str) -> list[Call]:
        """The calls of one method so far."""
        return [call for call in self.calls if call.method == method]

    def next_update_id(self) -> int:
        """A fresh update id."""
        return next(self._update_ids)

    def next_message_id(self) -> int:
        """A fresh message id (one counter for all chats keeps tests readable)."""
        return next(self._message_ids)

    def _notify(self) -> None:
        """Wake everyone waiting for a change."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def push_update(self, update: dict[str, Any]) -> None:
        """Queue an update for getUpdates (and wake a long poll)."""
        self._updates.append(update)
        self._notify()

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Wait until `predicate()` is truthy (re-checked after every call the bot makes)."""
        deadline = time.monotonic() + timeout * self.patience
        while True:
            result = predicate()
            if result:
                return result
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("the bot did not do what the test waited for")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)

    async def interrupt_polls(self) -> None:
        """Answer waiting long polls at once (lets a bot stop without waiting out its timeout)."""
        self._interrupted = True
        self._notify()

    def resume_polls(self) -> None:
        """Let long polls wait again (a bot started after another one stopped)."""
        self._interrupted = False

    @property
    def pending_updates(self) -> int:
        """Updates queued and not yet confirmed by the bot."""
        return len(self._updates)

    # -- HTTP ------------------------------------------------------------------------------
    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if not request.can_read_body:
            return params
        content_type = request.content_type
        if content_type == "application/json":
            body = await request.json()
            params.update(body if isinstance(body, dict) else {})
        elif content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                name = getattr(part, "name", None)
                if name is None:
                    continue
                data = await part.read()  # type: ignore[union-attr]
                filename = getattr(part, "filename", None)
                params[name] = (
                    {"file": bytes(data), "filename": filename}
                    if filename
                    else data.decode("utf-8")
                )
        else:
            form = await request.post()
            params.update({key: value for key, value in form.items() if isinstance(value, str)})
        return params

    async def _handle_method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            self.requests_with_bad_token += 1
            return web.json_response(ApiError(401, "Unauthorized").body(), status=401)
        if request.method != "POST" and request.method != "GET":
            return web.json_response(ApiError(405, "Method Not Allowed").body(), status=405)
        raw = await self._params(request)
        try:
            name, params = check_call(request.match_info["method"], _attach_files(raw))
        except LookupError:
            return web.json_response(ApiError(404, "Not Found").body(), status=404)
        except SpecError as exc:
            return _error(ApiError(400, f"Bad Request: {exc}"))
        self.calls.append(Call(name, params, time.monotonic()))
        if self.latency and name != "getUpdates":
            await asyncio.sleep(self.latency)
        fault = self._take_fault(name, params)
        try:
            if fault is not None:
                if fault.delay:
                    await asyncio.sleep(fault.delay)
                if not fault.deliver:
                    raise ApiError(fault.code, fault.description, fault.retry_after)
            handler = getattr(methods, name, None)
            if handler is None:
                raise ApiError(501, f"Not Implemented: the fake has no {name}")
            result = await handler(self, params)
        except ApiError as exc:
            return _error(exc)
        finally:
            self._notify()
        return web.json_response({"ok": True, "result": result})

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(ApiError(401, "Unauthorized").body(), status=401)
        data = self.files.get(request.match_info["path"])
        if data is None:
            return web.json_response(ApiError(404, "Not Found").body(), status=404)
        return web.Response(body=data)

    def _take_fault(self, method: str, params: dict[str, Any]) -> Fault | None:
        for fault in self.faults:
            if fault.method != method or fault.times <= 0:
                continue
            if fault.chat_id is not None and params.get("chat_id") != fault.chat_id:
                continue
            fault.times -= 1
            return fault
        return None

    # -- used by methods.py ----------------------------------------------------------------
    def open_chat(self, chat_id: int) -> Chat:
        """A private chat for an id never seen before (only with open_chats)."""
        chat = self.chats[chat_id] = Chat(
            id=chat_id, type="private", user={"id": chat_id, "is_bot": False, "first_name": "P"}
        )
        return chat

    def check_flood(self, chat_id: int) -> None:
        """Refuse a send like Telegram's flood control would (when limits are on)."""
        now = time.monotonic()
        if self.limits:
            recent = [t for t in self.send_times[-(self.global_rate + 10) :] if now - t < 1.0]
            tokens, last = self._chat_tokens.get(chat_id, (3.0, now))
            tokens = min(3.0, tokens + (now - last) * 1.0)
            full = len(recent) >= self.global_rate
            if full or tokens < 0.9:  # a little slack for timer jitter
                self.rate_limited += 1
                self.flood_reasons.append(("global" if full else "chat", now, len(self.send_times)))
                raise ApiError(429, "Too Many Requests: retry after 1", retry_after=1)
            self._chat_tokens[chat_id] = (tokens - 1, now)
        self.send_times.append(now)

    async def take_updates(self, offset: int | None, limit: int, timeout: float) -> list[Any]:
        """getUpdates: confirm below `offset`, then wait up to `timeout` for something new."""
        if offset is not None:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        deadline = time.monotonic() + timeout
        while not self._updates and not self._interrupted:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                break
        return list(self._updates[:limit])


def _attach_files(params: dict[str, Any]) -> dict[str, Any]:
    """PTB sends uploads as `attach://name` references to multipart parts."""
    out = dict(params)
    for key, value in params.items():
        if isinstance(value, str) and value.startswith("attach://"):
            out[key] = params.get(value.removeprefix("attach://"))
            out.pop(value.removeprefix("attach://"), None)
    return {k: v for k, v in out.items() if k in params and not _is_part_only(k, params)}


def _is_part_only(key: str, params: dict[str, Any]) -> bool:
    return any(isinstance(v, str) and v == f"attach://{key}" for v in params.values())


def _error(exc: ApiError) -> web.Response:
    return web.json_response(exc.body(), status=exc.code, dumps=json.dumps)
