"""Joint check-ins through the fake Telegram: answering, the reveal, privacy, reminders, expiry."""

from __future__ import annotations

from datetime import timedelta

import pytest

from db.models import CheckinAnswer, CheckinRound
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.helpers import answer, berlin, onboard, pair, rows, settle, wait_until


@pytest.mark.parametrize("alice_first", [True, False])
async def test_reveal_comes_at_the_second_answer_in_either_order(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram, alice_first: bool
):
    await pair(alice, bob)
    first, second = (alice, bob) if alice_first else (bob, alice)
    await answer(first, telegram, (4, 3, 5), "We walked the dog together")
    recap = await first.expect_text("saved", "your partner has checked in too")
    assert "4/5" in (recap.text or "")
    await settle(telegram)
    assert not second.new_messages()  # nothing reaches the partner before they answer
    await answer(second, telegram, (2, 2, 3), None)
    await settle(telegram)
    first_reveal = await first.expect_text("your check-ins are in", "2/5")
    assert "walked the dog" in (first_reveal.text or "")  # their own words, under "You"
    mine = second.bot_messages()[-1]
    assert "your check-ins are in" in (mine.text or "").lower()
    assert "we walked the dog together" in (mine.text or "").lower()
    assert "felt safe: 4/5" in (mine.text or "").lower()
    (round_,) = await rows(bot, CheckinRound)
    assert round_.revealed_at is not None
    assert len(await rows(bot, CheckinAnswer, round_id=round_.id)) == 2


