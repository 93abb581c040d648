"""Time zones, settings, help, groups and odd input."""

from __future__ import annotations

from sqlalchemy import func, select

from db.models import User
from demo.fake_telegram import FakeTelegram, FakeUser
from demo.fake_telegram.users import FakeGroup
from tests.helpers import onboard, settle


async def zone_of(bot, user_id: int) -> str | None:
    async with bot.bot_data.deps.transaction() as session:
        user = await session.get(User, user_id)
        return user.timezone if user else None


async def test_timezone_command_sets_and_names_the_zone(bot, alice: FakeUser):
    await onboard(alice, zone="Europe/Berlin")
    await alice.send("/timezone America/New_York")
    reply = await alice.expect_text("america/new_york", "07:00")  # 12:00 UTC in November
    assert reply.buttons() == []
    assert await zone_of(bot, alice.id) == "America/New_York"


async def test_wrong_zone_suggests_close_ones_and_changes_nothing(bot, alice: FakeUser):
    await onboard(alice, zone="Asia/Tokyo")
    await alice.send("/timezone berln")
    reply = await alice.expect_text("for “berln”, did you mean")
    assert reply.buttons()[0]["text"] == "Europe/Berlin"  # the closest first
    assert await zone_of(bot, alice.id) == "Asia/Tokyo"
    await alice.press(reply, "Europe/Berlin")
    await alice.expect_text("time zone set to europe/berlin")
    assert await zone_of(bot, alice.id) == "Europe/Berlin"


async def test_a_city_that_names_one_zone_is_taken_at_once(bot, alice: FakeUser):
    await onboard(alice, zone="Asia/Tokyo")
    await alice.send("/timezone  new YORK ")
    await alice.expect_text("time zone set to america/new_york")
    await alice.send("/timezone Москва")  # a city in another language's spelling
    await alice.expect_text("time zone set to europe/moscow")
    assert await zone_of(bot, alice.id) == "Europe/Moscow"


async def test_zone_without_any_suggestion_explains(bot, alice: FakeUser):
    await onboard(alice)
    await alice.send("/timezone <Funday & co>")
    reply = await alice.expect_text(
        "don't know a time zone called", "<funday & co>", "europe/berlin"
    )
    assert reply.buttons() == []


async def test_typed_city_during_onboarding_sets_its_zone(bot, alice: FakeUser):
    """A city that names one zone is taken at once; a near miss is offered as buttons."""
    await alice.send("/start")
    await alice.press(await alice.expect(), "agree")
    await alice.press(await alice.expect_text("which is closest"), "rather not say")
    await alice.expect_text("which time zone")
    await alice.send("new yrok")
    suggestion = await alice.expect_text("did you mean")
    await alice.press(suggestion, "America/New York")
    await alice.expect_text("time zone set to america/new_york")
    await alice.expect_text("all set", "/invite")


async def test_common_zone_button_during_onboarding(bot, alice: FakeUser):
    await alice.send("/start")
    await alice.press(await alice.expect(), "agree")
    await alice.press(await alice.expect_text("which is closest"), "was hurt")
    ask = await alice.expect_text("which time zone")
    await alice.press(ask, "Europe/London")
    await alice.expect_text("time zone set to europe/london")
    await alice.expect_text("all set")
    assert ask.buttons() == []


async def test_settings_shows_what_is_set_and_changes_side(bot, alice: FakeUser):
    await onboard(alice, zone="Europe/Berlin", role="hurt")
    await alice.send("/settings")
    shown = await alice.expect_text(
        "europe/berlin",
        "13:00",
        "i was the one who was hurt",
        "never shown to your partner",
        "not paired",
    )
    await alice.press(shown, "change my side")
    ask = await alice.expect_text("which is closest")
    await alice.press(ask, "rather not say")
    await alice.send("/settings")
    await alice.expect_text("i'd rather not say")


async def test_settings_change_zone_by_typing(bot, alice: FakeUser):
    await onboard(alice)
    await alice.send("/settings")
    await alice.press(await alice.expect(), "change time zone")
    await alice.expect_text("which time zone")
    await alice.send("Australia/Sydney")
    await alice.expect_text("time zone set to australia/sydney")
    await alice.send("Europe/Paris")  # the question was answered; this is just chat now
    await alice.expect_text("/help")
    assert await zone_of(bot, alice.id) == "Australia/Sydney"


