"""What is kept, and for how long: tidy chat on a shared phone; pruning; erasing the silent."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.texts import date_text
from db.models import Delivery, Invite, JournalEntry, Reminder, User
from demo.fake_telegram import FakeTelegram, FakeUser
from scheduler.retention import erasure_date
from tests.helpers import answer, berlin, full_ticks, onboard, pair, rows, settle, wait_until


def typed(user: FakeUser, words: str) -> list[bool]:
    """Whether each message the person typed with these words was deleted."""
    return [m.deleted for m in user.chat.messages if not m.from_bot and m.text == words]


async def test_tidy_chat_removes_typed_words_once_saved(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    all_set = next(m for m in alice.bot_messages() if "all set" in (m.text or ""))
    assert "Passcode Lock" in (all_set.text or "")  # onboarding suggests a Telegram passcode
    await alice.send("/journal")
    await alice.expect()
    await alice.send("Kept in the chat while tidy is off")
    await alice.expect_text("saved")
    assert typed(alice, "Kept in the chat while tidy is off") == [False]
    await alice.send("/settings")
    settings = await alice.expect_text("tidy chat: off")
    await alice.press(settings, "tidy chat")
    await alice.expect_text("tidy chat: on", "/export")
    await alice.send("/journal")
    await alice.expect()
    await alice.send("A journal entry nobody else should read")
    await alice.expect_text("saved")
    await settle(telegram)
    assert typed(alice, "A journal entry nobody else should read") == [True]
    await alice.send("/journal Written straight after the command")
    await alice.expect_text("saved")
    await settle(telegram)
    assert typed(alice, "/journal Written straight after the command") == [True]
    await alice.send("/journal")
    await alice.expect()
    await alice.send("z" * 4001)  # not saved: stays, so it can be copied and shortened
    await alice.expect_text("a little long")
    await settle(telegram)
    assert typed(alice, "z" * 4001) == [False]
    await answer(alice, telegram, (3, 3, 3), "My check-in words today")
    await alice.expect_text("saved")
    await settle(telegram)
    assert typed(alice, "My check-in words today") == [True]
    entries = {e.text for e in await rows(bot, JournalEntry)}
    assert "A journal entry nobody else should read" in entries  # saved, only the chat is tidy


async def test_retention_prunes_and_erases_people_not_heard_from(
    bot, alice: FakeUser, bob: FakeUser, carol: FakeUser, telegram: FakeTelegram, clock
):
    await pair(alice, bob)
    await onboard(carol)
    await carol.send("/invite")
    await carol.expect_text("invite link")
    assert len(await rows(bot, Invite, inviter_id=carol.id)) == 1
    clock.set(berlin(27, 9))  # the morning nudges: delivery records
    await alice.expect_among("a small moment for you")
    assert await rows(bot, Delivery, user_id=alice.id)
    clock.advance(timedelta(days=3))  # the invite expired
    await wait_until(lambda: _none(bot, Invite))
    assert len(await rows(bot, User)) == 3
    clock.advance(timedelta(days=30))  # delivery records older than 30 days go
    await wait_until(lambda: _none(bot, Delivery, created_at_before=berlin(27, 10)))
    bob.mark_read()
    await bob.send("/help")  # Bob is still around, the others fall silent
    await bob.expect_text("what i can do")
    clock.set(berlin(27, 9) + timedelta(days=366))
    await alice.expect_among("haven't heard from you in a long while")
    await carol.expect_among("haven't heard from you in a long while")
    await full_ticks(bot)
    assert len(await rows(bot, User)) == 3  # the warning always has its week
    clock.advance(timedelta(days=6, hours=23))
    await full_ticks(bot)
    assert len(await rows(bot, User)) == 3
    clock.advance(timedelta(hours=1, minutes=1))
    await wait_until(lambda: _only(bot, {bob.id}))
    await bob.expect_among("pairing has ended")
    assert not await rows(bot, JournalEntry)
    (left,) = await rows(bot, User)
    assert left.couple_id is None


async def test_a_warning_comes_two_weeks_ahead_and_any_message_keeps_everything(
    bot, alice: FakeUser, carol: FakeUser, telegram: FakeTelegram, clock
):
    await onboard(alice)
    await onboard(carol)
    await alice.send("/journal Still here, still trying")
    await alice.expect_text("saved")
    (person,) = await rows(bot, User, id=alice.id)
    last_seen = person.last_seen_at
    alice.mark_read()
    carol.mark_read()
    # 351 days later, at 23:00 in Berlin: quiet hours, so nothing yet.
    clock.set(berlin(26, 23) + timedelta(days=351))
    await full_ticks(bot)
    await settle(telegram)
    assert not [m for m in alice.new_messages() if "long while" in (m.text or "")]
    clock.set(berlin(27, 8, 5) + timedelta(days=351))  # their quiet hours are over
    warning = await alice.expect_among("haven't heard from you in a long while")
    erase_on = erasure_date(last_seen, clock.now(), 365).astimezone(ZoneInfo("Europe/Berlin"))
    assert date_text(erase_on) in (warning.text or "") and "/export" in (warning.text or "")
    await carol.expect_among("haven't heard from you in a long while")
    # Alice writes; Carol stays silent.
    await alice.send("/help")
    await alice.expect_among("good to see you again", "nothing will be erased")
    clock.set(berlin(27, 9) + timedelta(days=366))
    await wait_until(lambda: _only(bot, {alice.id}))
    assert [e.text for e in await rows(bot, JournalEntry)] == ["Still here, still trying"]
    (person,) = await rows(bot, User, id=alice.id)
    assert person.erasure_warned_at is None
    # A year on she is warned again, once.
    alice.mark_read()
    clock.advance(timedelta(days=351))
    await alice.expect_among("haven't heard from you in a long while")
    clock.advance(timedelta(hours=5))
    await full_ticks(bot)
    await settle(telegram)
    assert not [m for m in alice.new_messages() if "long while" in (m.text or "")]


async def test_someone_who_blocked_the_bot_is_erased_on_time(
    bot, alice: FakeUser, telegram: FakeTelegram, clock
):
    await onboard(alice)
    telegram.chat(alice.id).blocked = True
    clock.set(berlin(27, 10) + timedelta(days=352))
    await wait_until(lambda: _active(bot, alice.id, False))  # the warning could not be given
    assert [r.next_fire_at for r in await rows(bot, Reminder, user_id=alice.id)] == [None] * 4
    (person,) = await rows(bot, User, id=alice.id)
    assert person.erasure_warned_at is None
    clock.set(berlin(27, 10) + timedelta(days=365))
    await wait_until(lambda: _only(bot, set()))


async def test_a_late_warning_still_gets_its_week(
    bot, alice: FakeUser, telegram: FakeTelegram, clock
):
    await onboard(alice)
    # Long past the erasure date, and past the grace for people no warning reached (downtime).
    clock.set(berlin(27, 10) + timedelta(days=420))
    warning = await alice.expect_among("haven't heard from you in a long while")
    week_on = (clock.now() + timedelta(days=7)).astimezone(ZoneInfo("Europe/Berlin"))
    assert date_text(week_on) in (warning.text or "")
    await full_ticks(bot)
    assert len(await rows(bot, User)) == 1
    clock.advance(timedelta(days=7, hours=1))
    await wait_until(lambda: _only(bot, set()))


async def _none(bot, model, created_at_before=None) -> bool:
    found = await rows(bot, model)
    if created_at_before is not None:
        found = [r for r in found if r.created_at < created_at_before]
    return not found


async def _active(bot, user_id: int, active: bool) -> bool:
    return [u.active for u in await rows(bot, User, id=user_id)] == [active]


async def _only(bot, ids: set[int]) -> bool:
    # Ids only: this is polled while retention erases people, and a whole row read just as its
    # person is erased can no longer be decrypted (its data key went with it).
    async with bot.bot_data.deps.transaction() as session:
        return set((await session.execute(select(User.id))).scalars()) == ids
