"""Onboarding through the fake Telegram: consent first, nothing stored without it."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.context import TendApp
from core.people import PRIVACY_VERSION
from db.models import User
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.helpers import onboard, settle


async def count_users(bot: TendApp) -> int:
    async with bot.bot_data.deps.transaction() as session:  # type: ignore[union-attr]
        return int((await session.execute(select(func.count()).select_from(User))).scalar_one())


async def load_user(bot: TendApp, user_id: int) -> User | None:
    async with bot.bot_data.deps.transaction() as session:  # type: ignore[union-attr]
        user: User | None = await session.get(User, user_id)
        return user


async def test_start_welcomes_and_stores_nothing_before_consent(bot, alice: FakeUser):
    await alice.send("/start")
    welcome = await alice.expect_text("not therapy", "18+", "/export", "/delete", "/privacy")
    assert [b["text"] for b in welcome.buttons()] == ["Yes, I agree", "Not now"]
    assert await count_users(bot) == 0


async def test_not_now_keeps_storing_nothing(bot, alice: FakeUser, telegram: FakeTelegram):
    await alice.send("/start")
    welcome = await alice.expect()
    query = await alice.press(welcome, "not now")
    await alice.answer_of(query)
    await settle(telegram)
    assert "haven't saved anything" in (welcome.text or "")
    assert welcome.buttons() == []
    assert await count_users(bot) == 0


async def test_full_onboarding_records_consent_role_and_zone(bot, alice: FakeUser, clock):
    await onboard(alice, zone="Europe/Berlin", role="broke")
    user = await load_user(bot, alice.id)
    assert user is not None
    assert user.consent_at == clock.now()
    assert user.consent_version == PRIVACY_VERSION
    assert (user.role, user.timezone, user.awaiting) == ("broke", "Europe/Berlin", None)


async def test_start_again_resets_nothing(bot, alice: FakeUser, clock):
    await onboard(alice, zone="Asia/Tokyo")
    before = await load_user(bot, alice.id)
    await alice.send("/start")
    await alice.expect_text("welcome back", "nothing has been reset")
    after = await load_user(bot, alice.id)
    assert before is not None and after is not None
    assert (after.consent_at, after.role, after.timezone) == (
        before.consent_at,
        before.role,
        before.timezone,
    )


async def test_start_midway_resumes_the_next_question(bot, alice: FakeUser):
    await alice.send("/start")
    await alice.press(await alice.expect(), "agree")
    await alice.expect_text("which is closest")
    await alice.send("/start")
    await alice.expect_text("which is closest")


async def test_help_and_privacy_work_before_consent(bot, alice: FakeUser):
    await alice.send("/help")
    await alice.expect_text("/invite", "betrayal trauma", "emergency", "findahelpline.com")
    await alice.send("/privacy")
    await alice.expect_text("what i keep", "who sees what", "privacy@tend.example")
    assert await count_users(bot) == 0


async def test_commands_before_consent_ask_for_it(bot, alice: FakeUser):
    for command in ("/invite", "/settings", "/timezone Europe/Paris", "/unlink"):
        await alice.send(command)
        await alice.expect_text("/start")
    await alice.send("hello")
    await alice.expect_text("/start")
    assert await count_users(bot) == 0


async def test_consent_button_pressed_twice_keeps_first_consent(
    bot, alice: FakeUser, clock, telegram: FakeTelegram
):
    await alice.send("/start")
    welcome = await alice.expect()
    await alice.press(welcome, data="consent:yes")
    await alice.expect_text("which is closest")
    first = await load_user(bot, alice.id)
    from datetime import timedelta

    clock.advance(timedelta(hours=1))
    await alice.press(welcome, data="consent:yes")
    await alice.expect_text("which is closest")
    again = await load_user(bot, alice.id)
    assert first is not None and again is not None
    assert again.consent_at == first.consent_at
    assert await count_users(bot) == 1


async def test_two_taps_at_once_on_consent_ask_the_next_question_once(
    bot, alice: FakeUser, telegram: FakeTelegram
):
    await alice.send("/start")
    welcome = await alice.expect()
    telegram.latency = 0.08
    first = await alice.press(welcome, data="consent:yes")
    second = await alice.press(welcome, data="consent:yes")
    await settle(telegram)
    asked = [m for m in alice.bot_messages() if "which is closest" in (m.text or "").lower()]
    assert len(asked) == 1
    answered = {c.params["callback_query_id"] for c in telegram.calls_of("answerCallbackQuery")}
    assert {first, second} <= answered  # neither tap is left spinning


async def test_set_my_commands_at_start(bot, telegram: FakeTelegram):
    commands = [c["command"] for c in telegram.commands["all_private_chats"]]
    assert {"start", "invite", "unlink", "settings", "help", "privacy", "timezone"} <= set(commands)