async def test_private_answers_never_reach_the_partner(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    await answer(alice, telegram, (1, 4, 4), "A private worry about Tuesday", ("safety", "text"))
    recap = (await alice.expect_text("saved")).text or ""
    # The 🔒 key sits under the heading, before any answer: it cannot read as one answer's note.
    lines = recap.splitlines()
    legend = next(i for i, line in enumerate(lines) if "marks what you kept private" in line)
    assert lines[legend - 1] == "Your answers today"
    assert lines[legend + 1].startswith("Felt safe") and "private worry" in lines[legend + 4]
    await answer(bob, telegram, (3, 3, 3), "Fine")
    await settle(telegram)
    reveal = bob.bot_messages()[-1].text or ""
    assert "private worry" not in reveal.lower()
    assert "felt safe: kept private" in reveal.lower()
    assert "felt connected: 4/5" in reveal.lower()
    assert all("private worry" not in (m.text or "").lower() for m in bob.bot_messages())
    own = await alice.expect_text("your check-ins are in")
    assert "private worry" in (own.text or "").lower()  # the writer still sees their own
    mine = (own.text or "").split("You\n", 1)[1].splitlines()
    assert "marks what you kept private" in mine[0] and mine[1].startswith("Felt safe: 1/5 🔒")
    assert "marks what you kept private" not in reveal  # Bob kept nothing private


async def test_ask_before_showing(bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram):
    await pair(alice, bob)
    await bob.send("/settings")
    settings = await bob.expect_text("ask before showing answers: off")
    await bob.press(settings, "ask before showing")
    await bob.expect_text("ask before showing: on")
    await answer(alice, telegram, (4, 4, 4), "Thank you for listening")
    await alice.expect_text("saved")
    await answer(bob, telegram, (3, 3, 3), None)
    await settle(telegram)
    ready = bob.bot_messages()[-1]
    assert "would you like to see" in (ready.text or "").lower()
    assert "thank you for listening" not in (ready.text or "").lower()
    alice_view = await alice.expect_text("your check-ins are in")  # Bob's answers still go out
    assert "3/5" in (alice_view.text or "")
    await bob.press(ready, "not yet")
    await settle(telegram)
    assert "whenever you're ready" in (ready.text or "").lower()
    await bob.press(ready, "show me now")
    await settle(telegram)
    assert "thank you for listening" in (ready.text or "").lower()


async def test_edit_before_reveal_and_final_after(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    flow = await answer(alice, telegram, (2, 2, 2), None)
    await settle(telegram)
    assert "your partner has checked in too" in (flow.text or "").lower()
    await alice.press(flow, "change my answers")
    await settle(telegram)
    assert "your answer so far: <b>2</b>" in (flow.html or flow.text or "").lower() or (
        "your answer so far: 2" in (flow.text or "").lower()
    )
    await alice.press(flow, "5")
    await settle(telegram)
    (ans,) = await rows(bot, CheckinAnswer, user_id=alice.id)
    assert ans.safety == 5 and ans.connection == 2
    await answer(bob, telegram, (3, 3, 3), None)
    await settle(telegram)
    reveal = bob.bot_messages()[-1].text or ""
    assert "felt safe: 5/5" in reveal.lower()
    await alice.press(flow, data=f"ci:r:{ans.round_id}:safety:1")  # an old button, after reveal
    await settle(telegram)
    assert "already been shared" in (flow.text or "").lower()
    (ans,) = await rows(bot, CheckinAnswer, user_id=alice.id)
    assert ans.safety == 5


async def test_double_presses_and_forged_buttons_change_nothing(
    bot, alice: FakeUser, bob: FakeUser, carol: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    await alice.send("/checkin")
    flow = await alice.expect_text("1 of 4")
    data = next(b["callback_data"] for b in flow.buttons() if b["text"] == "3")
    await alice.press(flow, data=data)
    await alice.press(flow, data=data)
    await settle(telegram)
    assert len(await rows(bot, CheckinAnswer)) == 1
    round_id = int(data.split(":")[2])
    await onboard(carol)
    carol.mark_read()
    for forged in (
        f"ci:r:{round_id}:safety:1",
        f"ci:go:{round_id}",
        f"ci:show:{round_id}",
        "ci:r:x",
    ):
        query = await carol.press(flow, data=forged)
        await carol.answer_of(query)
    await settle(telegram)
    assert len(await rows(bot, CheckinAnswer)) == 1
    assert all("1 of 4" not in (m.text or "") for m in carol.bot_messages())
    await alice.press(flow, data=f"ci:r:{round_id}:safety:9")  # out of range
    await settle(telegram)
    (ans,) = await rows(bot, CheckinAnswer)
    assert ans.safety == 3


async def test_a_rating_tap_answers_the_press_and_edits_the_question_nothing_more(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    await alice.send("/checkin")
    flow = await alice.expect_text("1 of 4")
    await settle(telegram)
    mark = len(telegram.calls)
    query = await alice.press(flow, "4")
    await settle(telegram)
    assert "2 of 4" in (flow.text or "")
    ours = [
        call.method
        for call in telegram.calls[mark:]
        if call.params.get("callback_query_id") == query
        or str(call.params.get("chat_id")) in (str(alice.id), str(bob.id))
    ]
    # The two calls a tap needs (the spinner stopped, the question turned); no other message.
    assert ours == ["answerCallbackQuery", "editMessageText"]


async def test_one_sided_round_closes_unseen(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram, clock
):
    await pair(alice, bob)
    await answer(alice, telegram, (4, 4, 4), "Something only a finished round may show")
    await alice.expect_text("saved")
    (old,) = await rows(bot, CheckinRound)
    clock.advance(timedelta(hours=24, minutes=1))
    await bob.send("/checkin")
    flow = await bob.expect_among("1 of 4")  # a new round: the old one closed
    await bob.press(flow, data=f"ci:go:{old.id}")  # the button on yesterday's prompt
    await bob.expect_among("has closed")
    assert all("only a finished round" not in (m.text or "").lower() for m in bob.bot_messages())
    assert len(await rows(bot, CheckinRound)) == 2


async def test_one_gentle_reminder_three_hours_later(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram, clock
):
    await pair(alice, bob)
    flow = await answer(alice, telegram, (4, 4, 4), None)  # 13:00 Berlin
    assert "saved" in (flow.text or "").lower()
    clock.set(berlin(26, 15, 59))
    await settle(telegram)
    assert not bob.new_messages()
    clock.set(berlin(26, 16, 0))
    reminder = await bob.expect_text("still open")
    assert "waiting" not in (reminder.text or "").lower()
    clock.set(berlin(26, 17, 0))
    await settle(telegram)
    await settle(telegram)
    assert not bob.new_messages()  # once only
    await bob.press(reminder, "check in now")
    await bob.expect_text("1 of 4")


async def test_reminder_waits_for_quiet_hours_to_end(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram, clock
):
    await pair(alice, bob)
    await bob.send("/schedule checkin off")
    await bob.expect()
    await bob.send("/schedule checkin on")
    await bob.expect()
    clock.set(berlin(26, 20, 0))
    await alice.send("/schedule checkin off")  # keep the 20:30 prompt out of this test
    await alice.expect()
    flow = await answer(alice, telegram, (4, 4, 4), None)
    assert "saved" in (flow.text or "").lower()
    await bob.send("/schedule checkin days mon")  # no scheduled prompt for Bob either
    await bob.expect()
    bob.mark_read()
    clock.set(berlin(26, 23, 30))  # 3 h later is inside Bob's quiet hours (22:00–08:00)
    await settle(telegram)
    await settle(telegram)
    assert not bob.new_messages()
    clock.set(berlin(27, 8, 0))
    await bob.expect_text("still open")


async def test_no_reminder_while_paused(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram, clock
):
    await pair(alice, bob)
    await bob.send("/pause 1d")
    await bob.expect_text("paused")
    flow = await answer(alice, telegram, (4, 4, 4), None)
    assert "saved" in (flow.text or "").lower()
    clock.set(berlin(26, 16, 30))

    async def settled() -> bool:
        (round_,) = await rows(bot, CheckinRound)
        return round_.remind_at is None

    await wait_until(settled)
    (round_,) = await rows(bot, CheckinRound)
    assert round_.reminded_at is None
    await settle(telegram)
    assert not bob.new_messages()


async def test_unpaired_person_gets_a_solo_check_in(bot, carol: FakeUser, telegram: FakeTelegram):
    await onboard(carol)
    carol.mark_read()
    flow = await answer(carol, telegram, (3, 4, 5), "A note to myself")
    done = await carol.expect_text("just for you")
    assert "a note to myself" in (done.text or "").lower()
    assert "keep private" not in str(flow.buttons()).lower()
    (round_,) = await rows(bot, CheckinRound)
    assert round_.solo_user_id == carol.id and round_.couple_id is None
    await carol.send("/checkin")
    await carol.expect_text("just for you")  # already done today: no second record
    assert len(await rows(bot, CheckinAnswer)) == 1


async def test_free_text_when_no_question_is_open(bot, alice: FakeUser, telegram: FakeTelegram):
    await onboard(alice)
    alice.mark_read()
    await alice.send("Just thinking out loud")
    reply = await alice.expect_text("glad you wrote", "keep this in your journal")
    assert reply.buttons()
    assert await rows(bot, CheckinAnswer) == []


async def test_answer_typed_after_the_round_closed(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram, clock
):
    await pair(alice, bob)
    await alice.send("/checkin")
    flow = await alice.expect_text("1 of 4")
    clock.advance(timedelta(hours=23))  # the round is still open
    for value in ("3", "3", "3"):
        await alice.press(flow, value)
        await settle(telegram)
    clock.advance(timedelta(hours=1, minutes=5))  # the question is fresh, the round closed
    await alice.send("Late words")
    await alice.expect_among("has closed")
    (ans,) = await rows(bot, CheckinAnswer)
    assert ans.text is None and ans.completed_at is None


async def test_reveal_is_silent_inside_quiet_hours_and_prompt_has_a_button(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram, clock
):
    await pair(alice, bob)
    clock.set(berlin(26, 20, 30))
    prompt = await alice.expect_text("today's check-in")
    assert prompt.buttons()[0]["text"].startswith("Check in now")
    await bob.expect_text("today's check-in")
    await alice.press(prompt, "check in now")
    flow = await alice.expect_text("1 of 4")
    for value in ("4", "4", "4"):
        await alice.press(flow, value)
        await settle(telegram)
    await alice.press(flow, "skip")
    await settle(telegram)
    clock.set(berlin(26, 23, 0))  # Alice's quiet hours have begun
    await answer(bob, telegram, (3, 3, 3), None)
    reveal = await alice.expect_text("your check-ins are in")
    assert reveal.silent
    assert not bob.bot_messages()[-1].silent


async def test_checkin_and_summary_before_setup_is_finished(
    bot, carol: FakeUser, telegram: FakeTelegram
):
    await carol.send("/checkin")
    await carol.expect_text("/start")  # no consent yet: nothing stored
    await carol.send("/start")
    welcome = await carol.expect_text("not therapy")
    await carol.press(welcome, "agree")
    await carol.expect_text("which is closest")
    for command in ("/checkin", "/summary"):
        await carol.send(command)
        await carol.expect_text("finish setting up")
    assert await rows(bot, CheckinRound) == []


async def test_two_answers_at_the_length_limit_are_both_revealed(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    from core.checkins import MAX_TEXT

    await pair(alice, bob)
    await answer(alice, telegram, (3, 3, 3), "a" * MAX_TEXT)
    await alice.expect_text("saved")
    await answer(bob, telegram, (3, 3, 3), "b" * (MAX_TEXT + 1))
    await bob.expect_text("a little long", "nothing was saved")
    await bob.send("b" * MAX_TEXT)
    await settle(telegram)
    reveal = await alice.expect_text("your check-ins are in")
    assert "a" * MAX_TEXT in (reveal.text or "") and "b" * MAX_TEXT in (reveal.text or "")
    assert "b" * MAX_TEXT in (bob.bot_messages()[-1].text or "")
