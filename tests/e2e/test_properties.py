"""Random update sequences from three people (a couple and a stranger) thrown at the real bot.

Whatever the order of commands, taps (real, old and forged) and typed words: no handler fails,
no round is revealed before both partners finished, and nobody's words reach another couple.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot import texts
from db.models import CheckinAnswer, CheckinRound
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.helpers import onboard, pair, settle

COMMANDS = ["/checkin", "/boundaries", "/boundaries add", "/cancel", "/journal", "/settings"]
FORGED = ["ci:r:{r}:safety:3", "ci:s:{r}", "ci:k:{r}", "ci:e:{r}", "ci:show:{r}", "ap:start:{r}"]
FORGED += ["ci:v:{r}:1:n", "bd:ack:1:1", "bd:edit:1", "bd:open:2", "ci:share:{r}", "ci:p:{r}:text"]

step = st.tuples(
    st.sampled_from(["alice", "bob", "carol"]),
    st.sampled_from(["command", "tap", "tap_old", "forge", "words"]),
    st.integers(min_value=0, max_value=50),
)

_state: dict[int, Any] = {}


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=5, max_size=25))
async def test_random_sequences_keep_the_invariants(
    bot, alice: FakeUser, bob: FakeUser, carol: FakeUser, telegram: FakeTelegram, steps
):
    people = {"alice": alice, "bob": bob, "carol": carol}
    if not _state.get(id(telegram)):  # the same bot serves every example of one run
        await pair(alice, bob)
        await onboard(carol)
        _state[id(telegram)] = {"words": {}}
    words: dict[str, set[str]] = _state[id(telegram)]["words"]
    for number, (who, action, pick) in enumerate(steps):
        person = people[who]
        with_buttons = [m for m in person.bot_messages() if m.buttons()]
        if action == "command":
            await person.send(COMMANDS[pick % len(COMMANDS)])
        elif action in ("tap", "tap_old") and with_buttons:
            message = (
                with_buttons[-1] if action == "tap" else with_buttons[pick % len(with_buttons)]
            )
            buttons = message.buttons()
            await person.press(message, data=buttons[pick % len(buttons)]["callback_data"])
        elif action == "forge":
            await person.press(
                person.bot_messages()[-1], data=FORGED[pick % len(FORGED)].format(r=pick % 4 + 1)
            )
        else:
            phrase = f"private words of {who} number {len(words.get(who, ()))}-{number}"
            words.setdefault(who, set()).add(phrase)
            await person.send(phrase)
        await settle(telegram)
    seen = {
        name: "\n".join((m.text or "") + (m.caption or "") for m in user.bot_messages())
        for name, user in people.items()
    }
    for name, text in seen.items():
        assert str(texts.SOMETHING_WRONG) not in text, f"a handler failed for {name}"
    # Nobody's words reach another couple.
    for phrase in words.get("carol", ()):
        assert phrase not in seen["alice"] and phrase not in seen["bob"]
    for phrase in words.get("alice", set()) | words.get("bob", set()):
        assert phrase not in seen["carol"]
    # No reveal before both partners finished.
    async with bot.bot_data.deps.transaction() as session:
        rounds = (await session.execute(select(CheckinRound))).scalars().all()
        for round_ in rounds:
            finished = (
                (
                    await session.execute(
                        select(CheckinAnswer).where(
                            CheckinAnswer.round_id == round_.id,
                            CheckinAnswer.completed_at.is_not(None),
                        )
                    )
                )
                .scalars()
                .all()
            )
            if round_.revealed_at is not None:
                assert round_.couple_id is not None and len(finished) == 2
                revealed = round_.revealed_at
                assert all(
                    a.completed_at is not None and a.completed_at <= revealed for a in finished
                )
            elif round_.couple_id is not None:
                assert len(finished) < 2