async def test_group_commands_get_one_line_and_store_nothing(bot, alice, telegram: FakeTelegram):
    for kind, chat_id in (("group", -100), ("supergroup", -1001234), ("channel", -1005678)):
        group = FakeGroup(telegram, chat_id, kind)
        await group.send(alice, "/start")
        await group.send(alice, "/invite@tend_test_bot")
        await settle(telegram)
        replies = group.bot_messages()
        assert [m.text for m in replies] == [
            "I only work in a private chat, so please message me directly."
        ] * 2
    async with bot.bot_data.deps.transaction() as session:
        assert (await session.execute(select(func.count()).select_from(User))).scalar_one() == 0


async def test_group_plain_messages_are_ignored(bot, alice, telegram: FakeTelegram):
    group = FakeGroup(telegram, -200, "group")
    await group.send(alice, "hello everyone")
    await settle(telegram)
    assert group.bot_messages() == []


async def test_unknown_command_and_other_media_get_kind_replies(bot, alice: FakeUser):
    await onboard(alice)
    await alice.send("/frobnicate")
    await alice.expect_text("don't know that command", "/help")
    await alice.send_raw(
        {
            "sticker": {
                "file_id": "s1",
                "file_unique_id": "us1",
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
            }
        }
    )
    await alice.expect_text("only read text")
    await alice.send("just saying hi")
    await alice.expect_text("/help")


STICKER = {
    "sticker": {
        "file_id": "s2",
        "file_unique_id": "us2",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
}


async def test_a_sticker_while_a_question_waits_names_it_and_the_way_out(bot, alice: FakeUser):
    await onboard(alice)
    await alice.send("/journal")
    await alice.expect_text("journal")
    await alice.send_raw(STICKER)
    await alice.expect_text("typed words", "your entry", "/cancel")
    await alice.send("/timezone")
    await alice.expect_text("time zone")
    await alice.send_raw(
        {"photo": [{"file_id": "p1", "file_unique_id": "up1", "width": 9, "height": 9}]}
    )
    await alice.expect_text("typed words", "city or time zone")
    await alice.send("Europe/Paris")  # the question still took its answer
    await alice.expect_text("Europe/Paris")


async def test_made_up_callback_data_is_refused_kindly(bot, alice: FakeUser):
    await onboard(alice)
    await alice.send("/help")
    message = await alice.expect()
    for data in ("nonsense", "role:set:queen", "tz:set:Mars/Base", "unlink:yes:abc", "x" * 64):
        query = await alice.press(message, data=data)
        answer = await alice.answer_of(query)
        assert "expired" in (answer["answer_text"] or "")


async def test_html_in_typed_text_is_escaped(bot, alice: FakeUser):
    # The fake refuses malformed HTML like Telegram: a reply at all proves it was escaped.
    await onboard(alice)
    await alice.send("/timezone <b>bold</b> & </i>")
    await alice.expect_text("<b>bold</b> & </i>")


async def test_discretion_toggles_from_settings(bot, alice: FakeUser):
    await onboard(alice)
    await alice.send("/settings")
    shown = await alice.expect_text("discreet previews: on")
    await alice.press(shown, "discreet previews")
    await alice.expect_text("discreet previews: off", "locked screen")
    async with bot.bot_data.deps.transaction() as session:
        row = await session.get(User, alice.id)
        assert row is not None and row.discreet is False
    await alice.send("/settings")
    await alice.press(await alice.expect_text("discreet previews: off"), "discreet previews")
    await alice.expect_text("discreet previews: on")


async def test_zone_buttons_are_those_of_the_persons_region_in_their_words(
    bot, alice: FakeUser, bob: FakeUser
):
    alice.info["language_code"] = "pt-BR"
    await alice.send("/start")
    await alice.press(await alice.expect(), data="consent:yes")
    ask_role = await alice.expect()
    await alice.press(ask_role, data=ask_role.buttons()[0]["callback_data"])
    ask = await alice.expect()  # her side is noted on the question itself
    labels = [b["text"] for b in ask.buttons()]
    assert labels[:3] == ["São Paulo", "Manaus", "Recife"] and "Europe/London" not in labels
    await alice.press(ask, "São Paulo")
    await settle(alice.server)
    assert await zone_of(bot, alice.id) == "America/Sao_Paulo"

    bob.info["language_code"] = "ru"
    await onboard(bob)
    await bob.send("/timezone")
    shown = await bob.expect()
    labels = [b["text"] for b in shown.buttons()]
    assert labels[:3] == ["Москва", "Калининград", "Самара"]
    await bob.press(shown, "Екатеринбург")
    await settle(bob.server)
    assert await zone_of(bot, bob.id) == "Asia/Yekaterinburg"
