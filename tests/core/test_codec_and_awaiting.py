"""The button codec and the open-question model: round trips, forged data, expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core import actions, awaiting
from core.actions import SPECS, Arg
from core.awaiting import Asked, Asks
from db.models import User

SAMPLE: dict[Arg, int | str] = {
    Arg.ID: 2**31 - 1,
    Arg.PERSON: 2**52,
    Arg.SMALL: 5,
    Arg.WORD: "safety",
    Arg.NEW_OR_ID: 0,
}
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("flow", "verb"), sorted(SPECS))
def test_every_button_round_trips_within_64_bytes(flow: str, verb: str) -> None:
    args = [SAMPLE[kind] for kind in SPECS[(flow, verb)]]
    data = actions.encode(flow, verb, *args)
    assert len(data.encode()) <= actions.MAX_BYTES
    press = actions.decode(data, flow)
    assert press == actions.Press(flow, verb, tuple(args))
    assert press.data == data


def test_the_wire_format_is_the_one_old_buttons_carry() -> None:
    assert actions.encode("ci", "r", 12, "safety", 5) == "ci:r:12:safety:5"
    assert actions.decode("hd:tell:0") == actions.Press("hd", "tell", (0,))  # not noted yet
    assert actions.decode("hd:a:9:here") == actions.Press("hd", "a", (9, "here"))
    assert actions.decode("sh:k:4:2") == actions.Press("sh", "k", (4, 2))
    assert actions.decode("sh:r:few_days") == actions.Press("sh", "r", ("few_days",))
    assert actions.encode("bd", "ack", 3, 2) == "bd:ack:3:2"
    assert actions.decode("ci:v:7:9:n") == actions.Press("ci", "v", (7, 9, "n"))


@pytest.mark.parametrize(
    "forged",
    [
        None,
        "",
        "ci",
        "ci:r:abc",
        "ci:r:1:safety",  # an argument short
        "ci:s:1:2",  # one too many
        "ci:zap:1",  # no such verb
        "ap:send:-1",
        "ap:send:0",
        "ap:send:2147483648",  # larger than any row id
        "ap:send:99999999999999999999999",
        "ap:send:١٢",  # digits from another script
        "bd:cat:" + "x" * 60,  # over 64 bytes
        "bd:cat:a b",
        "zz:go:1",
        "hd:i:0:3",  # intensity for a moment not noted: no button of ours carries that
        "sh:go:0",
    ],
)
def test_forged_or_truncated_data_decodes_to_nothing(forged: str | None) -> None:
    assert actions.decode(forged) is None


def test_a_press_for_another_flow_is_not_this_flows() -> None:
    assert actions.decode("ap:start:1", "ci") is None


@pytest.mark.parametrize(
    ("flow", "verb", "args"),
    [("ci", "nope", (1,)), ("ci", "s", ()), ("ci", "s", (0,)), ("bd", "cat", ("x" * 70,))],
)
def test_drawing_a_button_no_spec_allows_is_a_bug(
    flow: str, verb: str, args: tuple[int | str, ...]
) -> None:
    with pytest.raises(ValueError):
        actions.encode(flow, verb, *args)


@pytest.mark.parametrize(
    ("asked", "stored"),
    [
        (Asked(Asks.TIMEZONE), "timezone"),
        (Asked(Asks.CHECKIN, ref=12), "ci:12"),
        (Asked(Asks.JOURNAL), "journal"),
        (Asked(Asks.JOURNAL, tag="journal-3"), "journal:journal-3"),
        (Asked(Asks.APPRECIATION, ref=4), "ap:4"),
        (Asked(Asks.BOUNDARY_NEW, tag="money"), "bd:new:money"),
        (Asked(Asks.BOUNDARY_EDIT, ref=5), "bd:edit:5"),
        (Asked(Asks.BOUNDARY_CONSEQUENCE, ref=6), "bd:cons:6"),
        (Asked(Asks.BOUNDARY_NOTE, ref=7), "bd:note:7"),
        (Asked(Asks.HARD_TRIGGER, ref=8), "hd:t:8"),
        (Asked(Asks.HARD_HELPED, ref=8), "hd:h:8"),
        (Asked(Asks.SHARE_TIME, tag="few_days"), "sh:time:few_days"),
        (Asked(Asks.SHARE_PART, ref=9, tag="3"), "sh:p:9:3"),
        (Asked(Asks.SHARE_NOTE, ref=10), "sh:n:10"),
    ],
)
def test_open_questions_are_stored_as_before_and_parsed_back(asked: Asked, stored: str) -> None:
    assert asked.encode() == stored
    assert awaiting.parse(stored) == asked


@pytest.mark.parametrize(
    "stored",
    ["ci:", "ci:x", "ci:0", "bd:zap:1", "ap:99999999999", "x", "sh:p:0:1", "sh:p:9:12", "hd:t:x"],
)
def test_a_stored_tag_no_flow_wrote_is_no_question(stored: str) -> None:
    assert awaiting.parse(stored) is None


def test_a_question_expires_two_hours_after_the_last_word() -> None:
    user = User(id=1)
    awaiting.ask(user, Asked(Asks.CHECKIN, ref=3), NOW)
    later = NOW + awaiting.ANSWER_WITHIN - timedelta(minutes=1)
    assert awaiting.arrived(user, later) == awaiting.Arrival(Asked(Asks.CHECKIN, ref=3))
    much_later = later + awaiting.ANSWER_WITHIN + timedelta(minutes=1)
    arrival = awaiting.arrived(user, much_later)
    assert arrival == awaiting.Arrival(None, expired=Asked(Asks.CHECKIN, ref=3))
    assert user.awaiting is None


def test_the_time_zone_question_never_expires() -> None:
    user = User(id=1)
    awaiting.ask(user, Asked(Asks.TIMEZONE), NOW)
    arrival = awaiting.arrived(user, NOW + timedelta(days=30))
    assert arrival.asked == Asked(Asks.TIMEZONE) and arrival.expired is None


def test_setting_up_and_pairing_buttons_keep_their_wire_format() -> None:
    code = "A" * 23 + "_"
    for data in (
        "consent:yes",
        f"consent:yes:{code}",
        "consent:no",
        "role:set:broke",
        "tz:set:America/Argentina/Buenos_Aires",
        "tz:set:Etc/GMT+5",
        f"join:yes:{code}",
        "pair:ok:7999999999",
        "unlink:yes:12",
        "settings:askfirst",
        "pause:24h",
        "nudge:later:9",
    ):
        pressed = actions.decode(data)
        assert pressed is not None and pressed.data == data
    for forged in ("consent:yes:a:b", "pair:ok:99999999999999999999", "unlink:yes:0", "settings:x"):
        assert actions.decode(forged) is None
