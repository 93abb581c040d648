"""Boundaries through the fake Telegram: add, share, answer, edit, review, retire, forgery."""

from __future__ import annotations

import json
import logging

from db.models import Boundary, BoundaryResponse, BoundaryReview, BoundaryVersion
from demo.fake_telegram import FakeTelegram, FakeUser
from demo.fake_telegram.server import SentMessage
from tests.helpers import (
    CONSEQUENCE,
    NEED,
    accept_join,
    acknowledged,
    add,
    answer,
    invite_code,
    onboard,
    pair,
    rows,
    settle,
    share,
)


async def test_add_share_acknowledge(bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram):
    await pair(alice, bob)
    card = await add(alice, telegram, NEED, CONSEQUENCE)
    assert "only you see it" in (card.text or "").lower()
    assert not bob.new_messages()  # a draft is private
    await bob.send("/boundaries")
    listing = await bob.expect_text("you haven't set any boundaries yet")
    assert NEED.lower() not in (listing.text or "").lower()
    share_data = next(b["callback_data"] for b in card.buttons() if "share" in b["text"].lower())
    await share(alice, telegram, card)
    offer = await bob.expect_text("a boundary from alice", NEED, CONSEQUENCE)
    await alice.press(card, data=share_data)  # a second tap on the old button
    await settle(telegram)
    assert "already shared" in (card.text or "").lower()
    assert not bob.new_messages()
    await bob.press(offer, "i acknowledge it")
    await settle(telegram)
    assert "acknowledged. i've let your partner know" in (offer.text or "").lower()
    await alice.expect_text("bob acknowledged your boundary", NEED)
    await alice.send("/boundaries")
    mine = await alice.expect_text("yours", "your partner acknowledged it")
    assert NEED.lower() in (mine.text or "").lower()
    await bob.send("/boundaries")
    theirs = await bob.expect_text("shared with you by your partner", "you acknowledged it")
    assert "yours" in (theirs.text or "").lower()
    # The answer buttons are gone; a replayed press changes nothing.
    assert "acknowledge" not in json.dumps(offer.buttons()).lower()
    (boundary,) = await rows(bot, Boundary)
    await bob.press(offer, data=f"bd:ack:{boundary.id}:1")
    await settle(telegram)
    assert "already acknowledged" in (offer.text or "").lower()
    (response,) = await rows(bot, BoundaryResponse)
    assert response.response == "acknowledged" and response.user_id == bob.id


