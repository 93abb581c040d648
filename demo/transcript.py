"""Messages as plain text: for the scripted demo's transcript and the chat panes."""

from __future__ import annotations

from pathlib import Path

from demo.fake_telegram.server import SentMessage


def buttons_line(message: SentMessage) -> list[str]:
    """One line per row of inline buttons: [Label] [Label]."""
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    return ["  ".join(f"[{button['text']}]" for button in row) for row in rows]


def body(message: SentMessage, saved: Path | None) -> str:
    """The words of a message, with a note where a picture or file was saved."""
    parts = []
    if message.text:
        parts.append(message.text)
    if message.caption:
        parts.append(message.caption)
    if saved is not None:
        kind = "picture" if message.photo is not None else "file"
        parts.append(f"({kind} saved to {saved})")
    return "\n".join(parts)
