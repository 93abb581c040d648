"""The Bot API methods the fake implements. Each takes checked params and returns `result`."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any

from demo.fake_telegram.html_check import EntityError, plain_text
from demo.fake_telegram.spec import reaction_emoji

if TYPE_CHECKING:
    from demo.fake_telegram.server import Chat, FakeTelegram, SentMessage

COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")  # setMyCommands: "A two-letter ISO 639-1 language code"


def _api_error(code: int, description: str) -> Exception:
    from demo.fake_telegram.server import ApiError

    return ApiError(code, description)


def _chat_for_send(server: FakeTelegram, chat_id: Any) -> Chat:
    if not isinstance(chat_id, int):
        raise _api_error(400, "Bad Request: chat not found")
    chat = server.chats.get(chat_id)
    if chat is None and server.open_chats:
        chat = server.open_chat(chat_id)
    if chat is None:
        raise _api_error(400, "Bad Request: chat not found")
    if chat.blocked:
        raise _api_error(403, "Forbidden: bot was blocked by the user")
    server.check_flood(chat.id)
    return chat


def _render(params: dict[str, Any], key: str, limit: int) -> tuple[str, str]:
    raw = params.get(key, "")
    if params.get("parse_mode") == "HTML":
        try:
            shown = plain_text(raw)
        except EntityError as exc:
            raise _api_error(400, f"Bad Request: can't parse entities: {exc}") from None
    elif params.get("parse_mode") is None:
        shown = raw
    else:
        raise _api_error(400, "Bad Request: unsupported parse_mode in this fake")
    if len(shown) > limit:
        what = "message is too long" if key == "text" else "message caption is too long"
        raise _api_error(400, f"Bad Request: {what}")
    if key == "text" and not shown.strip():
        raise _api_error(400, "Bad Request: message text is empty")
    return shown, raw


def _check_markup(markup: Any) -> dict[str, Any] | None:
    if markup is None:
        return None
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        return dict(markup) if isinstance(markup, dict) else None
    for row in markup["inline_keyboard"]:
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode("utf-8")) <= 64:
                raise _api_error(400, "Bad Request: BUTTON_DATA_INVALID")
            if not button.get("text"):
                raise _api_error(
                    400, "Bad Request: text buttons are unallowed in the inline keyboard"
                )
    return markup


def message_json(server: FakeTelegram, message: SentMessage) -> dict[str, Any]:
    """A Message object as Telegram returns it."""
    chat = server.chats[message.chat_id]
    chat_json: dict[str, Any] = {"id": chat.id, "type": chat.type}
    if chat.user:
        chat_json.update({k: v for k, v in chat.user.items() if k in ("first_name", "username")})
    if chat.title:
        chat_json["title"] = chat.title
    data: dict[str, Any] = {
        "message_id": message.message_id,
        "date": message.date,
        "chat": chat_json,
    }
    data["from"] = server.bot if message.from_bot else chat.user
    if message.text is not None:
        data["text"] = message.text
    if message.caption is not None:
        data["caption"] = message.caption
    if message.document is not None:
        data["document"] = {
            "file_id": f"doc{message.message_id}",
            "file_unique_id": f"udoc{message.message_id}",
            "file_name": message.file_name,
            "file_size": len(message.document),
        }
    if message.photo is not None:
        data["photo"] = [
            {
                "file_id": f"photo{message.message_id}",
                "file_unique_id": f"uphoto{message.message_id}",
                "width": 800,
                "height": 600,
                "file_size": len(message.photo),
            }
        ]
    if message.reply_markup:
        data["reply_markup"] = message.reply_markup
    if message.edits:
        data["edit_date"] = int(time.time())
    return data


def _store(server: FakeTelegram, chat: Chat, **fields: Any) -> SentMessage:
    from demo.fake_telegram.server import SentMessage

    message = SentMessage(
        message_id=server.next_message_id(),
        chat_id=chat.id,
        from_bot=True,
        date=int(time.time()),
        **fields,
    )
    chat.messages.append(message)
    return message


def _find(server: FakeTelegram, params: dict[str, Any], what: str) -> SentMessage:
    chat = server.chats.get(params.get("chat_id"))  # type: ignore[arg-type]
    if chat is None:
        raise _api_error(400, "Bad Request: chat not found")
    for message in chat.messages:
        if message.message_id == params.get("message_id") and not message.deleted:
            if not message.from_bot and what == "edit":
                raise _api_error(400, "Bad Request: message can't be edited")
            return message
    raise _api_error(400, f"Bad Request: message to {what} not found")


async def getMe(server: FakeTelegram, params: dict[str, Any]) -> Any:
    return server.bot


async def deleteWebhook(server: FakeTelegram, params: dict[str, Any]) -> Any:
    server.webhook = None
    return True


async def setWebhook(server: FakeTelegram, params: dict[str, Any]) -> Any:
    if not str(params["url"]).startswith("https://"):
        raise _api_error(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
    server.webhook = params
    return True


async def getWebhookInfo(server: FakeTelegram, params: dict[str, Any]) -> Any:
    return {
        "url": (server.webhook or {}).get("url", ""),
        "has_custom_certificate": False,
        "pending_update_count": server.pending_updates,
    }


async def getUpdates(server: FakeTelegram, params: dict[str, Any]) -> Any:
    if server.webhook is not None:
        raise _api_error(
            409,
            "Conflict: can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first",
        )
    limit = min(max(params.get("limit", 100), 1), 100)
    return await server.take_updates(params.get("offset"), limit, params.get("timeout", 0))


def _menu_key(params: dict[str, Any]) -> str:
    """Where a command menu is kept: its scope's type, plus ":<language_code>" when one is given
    (Telegram keeps one menu per scope and language; "" is the same as none)."""
    scope = (params.get("scope") or {}).get("type", "default")
    language = params.get("language_code") or ""
    if language and not LANGUAGE_CODE.match(language):
        raise _api_error(400, "Bad Request: invalid language code specified")
    return f"{scope}:{language}" if language else scope


async def setMyCommands(server: FakeTelegram, params: dict[str, Any]) -> Any:
    for command in params["commands"]:
        if not COMMAND_NAME.match(command["command"]):
            raise _api_error(400, "Bad Request: BOT_COMMAND_INVALID")
        if not 1 <= len(command["description"]) <= 256:
            raise _api_error(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
    server.commands[_menu_key(params)] = params["commands"]
    return True


async def getMyCommands(server: FakeTelegram, params: dict[str, Any]) -> Any:
    return server.commands.get(_menu_key(params), [])


async def sendMessage(server: FakeTelegram, params: dict[str, Any]) -> Any:
    chat = _chat_for_send(server, params["chat_id"])
    text, raw = _render(params, "text", 4096)
    message = _store(
        server,
        chat,
        text=text,
        html=raw,
        reply_markup=_check_markup(params.get("reply_markup")),
        silent=bool(params.get("disable_notification")),
    )
    return message_json(server, message)


async def editMessageText(server: FakeTelegram, params: dict[str, Any]) -> Any:
    message = _find(server, params, "edit")
    text, raw = _render(params, "text", 4096)
    markup = _check_markup(params.get("reply_markup"))
    if text == message.text and markup == message.reply_markup:
        raise _api_error(
            400,
            "Bad Request: message is not modified: specified new message "
            "content and reply markup are exactly the same as a current "
            "content and reply markup of the message",
        )
    message.text, message.html, message.reply_markup = text, raw, markup
    message.edits += 1
    return message_json(server, message)


async def editMessageReplyMarkup(server: FakeTelegram, params: dict[str, Any]) -> Any:
    message = _find(server, params, "edit")
    markup = _check_markup(params.get("reply_markup"))
    if markup == message.reply_markup:
        raise _api_error(400, "Bad Request: message is not modified")
    message.reply_markup = markup
    message.edits += 1
    return message_json(server, message)


async def deleteMessage(server: FakeTelegram, params: dict[str, Any]) -> Any:
    message = _find(server, params, "delete")
    if time.time() - message.date > 48 * 3600:  # Telegram's limit for bots
        raise _api_error(400, "Bad Request: message can't be deleted for everyone")
    message.deleted = True
    return True


async def setMessageReaction(server: FakeTelegram, params: dict[str, Any]) -> Any:
    message = _find(server, params, "react to")
    reaction = params.get("reaction") or []
    if not isinstance(reaction, list) or len(reaction) > 1:
        raise _api_error(400, "Bad Request: REACTIONS_TOO_MANY")
    emoji = []
    for kind in reaction:
        if not isinstance(kind, dict) or kind.get("type") != "emoji":
            raise _api_error(400, "Bad Request: REACTION_INVALID")
        if kind.get("emoji") not in reaction_emoji():
            raise _api_error(400, "Bad Request: REACTION_INVALID")
        emoji.append(kind["emoji"])
    message.reactions = emoji
    return True


async def answerCallbackQuery(server: FakeTelegram, params: dict[str, Any]) -> Any:
    query = server.callback_queries.get(params["callback_query_id"])
    if query is not None and query.get("too_late"):
        query["refused"] = True
    if query is None or query.get("answered") or query.get("too_late"):
        raise _api_error(
            400, "Bad Request: query is too old and response timeout expired or query ID is invalid"
        )
    if len(params.get("text", "")) > 200:
        raise _api_error(400, "Bad Request: MESSAGE_TOO_LONG")
    query["answered"] = True
    query["answer_text"] = params.get("text")
    return True


async def _send_file(server: FakeTelegram, params: dict[str, Any], key: str) -> Any:
    chat = _chat_for_send(server, params["chat_id"])
    upload = params[key]
    if isinstance(upload, str):  # a file_id from an earlier answer: Telegram sends it again
        prefix = "photo" if key == "photo" else "doc"
        stored = server.files.get(f"{key}s/file_{upload.removeprefix(prefix)}")
        if stored is None:
            raise _api_error(400, "Bad Request: wrong file identifier/HTTP URL specified")
        upload = {"file": stored, "filename": f"{upload}.bin"}
    if not isinstance(upload, dict):
        raise _api_error(400, "Bad Request: wrong file identifier/HTTP URL specified")
    caption = _render(params, "caption", 1024)[0] if "caption" in params else None
    fields: dict[str, Any] = {
        "caption": caption,
        "reply_markup": _check_markup(params.get("reply_markup")),
        "silent": bool(params.get("disable_notification")),
    }
    if key == "document":
        fields.update(document=upload["file"], file_name=upload["filename"])
    else:
        fields["photo"] = upload["file"]
    message = _store(server, chat, **fields)
    server.files[f"{key}s/file_{message.message_id}"] = upload["file"]
    return message_json(server, message)


async def sendDocument(server: FakeTelegram, params: dict[str, Any]) -> Any:
    return await _send_file(server, params, "document")


async def sendPhoto(server: FakeTelegram, params: dict[str, Any]) -> Any:
    return await _send_file(server, params, "photo")


async def getFile(server: FakeTelegram, params: dict[str, Any]) -> Any:
    file_id = params["file_id"]
    for path, data in server.files.items():
        if path.endswith(file_id.removeprefix("doc").removeprefix("photo")):
            return {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_size": len(data),
                "file_path": path,
            }
    raise _api_error(400, "Bad Request: invalid file_id")


async def getChat(server: FakeTelegram, params: dict[str, Any]) -> Any:
    chat = server.chats.get(params.get("chat_id"))  # type: ignore[arg-type]
    if chat is None:
        raise _api_error(400, "Bad Request: chat not found")
    data: dict[str, Any] = {
        "id": chat.id,
        "type": chat.type,
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        },
    }
    if chat.user:
        data.update({k: v for k, v in chat.user.items() if k in ("first_name", "username")})
    if chat.title:
        data["title"] = chat.title
    return data


async def sendChatAction(server: FakeTelegram, params: dict[str, Any]) -> Any:
    _chat_for_send(server, params["chat_id"])
    return True


async def leaveChat(server: FakeTelegram, params: dict[str, Any]) -> Any:
    server.left_chats.append(int(params["chat_id"]))
    return True
