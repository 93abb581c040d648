"""/export and /delete, as far as the foundation holds data."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from db.models import Couple, Invite, Reminder, User
from demo.fake_telegram import FakeTelegram
from tests.helpers import (
    BOB_HELD,
    BOB_JOURNAL,
    accept_join,
    bob_everywhere,
    invite_code,
    onboard,
    settle,
)


async def test_export_sends_a_json_file_of_own_data_only(bot, alice, bob):
    await onboard(alice, zone="Europe/Berlin", role="hurt")
    await alice.send("/invite")
    code = invite_code((await alice.expect()).text or "")
    await onboard(bob, zone="Europe/London", role="broke", code=code)
    await accept_join(alice, bob)
    await bob.send("/export")
    document = await bob.expect()
    assert document.file_name == "tend-export.json" and document.document is not None
    data = json.loads(document.document)
    assert data["profile"]["telegram_id"] == bob.id
    assert data["profile"]["role"] == "broke" and data["profile"]["timezone"] == "Europe/London"
    assert data["pairing"]["paired"] is True
    assert [(r["kind"], r["time"]) for r in data["reminders"]] == [
        ("selfcare", "09:00"),
        ("affirmation", "13:00"),
        ("checkin", "20:30"),
        ("summary", "19:00"),
    ]
    assert data["settings"]["quiet_hours"] == ["22:00", "08:00"]
    raw = document.document.decode()
    assert str(alice.id) not in raw and "hurt" not in raw and "Berlin" not in raw
    readable = await bob.expect_text("easier to read")
    assert readable.file_name == "tend-export.md" and readable.document is not None
    markdown = readable.document.decode()
    assert markdown.startswith("# Everything tend holds about you")
    assert "## Reminders" in markdown and "- **Kind**: check-in" in markdown
    assert "Europe/London" in markdown and "Berlin" not in markdown


async def test_export_before_consent_has_nothing(bot, alice):
    await alice.send("/export")
    await alice.expect_text("nothing to export")


async def test_delete_erases_rows_ends_pairing_and_tells_partner_only_that(
    bot, alice, bob, telegram: FakeTelegram
):
    await onboard(alice)
    await alice.send("/invite")
    code = invite_code((await alice.expect()).text or "")
    await onboard(bob, code=code)
    await accept_join(alice, bob)
    await bob.send("/invite")
    await bob.expect_text("already paired")
    await bob.send("/delete")
    confirm = await bob.expect_text("erase everything")
    await bob.press(confirm, "no, keep")
    await settle(telegram)
    assert "nothing was erased" in (confirm.text or "").lower()
    await bob.send("/delete")
    await bob.press(await bob.expect(), "yes, erase")
    note = await alice.expect_text("pairing has ended")
    assert "bob" not in (note.text or "").lower()
    async with bot.bot_data.deps.transaction() as session:
        assert await session.get(User, bob.id) is None
        assert (
            await session.execute(select(Reminder).where(Reminder.user_id == bob.id))
        ).all() == []
        assert (await session.execute(select(Couple))).all() == []
        assert (
            await session.execute(select(Invite).where(Invite.inviter_id == bob.id))
        ).all() == []
        alice_row = await session.get(User, alice.id)
        assert alice_row is not None and alice_row.couple_id is None
    await bob.send("/export")
    await bob.expect_text("nothing about you is stored")  # plainly, no "yet"
    await bob.send("/start")
    await bob.expect_text("not therapy")  # a fresh start, asking consent again


async def test_the_readable_export_speaks_words_and_local_times(bot, alice, bob, telegram):
    await bob_everywhere(alice, bob, telegram)
    await settle(telegram)
    bob.mark_read()
    await bob.send("/export")
    data = json.loads((await bob.expect()).document or b"{}")
    assert data["held_messages"][0]["text"] == BOB_HELD  # what is held is exported too
    readable = await bob.expect_text("easier to read")
    markdown = (readable.document or b"").decode()
    # No raw stored value after a label, no ISO date or timestamp, no microseconds.
    raw = re.compile(
        r"\*\*: (hurt|broke|unsaid|private|shared|talk|contact|transparency|intimacy|time|"
        r"other|selfcare|checkin|summary|not_kept|unsure|mine|partner's|safety|connection|"
        r"agreements)\s*$",
        re.MULTILINE,
    )
    assert raw.findall(markdown) == []
    assert re.search(r"\d{4}-\d{2}-\d{2}", markdown) is None
    assert re.search(r"\d{2}:\d{2}:\d{2}", markdown) is None
    assert "_" not in re.sub(r"^(- \*\*)?Telegram id.*$", "", markdown, flags=re.MULTILINE)
    for words in (
        "**Your side**: the partner who broke trust",
        "**Kind**: self-care nudge",
        "**Status**: your partner would like to talk about it",  # Bob's own boundary
        "**Area**: Transparency",
        "**Answer**: acknowledged",  # Bob's answer to Alice's boundary
        "**How it went**: not kept",
        "**Kept private**: –",
        "**Quiet hours**: 22:00 to 08:00",
        "Times are shown in your time zone, Europe/Berlin.",
        "Thursday 26 November 2026, 13:00",  # consent at 12:00 UTC, in Berlin
        BOB_JOURNAL,
        BOB_HELD,
    ):
        assert words in markdown, words
