"""Journal, appreciations, crisis replies, /safety and summaries through the fake Telegram."""

from __future__ import annotations

import struct
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from db.models import Appreciation, CheckinAnswer, CheckinRound, JournalEntry, User
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.helpers import answer, berlin, onboard, pair, rows, settle


def everything(user: FakeUser) -> str:
    return "\n".join((m.text or "") + (m.caption or "") for m in user.bot_messages()).lower()


async def test_journal_is_private_and_listed(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    await alice.send("/journal")
    ask = await alice.expect_text("just for you")
    await alice.press(ask, "prompt")
    prompted = await alice.expect_text("starting point")
    assert prompted.text and prompted.text.rstrip().endswith("?")
    await alice.send("Felt the old knot in my stomach at dinner")
    await alice.expect_text("saved to your journal")
    await alice.send("/journal Slept better tonight")
    await alice.expect_text("saved to your journal")
    await alice.send("/journal list")
    listing = await alice.expect_text("your journal")
    text = (listing.text or "").lower()
    assert text.index("slept better") < text.index("old knot")  # newest first
    entries = await rows(bot, JournalEntry, user_id=alice.id)
    assert len(entries) == 2 and entries[0].prompt_id is not None
    await settle(telegram)
    assert "knot" not in everything(bob) and "slept" not in everything(bob)
    await alice.send("/journal")
    await alice.expect_text("just for you")
    await alice.send("/cancel")
    await alice.expect_text("nothing more is waiting")
    await alice.send("Not a journal entry")
    await alice.expect_text("glad you wrote")  # only held, for a tap to keep
    assert len(await rows(bot, JournalEntry, user_id=alice.id)) == 2


async def test_appreciation_is_relayed_once_with_the_name(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    await answer(alice, telegram, (4, 4, 4), "Good day")
    await alice.expect_text("saved")
    await answer(bob, telegram, (4, 4, 4), None)
    reveal = await bob.expect_text("your check-ins are in")
    await bob.press(reveal, "appreciation")
    await bob.expect_text("a few words of appreciation")
    await bob.send("Thank you for making tea without being asked")
    await bob.expect_text("sent")
    alice.mark_read()
    await settle(telegram)
    relay = alice.bot_messages()[-1]
    assert "a note from bob" in (relay.text or "").lower()
    assert "making tea" in (relay.text or "").lower()
    await bob.press(reveal, "appreciation")
    await bob.expect_text("already sent")
    assert len(await rows(bot, Appreciation)) == 1


@pytest.mark.parametrize(
    "words",
    [
        "Honestly I want to kill myself some nights",
        "I keep thinking everyone would be better off without me",
        "he hit me again last night",
        "I'm scared he'll hurt me if I say no",
    ],
)
async def test_crisis_words_get_resources_and_are_not_relayed(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram, words: str
):
    await pair(alice, bob)
    await answer(alice, telegram, (2, 2, 2), words)
    crisis = await alice.expect_text("findahelpline.com")
    assert "112" in (crisis.text or "")  # Berlin's emergency number
    await alice.expect_text("kept what you wrote private")
    await alice.expect_text("saved")
    await answer(bob, telegram, (3, 3, 3), None)
    await settle(telegram)
    assert words.lower()[:20] not in everything(bob)
    assert "kept private" in (bob.bot_messages()[-1].text or "").lower()


async def test_crisis_words_in_journal_and_share_anyway(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    await alice.send("/journal I don't want to be alive anymore")
    await alice.expect_text("findahelpline.com")
    await alice.expect_text("saved to your journal")
    await answer(alice, telegram, (2, 2, 2), "She slapped me during the argument")
    await alice.expect_text("findahelpline")
    choice = await alice.expect_text("kept what you wrote private")
    await alice.press(choice, "share it with my partner anyway")
    await alice.expect_text("saved")
    await settle(telegram)
    (ans,) = await rows(bot, CheckinAnswer, user_id=alice.id)
    assert ans.private_mask & 8 == 0
    await answer(bob, telegram, (3, 3, 3), None)
    await settle(telegram)
    assert "slapped me" in (bob.bot_messages()[-1].text or "").lower()  # she chose to share
    assert "alive anymore" not in everything(bob)


async def test_safety_command_and_help_button_tell_nobody(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    await alice.send("/safety")
    reply = await alice.expect_text("findahelpline.com", "hotpeachpages")
    assert "112" in (reply.text or "")
    await alice.send("/help")
    help_message = await alice.expect_text("/safety")
    await alice.press(help_message, "support and safety")
    await alice.expect_text("findahelpline.com")
    await settle(telegram)
    assert bob.new_messages() == []


async def seed_weeks(bot, first: int, second: int, end: date, days: int) -> None:
    """Revealed daily rounds: first rates 2,3,4 in the older week and 4,4,4 in the last one;
    second always 3, with safety kept private every day."""
    async with bot.bot_data.deps.transaction() as session:
        couple_id = (await session.get(User, first)).couple_id
        for back in range(days):
            day = end - timedelta(days=back)
            opened = berlin(26, 12) - timedelta(days=back)
            round_ = CheckinRound(
                couple_id=couple_id,
                local_date=day,
                prompt_id="ci-001",
                opened_at=opened,
                closes_at=opened + timedelta(days=1),
                revealed_at=opened + timedelta(hours=1),
            )
            session.add(round_)
            await session.flush()
            recent = back < 7
            for user_id, ratings, mask in (
                (first, (4, 4, 4) if recent else (2, 3, 4), 0),
                (second, (3, 3, 3), 1),
            ):
                session.add(
                    CheckinAnswer(
                        round_id=round_.id,
                        user_id=user_id,
                        safety=ratings[0],
                        connection=ratings[1],
                        agreements=ratings[2],
                        text="seeded words",
                        text_skipped=False,
                        private_mask=mask,
                        started_at=opened,
                        updated_at=opened,
                        completed_at=opened,
                    )
                )


async def seed_days(bot, first: int, second: int, days: list[date]) -> None:
    """A revealed round on each of these days, both partners answering 3, 3, 3."""
    async with bot.bot_data.deps.transaction() as session:
        couple_id = (await session.get(User, first)).couple_id
        for day in days:
            opened = datetime(day.year, day.month, day.day, 18, tzinfo=UTC)
            round_ = CheckinRound(
                couple_id=couple_id,
                local_date=day,
                prompt_id="ci-001",
                opened_at=opened,
                closes_at=opened + timedelta(days=1),
                revealed_at=opened + timedelta(hours=1),
            )
            session.add(round_)
            await session.flush()
            for user_id in (first, second):
                session.add(
                    CheckinAnswer(
                        round_id=round_.id,
                        user_id=user_id,
                        safety=3,
                        connection=3,
                        agreements=3,
                        text=None,
                        text_skipped=True,
                        private_mask=0,
                        started_at=opened,
                        updated_at=opened,
                        completed_at=opened,
                    )
                )


@pytest.mark.parametrize(
    ("sunday", "days", "week", "four_weeks"),
    [
        # The 1st: the week's check-ins all fell in the month before.
        (
            date(2027, 8, 1),
            [date(2027, 7, 3), date(2027, 7, 5), date(2027, 7, 30), date(2027, 7, 31)],
            2,
            3,
        ),
        # The 6th: a week that began in the month before.
        (date(2026, 12, 6), [date(2026, 11, 30), date(2026, 12, 2), date(2026, 12, 5)], 3, 3),
        # The 31st: the last day of a month, with a check-in that very day.
        (date(2027, 1, 31), [date(2027, 1, 24), date(2027, 1, 25), date(2027, 1, 31)], 2, 3),
    ],
)
async def test_summary_numbers_agree_across_week_and_month_boundaries(
    bot,
    alice: FakeUser,
    bob: FakeUser,
    telegram: FakeTelegram,
    clock,
    sunday,
    days,
    week,
    four_weeks,
):
    await pair(alice, bob)
    await seed_days(bot, alice.id, bob.id, days)
    clock.set(datetime(sunday.year, sunday.month, sunday.day, 10, tzinfo=ZoneInfo("Europe/Berlin")))
    await alice.send("/summary")
    text = ((await alice.expect_among("your week together")).text or "").lower()
    assert f"check-ins you both answered this week: {week}\n" in text
    assert (
        f"over the last four weeks you've checked in on {four_weeks} days, "
        f"your partner on {four_weeks} days" in text
    )
    assert "this month" not in text


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


async def test_summary_numbers_and_chart(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    await seed_weeks(bot, alice.id, bob.id, date(2026, 11, 26), days=14)
    await alice.send("/summary")
    text = (await alice.expect_text("your week together")).text or ""
    lowered = text.lower()
    assert "both answered this week: 7" in lowered
    assert "you: felt safe 4 (↑2), felt connected 4 (↑1), agreements kept 4" in lowered
    # Bob kept safety private: it appears nowhere in Alice's summary.
    assert "your partner: felt safe –, felt connected 3, agreements kept 3" in lowered
    assert (
        "over the last four weeks you've checked in on 14 days, your partner on 14 days" in lowered
    )
    assert "looking up" in lowered
    photo = await alice.expect()
    assert photo.photo is not None and png_size(photo.photo) == (800, 600)
    await bob.send("/summary")
    bob_text = ((await bob.expect_text("your week together")).text or "").lower()
    assert "you: felt safe –" in bob_text
    assert "just for you, counting the answers you kept private: felt safe 3" in bob_text
    await bob.expect()


async def test_low_safety_is_told_only_to_that_person(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    await seed_weeks(bot, alice.id, bob.id, date(2026, 11, 26), days=14)
    async with bot.bot_data.deps.transaction() as session:
        await session.execute(
            update(CheckinAnswer)
            .where(CheckinAnswer.user_id == bob.id)
            .values(safety=1, connection=1)
        )
    await bob.send("/summary")
    bob_text = ((await bob.expect_text("your week")).text or "").lower()
    assert "counsellor" in bob_text and "hotpeachpages" in bob_text
    assert "couples therapist" not in bob_text
    await bob.expect()
    await alice.send("/summary")
    alice_text = ((await alice.expect_text("your week")).text or "").lower()
    assert "hotpeachpages" not in alice_text and "counsellor" not in alice_text
    await alice.expect()


async def test_weekly_summary_arrives_on_sunday_evening(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram, clock
):
    await pair(alice, bob)
    await bob.send("/schedule summary sat 18:00")
    await bob.expect_text("weekly summary", "18:00", "sat")
    await bob.send("/schedule summary someday 25:00")
    await bob.expect_text("couldn't read")
    for person in (alice, bob):
        for kind in ("selfcare", "affirmation", "checkin"):
            await person.send(f"/schedule {kind} off")
            await person.expect()
    clock.set(berlin(28, 18, 0))  # Saturday
    await bob.expect_text("your week together")
    photo = await bob.expect()
    assert photo.photo is not None
    await settle(telegram)
    assert alice.new_messages() == []
    clock.set(berlin(29, 19, 0))  # Sunday
    await alice.expect_text("your week together")
    await alice.expect()
    await alice.send("/schedule summary off")
    await alice.expect_text("off")


async def test_solo_summary(bot, carol: FakeUser, telegram: FakeTelegram):
    await onboard(carol)
    carol.mark_read()
    await answer(carol, telegram, (3, 4, 5), None)
    await carol.send("/summary")
    text = ((await carol.expect_text("your week")).text or "").lower()
    assert "felt safe 3, felt connected 4, agreements kept 5" in text
    assert "checked in on 1 day" in text and "partner" not in text
    photo = await carol.expect()
    assert photo.photo is not None
