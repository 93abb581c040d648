"""The content library: sizes, tags, lengths, discreet openings, rotation without repeats."""

from __future__ import annotations

import random
from itertools import product
from pathlib import Path

import pytest

from bot import reminder_texts
from bot.scheduled import render
from content import library
from core.discretion import SENSITIVE, preview_is_discreet, sensitive_words
from scheduler.outbox import Outgoing

ROLES = ("hurt", "broke", "unsaid")


@pytest.mark.parametrize(
    ("kind", "minimum"), [("selfcare", 60), ("affirmation", 60), ("checkin", 40)]
)
def test_pool_sizes_for_every_role(kind: str, minimum: int):
    assert len(library.library()[kind]) >= minimum
    for role in ROLES:
        assert len(library.pool(kind, [role])) >= min(minimum, 40), role


def test_joint_prompts_suit_every_pair_of_roles():
    for first, second in product(ROLES, repeat=2):
        assert len(library.pool("checkin", [first, second])) >= 40


def test_items_are_tagged_and_sized():
    for items in library.library().values():
        for item in items:
            assert item.section in library.SECTIONS
            assert item.roles <= library.ROLES | {"any"} and item.roles
            assert 20 <= len(item.text) <= 300, item.id
            if item.kind == "checkin":
                assert item.text.endswith("?"), item.id


def test_non_explicit_items_name_nothing_sensitive_anywhere():
    for items in library.library().values():
        for item in items:
            if not item.explicit:
                assert sensitive_words(item.text) == [], item.id


@pytest.mark.parametrize("kind", ["selfcare", "affirmation", "checkin"])
def test_every_scheduled_message_opens_discreetly(kind: str):
    # Explicit items are only ever chosen for people who turned discretion off.
    for item in library.pool(kind, ROLES[:1]) + library.pool(kind, ROLES[1:2]):
        for attempt in (0, 1):
            text, _ = render(
                Outgoing(
                    delivery_id=1,
                    user_id=1,
                    kind=kind,
                    text=item.text,
                    attempt=attempt,
                    discreet=True,
                    can_snooze=True,
                )
            )
            assert preview_is_discreet(text), item.id
    notice, _ = render(Outgoing(1, 1, "checkin", "", 0, True, notice=True))
    assert preview_is_discreet(notice)


def test_bot_initiated_texts_are_discreet():
    from bot import pairing_texts, texts

    for text in (
        texts.PAIRED_INVITER,
        texts.PAIRED_INVITEE,
        pairing_texts.JOIN_REQUEST.format(name="Sam"),
        texts.PARTNER_UNLINKED,
        reminder_texts.CHECKIN_PAUSED_NOTICE,
        *reminder_texts.HEADERS.values(),
    ):
        assert preview_is_discreet(str(text)), text


def test_sensitive_word_check_catches_examples():
    assert not preview_is_discreet("About the affair last year")
    assert "betray" in SENSITIVE and sensitive_words("A BETRAYAL") == ["betray"]


def test_explicit_items_only_when_discretion_is_off():
    assert not any(item.explicit for item in library.pool("checkin", ["hurt"]))
    assert any(item.explicit for item in library.pool("checkin", ["hurt"], allow_explicit=True))


def test_rotation_shows_every_item_before_any_repeat():
    candidates = library.pool("selfcare", ["hurt"])
    rng = random.Random(7)
    seen, shown = "", []
    for _ in range(len(candidates)):
        item, seen = library.choose(candidates, seen, rng)
        shown.append(item.id)
    assert len(set(shown)) == len(candidates)
    item, seen = library.choose(candidates, seen, rng)  # the pool ran out: a fresh round
    assert seen == item.id


def test_role_specific_items_reach_only_that_side():
    for item in library.pool("selfcare", ["hurt"]):
        assert "broke" not in item.roles or "any" in item.roles or "hurt" in item.roles
    broke_only = [i for i in library.library()["selfcare"] if i.roles == {"broke"}]
    assert broke_only and not set(broke_only) & set(library.pool("selfcare", ["hurt"]))


def test_counsellor_is_spelt_the_british_way_everywhere():
    """tend writes British English: "counsellor", never "counselor"."""
    root = Path(__file__).resolve().parents[2]
    english = [*root.glob("content/*.toml"), *root.glob("content/*.py"), *root.glob("bot/*.py")]
    assert english
    for path in english:
        assert "counselor" not in path.read_text(encoding="utf-8").lower(), path.name
