"""People (and groups) talking to the bot through the fake server."""

from __future__ import annotations

import re
import time
from typing import Any

from demo.fake_telegram.server import Chat, FakeTelegram, SentMessage

COMMAND = re.compile(r"^/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?")


def _entities(text: str) -> list[dict[str, Any]]:
    match = COMMAND.match(text)
    if not match:
        return []
    return [{"type": "bot_command", "offset": 0, "length": len(match.group(0))}]


class FakeUser:
    """A Telegram user with a private chat to the bot."""

    def __init__(
        self, server: FakeTelegram, user_id: int, first_name: str, username: str | None = None
    ) -> None:
        self.server, self.id = server, user_id
        self.info: dict[str, Any] = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": "en",
        }
        if username:
            self.info["username"] = username
        self._seen = 0

    @property
    def chat(self) -> Chat:
        """The private chat (made on first contact, as Telegram does when someone writes)."""
        if self.id not in self.server.chats:
            self.server.chats[self.id] = Chat(id=self.id, type="private", user=self.info)
        return self.server.chats[self.id]

    def bot_messages(self) -> list[SentMessage]:
        """Everything the bot has sent to this person, in order (edits applied)."""
        return [m for m in self.chat.messages if m.from_bot]

    def mark_read(self) -> None:
        """Forget what arrived so far; `expect` then waits for something new."""
        self._seen = len(self.bot_messages())

    async def send(self, text: str, **extra: Any) -> SentMessage:
        """Type a message (commands get their bot_command entity, as in real clients)."""
        message = SentMessage(
            message_id=self.server.next_message_id(),
            chat_id=self.chat.id,
            from_bot=False,
            date=int(time.time()),
            text=text,
        )
        self.chat.messages.append(message)
        body: dict[str, Any] = {
            "message_id": message.message_id,
            "date": message.date,
            "chat": {"id": self.id, "type": "private", "first_name": self.info["first_name"]},
            "from": self.info,
            "text": text,
        }
        entities = _entities(text)
        if entities:
            body["entities"] = entities
        body.update(extra)
        await self.server.push_update({"update_id": self.server.next_update_id(), "message": body})
        return message

    async def send_raw(self, message_fields: dict[str, Any], kind: str = "message") -> None:
        """Send any kind of message (sticker, photo, location…) or an edited one."""
        body: dict[str, Any] = {
            "message_id": self.server.next_message_id(),
            "date": int(time.time()),
            "chat": {"id": self.id, "type": "private", "first_name": self.info["first_name"]},
            "from": self.info,
        }
        body.update(message_fields)
        _ = self.chat
        await self.server.push_update({"update_id": self.server.next_update_id(), kind: body})

    async def press(
        self,
        message: SentMessage,
        label: str | None = None,
        data: str | None = None,
        *,
        inaccessible: bool | None = None,
        late: bool | None = None,
    ) -> str:
        """Tap an inline button by its label (or send made-up callback data); returns its id.

        As Telegram does, a press on a message older than the server's `inaccessible_after`
        carries it as an InaccessibleMessage (id, chat, date 0, no text); `inaccessible=True`
        forces that. `late=True` (or the server's `late_callback_answers`) makes answering the
        press fail as Telegram refuses an answer that comes too late.
        """
        if data is None:
            for button in message.buttons():
                if label is not None and label.lower() in button["text"].lower():
                    data = button["callback_data"]
                    break
            else:
                labels = [b["text"] for b in message.buttons()]
                raise AssertionError(f"no button {label!r} on message; buttons: {labels}")
        query_id = f"cq{self.server.next_update_id()}"
        if inaccessible is None:
            inaccessible = time.time() - message.date > self.server.inaccessible_after
        chat = {"id": message.chat_id, "type": "private", "first_name": self.info["first_name"]}
        shown: dict[str, Any] = {"message_id": message.message_id, "chat": chat}
        if inaccessible:
            shown["date"] = 0
        else:
            shown.update(date=message.date, text=message.text or "", **{"from": self.server.bot})
            if message.reply_markup:
                shown["reply_markup"] = message.reply_markup
        query: dict[str, Any] = {
            "id": query_id,
            "from": self.info,
            "chat_instance": f"ci{self.id}",
            "data": data,
            "message": shown,
        }
        too_late = self.server.late_callback_answers if late is None else late
        self.server.callback_queries[query_id] = {"answered": False, "too_late": too_late}
        await self.server.push_update(
            {"update_id": self.server.next_update_id(), "callback_query": query}
        )
        return query_id

    async def expect(self, timeout: float = 5.0) -> SentMessage:
        """The next new message from the bot."""

        def arrived() -> SentMessage | None:
            messages = self.bot_messages()
            return messages[self._seen] if len(messages) > self._seen else None

        message: SentMessage = await self.server.wait_for(arrived, timeout)
        self._seen += 1
        return message

    async def expect_text(self, *fragments: str, timeout: float = 5.0) -> SentMessage:
        """The next new message, which must contain every fragment (case-insensitive)."""
        message = await self.expect(timeout)
        text = (message.text or message.caption or "").lower()
        for fragment in fragments:
            assert fragment.lower() in text, f"{fragment!r} not in bot message {message.text!r}"
        return message

    async def expect_among(self, *fragments: str, timeout: float = 5.0) -> SentMessage:
        """The next new message that contains every fragment, passing over others (scheduled
        nudges that the fake clock made due may arrive first)."""
        while True:
            message = await self.expect(timeout)
            text = (message.text or message.caption or "").lower()
            if all(fragment.lower() in text for fragment in fragments):
                return message

    async def answer_of(self, query_id: str, timeout: float = 5.0) -> dict[str, Any]:
        """Wait until the bot answered a button press; returns the answer."""
        query = self.server.callback_queries[query_id]
        await self.server.wait_for(lambda: query["answered"], timeout)
        return query

    def new_messages(self) -> list[SentMessage]:
        """Messages that arrived and were not yet taken by `expect`."""
        return self.bot_messages()[self._seen :]


class FakeGroup:
    """A group, supergroup or channel the bot was added to."""

    def __init__(self, server: FakeTelegram, chat_id: int, kind: str = "group") -> None:
        self.server, self.id, self.kind = server, chat_id, kind
        server.chats[chat_id] = Chat(id=chat_id, type=kind, title="Family")

    async def send(self, member: FakeUser, text: str) -> None:
        """A member (or, in a channel, the channel itself) posts a message."""
        body: dict[str, Any] = {
            "message_id": self.server.next_message_id(),
            "date": int(time.time()),
            "chat": {"id": self.id, "type": self.kind, "title": "Family"},
            "text": text,
        }
        if self.kind != "channel":
            body["from"] = member.info
        entities = _entities(text)
        if entities:
            body["entities"] = entities
        kind = "channel_post" if self.kind == "channel" else "message"
        await self.server.push_update({"update_id": self.server.next_update_id(), kind: body})

    def bot_messages(self) -> list[SentMessage]:
        """What the bot posted here."""
        return [m for m in self.server.chats[self.id].messages if m.from_bot]
