"""A question the bot asked hours ago does not take what the person types next; danger words
always get the crisis resources, whether or not a question is open."""

from __future__ import annotations

from datetime import timedelta

from db.models import BoundaryResponse, CheckinAnswer, JournalEntry, User
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.helpers import CONSEQUENCE, NEED, add, onboard, pair, rows, settle, share

LATER = timedelta(hours=2, minutes=1)


async def test_a_journal_opened_hours_ago_keeps_nothing(bot, alice: FakeUser, clock):
    await onboard(alice)
    await alice.send("/journal")
    await alice.expect_text("just for you")
    clock.advance(timedelta(hours=1, minutes=59))  # still in time
    await alice.send("Took a long walk before I could write this")
    await alice.expect_text("saved to your journal")
    await alice.send("/journal")
    await alice.expect_text("just for you")
    clock.advance(LATER)
    await alice.send("Are you coming home for dinner tonight?")
    late = await alice.expect_text("haven't saved this yet", "keep it there")
    assert len(await rows(bot, JournalEntry, user_id=alice.id)) == 1
    (person,) = await rows(bot, User, id=alice.id)
    assert person.awaiting is None  # the expired question is closed, not left to catch more
    alice.mark_read()
    another = await alice.send("Another message")  # joins the words held just above
    await alice.server.wait_for(lambda: another.reactions == ["✍"])
    assert alice.new_messages() == []
    # Perhaps it was meant for the journal after all: one tap keeps both lines.
    keep = next(b["callback_data"] for b in late.buttons() if "keep it" in b["text"].lower())
    await alice.answer_of(await alice.press(late, data=keep))
    entries = await rows(bot, JournalEntry, user_id=alice.id)
    assert sorted(e.text for e in entries) == [
        "Are you coming home for dinner tonight?\n\nAnother message",
        "Took a long walk before I could write this",
    ]


async def test_a_late_note_never_reaches_the_partner(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram, clock
):
    await pair(alice, bob)
    card = await add(alice, telegram, NEED, CONSEQUENCE)
    await share(alice, telegram, card)
    offer = await bob.expect_text("a boundary from alice")
    await bob.press(offer, "let's talk")
    await bob.expect_text("add a short note")
    await alice.expect_text("would like to talk about your boundary")
    clock.advance(LATER)
    await bob.send("Running late, start without me")
    await bob.expect_text("haven't saved or sent this", "/boundaries")
    await settle(telegram)
    assert not alice.new_messages()
    (response,) = await rows(bot, BoundaryResponse)
    assert response.note is None


async def test_a_check_in_question_left_open_is_asked_again(
    bot, alice: FakeUser, telegram: FakeTelegram, clock
):
    await onboard(alice)
    await alice.send("/checkin")
    flow = await alice.expect_text("1 of 4")
    for value in ("4", "3", "4"):
        await alice.press(flow, value)
        await settle(telegram)
    assert "4 of 4" in (flow.text or "")
    clock.advance(LATER)
    await alice.send("Buy milk")
    await alice.expect_text("haven't saved this as your answer", "/checkin")
    (answer,) = await rows(bot, CheckinAnswer)
    assert answer.text is None and answer.completed_at is None
    await alice.send("/checkin")
    await alice.expect_text("4 of 4")
    await alice.send("We laughed together at breakfast")
    await alice.expect_text("saved")
    (answer,) = await rows(bot, CheckinAnswer)
    assert answer.text == "We laughed together at breakfast" and answer.completed_at is not None


async def test_danger_words_get_help_with_no_question_open(
    bot, alice: FakeUser, carol: FakeUser, telegram: FakeTelegram, clock
):
    await onboard(alice)
    await alice.send("I don't want to be alive anymore")
    crisis = await alice.expect_text("findahelpline.com")
    assert "112" in (crisis.text or "")
    await alice.expect_text("glad you wrote")  # the crisis reply first, then the choice
    # Before any consent too (nothing is stored), and with an expired question.
    await carol.send("he hits me when he is angry")
    await carol.expect_text("findahelpline.com")
    await carol.expect_text("/start")
    await alice.send("/journal")
    await alice.expect_text("just for you")
    clock.advance(LATER)
    await alice.send("I want to kill myself")
    await alice.expect_text("findahelpline.com")
    await alice.expect_text("haven't saved this")
    assert await rows(bot, JournalEntry) == []


async def test_a_reply_keeps_the_question_open(bot, alice: FakeUser, clock):
    await onboard(alice)
    await alice.send("/journal")
    await alice.expect_text("just for you")
    clock.advance(timedelta(hours=1, minutes=50))
    await alice.send("x" * 4001)
    await alice.expect_text("a little long")
    clock.advance(timedelta(hours=1))  # 2 h 50 after /journal, 1 h after the last reply
    await alice.send("The shorter version of what I wanted to say")
    await alice.expect_text("saved to your journal")


async def test_danger_words_at_the_time_zone_question(bot, alice: FakeUser):
    await onboard(alice)
    await alice.send("/timezone")
    await alice.expect_text("time zone")
    await alice.send("I am going to kill myself")
    await alice.expect_text("findahelpline.com")
    await alice.expect()  # and the time zone answer as before


async def test_typing_while_a_check_in_waits_for_a_tap(
    bot, alice: FakeUser, telegram: FakeTelegram
):
    await onboard(alice)
    await alice.send("/checkin")
    flow = await alice.expect_text("1 of 4")
    await alice.press(flow, "4")
    await settle(telegram)
    await alice.send("hello?")
    await alice.expect_text("still open above", "/checkin")
    await alice.send("/checkin")
    await alice.expect_text("2 of 4")
    (answer,) = await rows(bot, CheckinAnswer)
    assert answer.safety == 4 and answer.connection is None and answer.text is None
