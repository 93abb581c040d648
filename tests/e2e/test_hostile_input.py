"""Odd and hostile input: each gets a clear, kind reply; nothing is stored wrongly or broken."""

from __future__ import annotations

import time
from typing import Any

import pytest

from bot.flood import FloodGuard
from db.models import JournalEntry, User
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.helpers import onboard, rows, settle

MEDIA: dict[str, dict[str, Any]] = {
    "photo": {"photo": [{"file_id": "p", "file_unique_id": "up", "width": 9, "height": 9}]},
    "voice": {"voice": {"file_id": "v", "file_unique_id": "uv", "duration": 3}},
    "video": {
        "video": {"file_id": "d", "file_unique_id": "ud", "width": 9, "height": 9, "duration": 2}
    },
    "document": {"document": {"file_id": "f", "file_unique_id": "uf", "file_name": "x.pdf"}},
    "contact": {"contact": {"phone_number": "+4930000000", "first_name": "Someone"}},
    "location": {"location": {"latitude": 52.5, "longitude": 13.4}},
}


@pytest.mark.parametrize("kind", sorted(MEDIA))
async def test_media_gets_a_kind_reply_and_is_not_kept(bot, alice: FakeUser, kind: str):
    await onboard(alice)
    await alice.send("/journal")
    await alice.expect_text("your next message is saved")
    await alice.send_raw(MEDIA[kind])
    await alice.expect_text("typed words", "your entry", "/cancel")  # what the journal waits for
    assert not await rows(bot, JournalEntry)
    await alice.send("Still waiting for these words")  # the journal is still listening
    await alice.expect_text("saved")
    (entry,) = await rows(bot, JournalEntry)
    assert entry.text == "Still waiting for these words"


async def test_edited_messages_are_not_read_again(bot, alice: FakeUser, telegram: FakeTelegram):
    await onboard(alice)
    await alice.send_raw({"text": "/delete", "edit_date": 1}, kind="edited_message")
    await alice.expect_text("edited a message", "send it again")
    await settle(telegram)
    assert not any("erase everything" in (m.text or "") for m in alice.bot_messages())
    assert await rows(bot, User)


async def test_forwarded_text_is_not_taken_as_an_answer(
    bot, alice: FakeUser, telegram: FakeTelegram
):
    await onboard(alice)
    await alice.send("/journal")
    await alice.expect()
    origin = {"type": "hidden_user", "sender_user_name": "Someone else", "date": 1}
    await alice.send_raw({"text": "words someone else wrote", "forward_origin": origin})
    await alice.expect_text("forwarded", "your own words")
    await settle(telegram)
    assert not await rows(bot, JournalEntry)


async def test_text_over_the_limits(bot, alice: FakeUser, telegram: FakeTelegram):
    await onboard(alice)
    await alice.send("x" * 4096)  # nothing was asked: only held, for "keep it" to save
    await alice.expect_text("glad you wrote")
    await alice.send("/journal")
    await alice.expect()
    await alice.send("y" * 4001)
    await alice.expect_text("a little long", "nothing was saved")
    assert not await rows(bot, JournalEntry)


MALFORMED = [
    ("/start not-a-real-code-at-all", "invite"),
    ("/checkin now please", "1 of 4"),
    ("/summary last year", "your week"),
    ("/schedule selfcare 25:99", "couldn't read"),
    ("/schedule nonsense", "/schedule"),
    ("/quiet from noon", "quiet"),
    ("/pause forever and ever", "pause"),
    ("/resume now", ""),
    ("/timezone Mars/Olympus", "don't know a time zone"),
    ("/boundaries review someday", "once you've paired"),
    ("/boundaries 12", "/boundaries add"),
    ("/invite 3", "invite"),
    ("/unlink everything", "not paired"),
    ("/settings x", "your settings"),
    ("/cancel all", "nothing"),
    ("/safety please", "emergency"),
    ("/help me", "what i can do"),
    ("/privacy ?", "what i keep"),
    ("/journal list extra", "saved"),
    ("/export all", "easier to read"),
]


async def test_malformed_arguments_for_every_command(bot, alice: FakeUser, telegram: FakeTelegram):
    await onboard(alice)
    for command, expected in MALFORMED:
        alice.mark_read()
        await alice.send(command)
        await settle(telegram)
        replies = [(m.text or m.caption or "").lower() for m in alice.new_messages()]
        assert replies, f"{command} got no reply"
        assert all("something went wrong" not in r for r in replies), command
        assert any(expected in r for r in replies), f"{command}: {replies}"
    assert (await rows(bot, User))[0].couple_id is None


async def test_a_flood_gets_one_slow_down_and_others_are_served(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await onboard(alice)
    await onboard(bob)
    moment = [0.0]
    frozen = FloodGuard(now=lambda: moment[0])  # a frozen second
    bot.bot_data.deps.flood = bot.bot_data.deps.updates.flood = frozen  # judged before the line
    alice.mark_read()
    sent = [await alice.send(f"flood message number {number}") for number in range(100)]
    started = time.perf_counter()
    await bob.send("/help")
    await bob.expect_text("what i can do", timeout=5)
    waited = time.perf_counter() - started
    await settle(telegram)
    replies = [m.text or "" for m in alice.new_messages()]
    assert sum("taking a short pause" in r for r in replies) == 1
    # The burst of 40 was read: one offer to keep the words, each later line joined to it (a
    # quiet "noted" reaction, no message); then one "slow down", then quiet.
    assert len(replies) == 2 and sum("keep this in your journal" in r for r in replies) == 1
    assert [bool(m.reactions) for m in sent] == [False] + [True] * 39 + [False] * 60
    assert waited < 3.0
    moment[0] += 5
    await alice.send("/help")
    await settle(telegram)
    assert "what i can do" not in (alice.bot_messages()[-1].text or "").lower()  # still muted
    moment[0] += 6
    alice.mark_read()
    await alice.send("/help")
    await alice.expect_text("what i can do")


async def test_added_to_a_group_says_so_once_and_leaves(
    bot, alice: FakeUser, telegram: FakeTelegram
):
    from demo.fake_telegram.users import FakeGroup

    group = FakeGroup(telegram, -300, "group")
    await telegram.push_update(
        {
            "update_id": telegram.next_update_id(),
            "message": {
                "message_id": telegram.next_message_id(),
                "date": 1,
                "chat": {"id": -300, "type": "group", "title": "Family"},
                "from": alice.info,
                "new_chat_members": [telegram.bot],
            },
        }
    )
    await settle(telegram)
    await telegram.wait_for(lambda: telegram.left_chats)
    assert telegram.left_chats == [-300]
    (refusal,) = group.bot_messages()
    assert "private chat" in (refusal.text or "")
    assert not await rows(bot, User)
