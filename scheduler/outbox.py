"""What the dispatcher hands to Telegram, and the protocol it hands it through."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class SendStatus(StrEnum):
    """How one send ended."""

    SENT = "sent"
    BLOCKED = "blocked"  # 403: the person blocked the bot
    FAILED = "failed"  # refused or kept failing: this occurrence is given up
    UNCERTAIN = "uncertain"  # timed out: Telegram may or may not have delivered it


@dataclass(frozen=True)
class SendResult:
    """The outcome of one send."""

    status: SendStatus
    message_id: int | None = None


@dataclass(frozen=True)
class Outgoing:
    """One scheduled message, ready to render."""

    delivery_id: int
    user_id: int
    kind: str  # selfcare | affirmation | checkin | summary | share | path
    text: str
    attempt: int  # 0 for the regular send, 1.. for snoozed repeats
    discreet: bool
    notice: bool = False  # "joint check-ins are paused for now" instead of a prompt
    can_snooze: bool = False
    ref: int | None = None  # the check-in round a prompt belongs to (a share: its plan; a path
    # message: the path)
    # The content item sent, as its delivery row stores it (a nudge's library id; a share:
    # "invite" or "renew"; a path message: what it is, core.path_messages.PathMessage).
    item_id: str | None = None
    language: str = "en"  # the reader's (core.languages), for content rendered at sending
    paired: bool = True  # a check-in prompt says "you both get this question" only if so


class Notifier(Protocol):
    """Sends scheduled messages; the only way the scheduler reaches Telegram."""

    async def send_scheduled(self, message: Outgoing) -> SendResult:
        """Render and send one message; never raises for Telegram errors."""
        ...


class SendRate(Protocol):
    """The bot's rate limiter as the scheduler sees it: told this process's share of the
    overall send budget (messages per second) after each heartbeat."""

    def set_rate(self, per_second: float) -> None:
        """Use `per_second` as this process's overall rate from now on."""
        ...


# If a process dies after Telegram accepted a message but before the delivery was recorded, the
# occurrence is found "in flight" at the next claim. Lose it (a nudge missed is harmless; one
# sent twice breaks trust) or send it again (a joint check-in prompt matters more than a rare
# duplicate, and answering it is idempotent). Timeouts follow the same choice.
RESEND_IF_UNCERTAIN = {
    "selfcare": False,
    "affirmation": False,
    "checkin": True,
    "summary": False,
    "share": False,
    "path": False,
}
