"""/report, /export, /delete and /unlink as use cases: presser checks, the partner's consent for
a couple report, and what the partner is told (and whether their phone buzzes)."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import actions, notices, report, report_flow, rights_flow
from core.outcome import STALE, Outcome
from core.report import ReportData
from db.models import User
from tests.core.conftest import ALICE, BOB, NIGHT, NOON, person

Sessions = async_sessionmaker[AsyncSession]
DEFAULT = report.mask_of(report.DEFAULT)


async def press(sessions: Sessions, user_id: int, data: str, at: datetime = NOON) -> Outcome:
    pressed = actions.decode(data)
    assert pressed is not None, data
    async with sessions.begin() as session:
        user = await session.get(User, user_id)
        if pressed.flow == "rp":
            return await report_flow.press(session, user, pressed, at, "Alice")
        use_case = (
            rights_flow.press_delete if pressed.flow == "delete" else rights_flow.press_unlink
        )
        return await use_case(session, user_id, pressed, at)


def sent(outcome: Outcome) -> list[tuple[int, str, bool]]:
    return [(n.to, n.say, n.silent) for n in outcome.notes]


async def ask_bob(sessions: Sessions, at: datetime = NOON) -> int:
    asked = await press(sessions, ALICE, f"rp:cp:8w:{DEFAULT}", at)
    assert asked.say == report_flow.ASKED
    return int(asked.notes[0].data.request_id)


async def test_own_report_is_one_copy_for_the_presser_with_their_name(couple: Sessions) -> None:
    made = await press(couple, ALICE, f"rp:go:4w:{DEFAULT}")
    assert made.say == report_flow.WORKING and sent(made) == [(ALICE, report_flow.COPY, False)]
    data = made.notes[0].data
    assert isinstance(data, ReportData) and data.name == "Alice" and not data.choice.couple


@pytest.mark.parametrize("data", ["rp:p:9w", "rp:t:4w:1024", "rp:go:5w:3"])
async def test_data_no_button_of_ours_carries_is_stale(couple: Sessions, data: str) -> None:
    assert await press(couple, ALICE, data) == Outcome(toast=STALE)


async def test_nothing_ticked_makes_nothing(couple: Sessions) -> None:
    outcome = await press(couple, ALICE, "rp:go:4w:0")
    assert outcome.say == report_flow.NOTHING and not outcome.notes


@pytest.mark.parametrize(("at", "silent"), [(NOON, False), (NIGHT, True)])
async def test_couple_report_waits_for_the_partners_yes_and_both_get_a_copy(
    couple: Sessions, at: datetime, silent: bool
) -> None:
    asked = await press(couple, ALICE, f"rp:cp:8w:{DEFAULT}", at)
    assert sent(asked) == [(BOB, report_flow.ASK, silent)]  # nothing made yet
    request = asked.notes[0].data.request_id
    assert asked.notes[0].data.choice.couple
    yes = await press(couple, BOB, f"rp:ok:{request}", at)
    assert yes.say == report_flow.YES_DONE
    # Alice's copy is caused by Bob's yes (quiet hours apply); Bob's is his own doing.
    assert sent(yes) == [(ALICE, report_flow.COPY, silent), (BOB, report_flow.COPY, False)]
    assert all(n.data.choice.couple and n.data.name == "" for n in yes.notes)
    again = await press(couple, BOB, f"rp:ok:{request}", at)  # a double tap
    assert again == Outcome(toast=report_flow.ON_ITS_WAY)


async def test_only_the_partner_asked_may_answer(couple: Sessions) -> None:
    request = await ask_bob(couple)
    forged = await press(couple, ALICE, f"rp:ok:{request}")  # the one who asked
    assert forged.say == report_flow.REFUSED and forged.replies[0].below and not forged.notes
    missing = await press(couple, BOB, f"rp:ok:{request + 1}")
    assert missing.say == report_flow.REFUSED and not missing.notes
    yes = await press(couple, BOB, f"rp:ok:{request}")  # still open for Bob
    assert yes.say == report_flow.YES_DONE


async def test_a_no_tells_the_one_who_asked_and_makes_nothing(couple: Sessions) -> None:
    request = await ask_bob(couple)
    no = await press(couple, BOB, f"rp:no:{request}", NIGHT)
    assert no.say == report_flow.NO_DONE
    assert sent(no) == [(ALICE, report_flow.NO_TOLD, True)]
    assert await press(couple, BOB, f"rp:ok:{request}") == Outcome(toast=report_flow.ANSWERED)


async def test_a_couple_report_needs_a_partner(sessions: Sessions) -> None:
    await person(sessions, ALICE)
    outcome = await press(sessions, ALICE, f"rp:cp:4w:{DEFAULT}")
    assert outcome.say == report_flow.NEEDS_PARTNER and not outcome.notes


@pytest.mark.parametrize(("at", "silent"), [(NOON, False), (NIGHT, True)])
async def test_delete_tells_the_partner_only_that_the_pairing_ended(
    couple: Sessions, at: datetime, silent: bool
) -> None:
    assert (await press(couple, BOB, "delete:no", at)).say == rights_flow.DELETE_KEPT
    deleted = await press(couple, BOB, "delete:yes", at)
    assert deleted.say == rights_flow.DELETED
    assert sent(deleted) == [(ALICE, notices.PAIRING_ENDED, silent)]
    assert deleted.notes[0].words is None and deleted.notes[0].data is None
    again = await press(couple, BOB, "delete:yes", at)
    assert again.say == rights_flow.NOTHING_TO_DELETE and not again.notes
    async with couple.begin() as session:
        exported = await rights_flow.export(session, BOB, at)
    assert exported.say == rights_flow.NOTHING_STORED  # plainly nothing, after a /delete


async def test_an_unlink_button_only_ends_the_pairing_it_was_drawn_for(couple: Sessions) -> None:
    async with couple.begin() as session:
        asked = await rights_flow.ask_unlink(session, ALICE)
    couple_id = asked.replies[0].data
    assert asked.say == rights_flow.UNLINK_ASK and isinstance(couple_id, int)
    stale = await press(couple, ALICE, f"unlink:yes:{couple_id + 1}")
    assert stale.say == rights_flow.UNLINK_STALE and not stale.notes
    ended = await press(couple, ALICE, f"unlink:yes:{couple_id}", NIGHT)
    assert ended.say == rights_flow.UNLINKED
    assert sent(ended) == [(BOB, notices.PAIRING_ENDED, True)]
    late = await press(couple, BOB, f"unlink:yes:{couple_id}")  # Bob's old button
    assert late.say == rights_flow.UNLINK_STALE and not late.notes
    async with couple.begin() as session:
        assert (await rights_flow.ask_unlink(session, BOB)).say == rights_flow.NOT_PAIRED
        assert (await rights_flow.ask_unlink(session, 999)).say == rights_flow.NEEDS_CONSENT