async def test_talk_with_a_note_and_edit_needs_a_new_acknowledgement(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    card = await add(alice, telegram, NEED, CONSEQUENCE)
    await share(alice, telegram, card)
    offer = await bob.expect_text("a boundary from alice")
    old_ack = next(b["callback_data"] for b in offer.buttons() if "acknowledge" in b["text"])
    await bob.press(offer, "let's talk")
    await bob.expect_text("add a short note")
    await alice.expect_text("would like to talk about your boundary", "not a no")
    await bob.send("Can we agree on a time of day for this?")
    await bob.expect_text("passed your note on")
    await alice.expect_text("added a note", "agree on a time of day")
    # Alice rewords it: Bob is asked again, the old button no longer counts.
    await alice.send("/boundaries")
    listing = await alice.expect_text("would like to talk about it")
    await alice.press(listing, "1")
    await settle(telegram)
    await alice.press(listing, "change the wording")
    await alice.expect_text("new wording", "acknowledge the new version")
    await alice.send("I need honest answers about where you were, asked once in the evening")
    await alice.expect_text("sent the new version to your partner")
    updated = await bob.expect_text("an updated boundary from alice", "once in the evening")
    await bob.press(offer, data=old_ack)
    stale = await bob.expect_text("has changed since", "once in the evening")
    assert stale.buttons()
    await bob.press(updated, "i acknowledge it")
    await settle(telegram)
    (boundary,) = await rows(bot, Boundary)
    assert boundary.version == 2 and boundary.status == "acknowledged"
    versions = await rows(bot, BoundaryVersion, boundary_id=boundary.id)
    assert sorted(v.version for v in versions) == [1, 2]
    # History: both versions with their answers, visible to both.
    await bob.send("/boundaries")
    listing = await bob.expect()
    await bob.press(listing, "1")
    await settle(telegram)
    await bob.press(listing, "history")
    await settle(telegram)
    history = (listing.text or "").lower()
    assert "version 1" in history and "version 2" in history
    assert "agree on a time of day" in history and "acknowledged on" in history


async def test_no_contact_needs_no_correcting_and_other_rules_get_an_offer(
    bot, alice: FakeUser, telegram: FakeTelegram
):
    await onboard(alice)
    await alice.send("/boundaries add")
    pick = await alice.expect()
    await alice.press(pick, "contact with others")
    await alice.expect_text("write your boundary")
    await alice.send("You must never text her again")
    saved = await alice.expect_text("saved, privately")
    text = (saved.text or "").lower()
    assert "rule" not in text and "some people" not in text
    # The question sits in the same message as its buttons, at its end.
    assert text.rstrip().endswith("what you'll do if it isn't kept?")
    assert [b["text"] for b in saved.buttons()] == [
        "⚖️ Add what I'll do if it's not kept",
        "Not now",
    ]
    await alice.send("/boundaries add")
    pick = await alice.expect()
    await alice.press(pick, "transparency")
    await alice.expect_text("write your boundary")
    await alice.send("You must show me your phone whenever I ask")
    offered = await alice.expect_text("saved, privately", "some people find it helps to add")
    text = (offered.text or "").lower()
    assert "rule" not in text
    assert text.rstrip().endswith("what you'll do if it isn't kept?")
    assert offered.buttons()
    (first, second) = sorted(await rows(bot, Boundary), key=lambda b: b.id)
    assert first.statement == "You must never text her again"  # kept just as written
    assert second.statement == "You must show me your phone whenever I ask"


async def test_forged_buttons_are_refused(
    bot, alice: FakeUser, bob: FakeUser, carol: FakeUser, telegram: FakeTelegram, caplog
):
    await pair(alice, bob)
    await onboard(carol)
    await add(alice, telegram, NEED)
    (boundary,) = await rows(bot, Boundary)
    caplog.clear()
    caplog.set_level(logging.INFO, logger="bot")
    for person in (bob, carol):
        # Forged data on a message in their own chat (the only kind Telegram lets them press).
        await person.send("/boundaries")
        own = await person.expect_text("you haven't set any boundaries yet")
        for action in ("edit", "cons", "rtok", "share", "nocons", "retire"):
            await person.press(own, data=f"bd:{action}:{boundary.id}")
            await settle(telegram)
            assert "isn't available" in (own.text or "").lower()
        for data in (f"bd:open:{boundary.id}", f"bd:hist:{boundary.id}"):
            await person.press(own, data=data)
            await settle(telegram)
            assert "isn't available" in (own.text or "").lower()
        await person.press(own, data=f"bd:ack:{boundary.id}:1")
        await person.press(own, data=f"bd:talk:{boundary.id}:1")
        await settle(telegram)
        assert "isn't available" in (own.text or "").lower()
    for data in ("bd:open:x", "bd:ack:1", "bd:cat:nonsense", "bd:", "bd:guide:zz"):
        query = await carol.press(own, data=data)
        assert "expired" in str((await carol.answer_of(query)).get("answer_text")).lower()
    await settle(telegram)
    for person in (bob, carol):
        assert all(NEED.lower() not in (m.text or "").lower() for m in person.bot_messages())
    (after,) = await rows(bot, Boundary)
    assert after.version == 1 and after.retired_at is None and after.status == "private"
    assert after.statement == NEED
    assert not await rows(bot, BoundaryResponse)
    refusals = [r.getMessage() for r in caplog.records if "boundary.refused" in r.getMessage()]
    assert len(refusals) >= 10
    assert all(NEED not in line for line in refusals)
    assert any("not_owner" in line for line in refusals)


async def test_retire_tells_the_partner_and_keeps_history(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    card = await add(alice, telegram, NEED)
    await share(alice, telegram, card)
    await bob.expect_text("a boundary from alice")
    await alice.press(card, "retire")
    await settle(telegram)
    assert "retire this boundary?" in (card.text or "").lower()
    await alice.press(card, "yes, retire it")
    await settle(telegram)
    assert "retired" in (card.text or "").lower()
    await bob.expect_text("has retired a boundary", NEED)
    await alice.send("/boundaries")
    listing = await alice.expect_text("you haven't set any boundaries yet")
    await alice.press(listing, "retired (1)")
    await settle(telegram)
    assert NEED.lower() in (listing.text or "").lower()
    await alice.press(listing, "1")
    await settle(telegram)
    assert "version 1" in (listing.text or "").lower()
    assert "retired on" in (listing.text or "").lower()
    await bob.send("/boundaries")
    await bob.expect_text("you haven't set any boundaries yet")


async def review(user: FakeUser, telegram: FakeTelegram, verdicts: list[str]) -> SentMessage:
    """Check in (ratings, skip), then answer the boundary review steps."""
    flow = await answer(user, telegram, (4, 4, 4), None)
    for number, verdict in enumerate(verdicts, start=1):
        assert f"weekly boundary review · {number} of {len(verdicts)}" in (flow.text or "").lower()
        await user.press(flow, verdict)
        await settle(telegram)
    return flow


async def test_weekly_review_is_revealed_and_the_consequence_goes_only_to_the_owner(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    await acknowledged(alice, bob, telegram, NEED, CONSEQUENCE)
    await acknowledged(alice, bob, telegram, "I need one evening a week for us", "I will go out")
    await bob.send("/boundaries review someday")
    await bob.expect_text("didn't recognise")
    await bob.send("/boundaries review thursday")  # the test clock's day
    await bob.expect_text("now on thursdays")
    await alice.expect_text("moved the weekly boundary review to thursdays")
    flow = await review(alice, telegram, ["not kept", "kept"])
    assert "once your partner has checked in too" in (flow.text or "").lower()
    await settle(telegram)
    assert not bob.new_messages()
    flow = await review(bob, telegram, ["not sure", "kept"])
    await settle(telegram)
    bob_texts = [(m.text or "") for m in bob.new_messages()]
    reveal = next(t for t in bob_texts if "boundary review" in t.lower())
    assert "partner: not kept · you: not sure" in reveal.lower()
    # The consequence is for Alice alone; Bob gets no blaming words.
    assert all(CONSEQUENCE.lower() not in t.lower() for t in bob_texts)
    assert all("only you see this" not in t.lower() for t in bob_texts)
    alice_texts = [(m.text or "").lower() for m in alice.new_messages()]
    note = next(t for t in alice_texts if "only you see this" in t)
    assert CONSEQUENCE.lower() in note and "counsellor" in note
    assert sum("only you see this" in t for t in alice_texts) == 1  # only the not-kept one
    assert len(await rows(bot, BoundaryReview)) == 4
    alice.mark_read()
    await alice.send("/boundaries")
    listing = await alice.expect_text("reviews so far: 2 of 4", "50%")
    assert "this week: 2 of 4" in (listing.text or "").lower()


async def test_review_in_the_summary_only_when_both_turn_it_on(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    await acknowledged(alice, bob, telegram, NEED, CONSEQUENCE)
    await alice.send("/boundaries review thu")
    await alice.expect_text("now on thursdays")
    await bob.expect_text("moved the weekly boundary review")
    await review(alice, telegram, ["kept"])
    await review(bob, telegram, ["kept"])
    await settle(telegram)
    alice.mark_read()
    await alice.send("/settings")
    settings = await alice.expect_text("boundary review in our summary: off")
    await alice.press(settings, "boundary review in our summary")
    await alice.expect_text("once your partner turns it on too")
    await alice.send("/summary")
    text = await alice.expect_text("your week")
    assert "boundary review" not in (text.text or "").lower()
    bob.mark_read()
    await bob.send("/settings")
    settings = await bob.expect_text("boundary review in our summary: off")
    await bob.press(settings, "boundary review in our summary")
    await bob.expect_text("boundary review in our summary: on")
    for person in (alice, bob):
        person.mark_read()
        await person.send("/summary")
        text = await person.expect_text("boundary review: 2 of 2 answers said “kept” this week")


async def test_unpaired_person_keeps_private_boundaries(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await onboard(alice)
    await alice.send("/boundaries")
    empty = await alice.expect_text("you haven't set any boundaries yet", "i need")
    await alice.press(empty, "help me find mine")
    await settle(telegram)
    assert "finding your boundaries · 1 of 4" in (empty.text or "").lower()
    for number in (2, 3, 4):
        await alice.press(empty, "next area")
        await settle(telegram)
        assert f"{number} of 4" in (empty.text or "")
    await alice.press(empty, "write one for this")
    await alice.expect_text("time together", "write your boundary")
    await alice.send("I need a quiet hour to myself after work")
    saved = await alice.expect_text("saved, privately")
    await alice.press(saved, "not now")
    await settle(telegram)
    assert "pair with your partner (/invite) to share it" in (saved.text or "").lower()
    assert "share with my partner" not in json.dumps(saved.buttons()).lower()
    await alice.press(saved, data=f"bd:share:{(await rows(bot, Boundary))[0].id}")
    await settle(telegram)
    assert "not paired" in (saved.text or "").lower()
    await alice.send("/boundaries review sunday")
    await alice.expect_text("for boundaries shared between partners")
    await alice.send("/boundaries")
    await alice.expect_text("these stay private", "quiet hour")
    await alice.send("/boundaries frobnicate")
    await alice.expect_text("/boundaries add")


async def test_unlink_makes_shared_boundaries_private_again(
    bot, alice: FakeUser, bob: FakeUser, carol: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    await acknowledged(alice, bob, telegram, "I need the old wording", CONSEQUENCE)
    await alice.send("/boundaries")
    listing = await alice.expect()
    await alice.press(listing, "1")
    await settle(telegram)
    await alice.press(listing, "change the wording")
    await alice.expect_text("new wording")
    await alice.send(NEED)  # version 2, shown to Bob
    await alice.expect_text("sent the new version")
    await bob.expect_text("an updated boundary")
    await alice.send("/unlink")
    confirm = await alice.expect_text("end the pairing")
    await alice.press(confirm, "yes, end")
    await bob.expect_text("pairing has ended")
    await settle(telegram)
    (boundary,) = await rows(bot, Boundary)
    assert boundary.couple_id is None and boundary.status == "private"
    assert not await rows(bot, BoundaryResponse)
    await bob.send("/boundaries")
    await bob.expect_text("you haven't set any boundaries yet")
    # Shared again with a new partner: Carol sees the wording from her time on, not before.
    alice.mark_read()
    await alice.send("/invite")
    code = invite_code((await alice.expect()).text or "")
    await onboard(carol, role="broke", code=code)
    await accept_join(alice, carol)
    await alice.send("/boundaries")
    listing = await alice.expect()
    await alice.press(listing, "1")
    await settle(telegram)
    await share(alice, telegram, listing)
    await carol.expect_text("a boundary from alice", NEED)
    await carol.send("/boundaries")
    theirs = await carol.expect_text("shared with you by your partner")
    await carol.press(theirs, "1")
    await settle(telegram)
    await carol.press(theirs, "history")
    await settle(telegram)
    assert "version 2" in (theirs.text or "").lower()
    assert "old wording" not in (theirs.text or "").lower()
    assert "version 1" not in (theirs.text or "").lower()
    await alice.send("/boundaries")
    mine = await alice.expect()
    await alice.press(mine, "1")
    await settle(telegram)
    await alice.press(mine, "history")
    await settle(telegram)
    assert "old wording" in (mine.text or "").lower()  # the owner keeps the whole history


async def test_review_buttons_wait_for_the_check_in_questions(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    await acknowledged(alice, bob, telegram, NEED, CONSEQUENCE)
    await alice.send("/boundaries review thursday")
    await alice.expect_text("now on thursdays")
    await alice.send("/checkin")
    flow = await alice.expect_text("check-in · 1 of 4")
    (boundary,) = await rows(bot, Boundary)
    round_id = flow.buttons()[0]["callback_data"].split(":")[2]
    await alice.press(flow, data=f"ci:v:{round_id}:{boundary.id}:k")  # an old or forged tap
    await settle(telegram)
    assert "check-in · 1 of 4" in (flow.text or "").lower()  # still at the first question
    assert not await rows(bot, BoundaryReview)


async def test_export_and_delete_cover_boundaries(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    await acknowledged(alice, bob, telegram, NEED, CONSEQUENCE)
    bob.mark_read()
    await bob.send("/export")
    document = await bob.expect()
    assert document.document is not None
    bob_export = json.loads(document.document)
    readable = await bob.expect_text("easier to read")
    assert readable.file_name == "tend-export.md" and readable.document is not None
    assert NEED not in readable.document.decode()
    assert NEED not in document.document.decode()  # Alice's words are hers
    assert bob_export["answers_to_partner_boundaries"][0]["answer"] == "acknowledged"
    alice.mark_read()
    await alice.send("/export")
    document = await alice.expect()
    assert document.document is not None
    (mine,) = json.loads(document.document)["boundaries"]
    readable = await alice.expect_text("easier to read")
    assert readable.document is not None
    assert NEED in readable.document.decode() and CONSEQUENCE in readable.document.decode()
    assert mine["statement"] == NEED and mine["consequence"] == CONSEQUENCE
    assert mine["partner_answers"][0]["answer"] == "acknowledged"
    await alice.send("/delete")
    confirm = await alice.expect_text("erase everything")
    await alice.press(confirm, "yes, erase")
    await bob.expect_text("pairing has ended")
    await settle(telegram)
    assert not await rows(bot, Boundary)
    assert not await rows(bot, BoundaryVersion)
    assert not await rows(bot, BoundaryResponse)


async def test_full_lists_and_long_histories_still_fit_one_message(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    from core import boundaries, people

    await pair(alice, bob)
    long = "I need " + "a calm and honest conversation about it " * 20
    deps = bot.bot_data.deps
    async with deps.transaction() as session:
        for person_id in (alice.id, bob.id):
            person = await people.get(session, person_id)
            assert person is not None
            for number in range(boundaries.MAX_ACTIVE):
                added = await boundaries.add(
                    session, person, "other", f"{number} {long}"[:600], deps.clock.now()
                )
                boundaries.share(added, person, deps.clock.now())
        owner = await people.get(session, alice.id)
        assert owner is not None
        first = await boundaries.owned(session, owner, 1)
        assert first is not None
        for version in range(12):
            await boundaries.revise(
                session, first, deps.clock.now(), statement=f"v{version} {long}"[:600]
            )
    await alice.send("/boundaries")
    listing = await alice.expect_text("yours", "shared with you by your partner")
    assert len(listing.buttons()) == 2 * boundaries.MAX_ACTIVE + 2
    await alice.send("/boundaries add")
    await alice.expect_text("a lot to hold at once")
    await alice.press(listing, "help me find mine")
    await settle(telegram)
    await alice.press(listing, "write one for this")
    await settle(telegram)
    assert "a lot to hold at once" in (listing.text or "")
    await bob.send("/boundaries")
    theirs = await bob.expect()
    await bob.press(theirs, data="bd:hist:1")
    await settle(telegram)
    history = theirs.text or ""
    assert "version 13" in history.lower() and "older versions" in history
    assert "version 1 " not in history.lower()


async def test_statuses_follow_every_answer(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    """private → shared → talk → acknowledged → (reworded) shared → acknowledged: the owner's
    card, both lists and the partner's card say so at every step."""

    async def lists_say(mine: str, theirs: str) -> None:
        await alice.send("/boundaries")
        await alice.expect_text(mine)
        await bob.send("/boundaries")
        await bob.expect_text(theirs)

    await pair(alice, bob)
    card = await add(alice, telegram, NEED)
    assert "private: only you see it" in (card.text or "")
    await share(alice, telegram, card)
    assert "waiting for your partner's answer" in (card.text or "")
    offer = await bob.expect_text("a boundary from alice")
    await lists_say("waiting for your partner's answer", "waiting for your answer")
    await bob.press(offer, "let's talk")
    await bob.expect_text("add a short note")
    await alice.expect_text("would like to talk about your boundary")
    await settle(telegram)
    # Alice's card, higher up in her chat, no longer says "waiting".
    assert "waiting" not in (card.text or "")
    assert "your partner would like to talk about it" in (card.text or "")
    assert "you asked to talk about it" in (offer.text or "")
    await bob.send("/cancel")
    await bob.expect()
    await lists_say("would like to talk about it", "you asked to talk about it")
    await bob.press(offer, "i acknowledge it")
    await alice.expect_text("bob acknowledged your boundary")
    await settle(telegram)
    assert "your partner acknowledged it" in (card.text or "")
    assert "you acknowledged it" in (offer.text or "")
    await lists_say("your partner acknowledged it", "you acknowledged it")
    # A new wording asks again; the newest card is the one kept up to date.
    await alice.press(card, "change the wording")
    await alice.expect_text("new wording")
    await alice.send("I need honest answers when I ask, said kindly")
    newer = await alice.expect_text("sent the new version", "waiting for your partner's answer")
    updated = await bob.expect_text("an updated boundary from alice")
    await lists_say("waiting for your partner's answer", "waiting for your answer")
    await bob.press(updated, "i acknowledge it")
    await alice.expect_text("bob acknowledged your boundary")
    await settle(telegram)
    assert "your partner acknowledged it" in (newer.text or "")
    (boundary,) = await rows(bot, Boundary)
    assert (boundary.version, boundary.status) == (2, "acknowledged")
