"""Crisis detection, emergency numbers, the safety texts and the journal prompts."""

from __future__ import annotations

import pytest

from bot import safety_texts
from content import library
from core.discretion import preview_is_discreet
from core.emergency import emergency_number
from core.safety import looks_unsafe
from demo.fake_telegram.html_check import plain_text

DANGEROUS = [
    # suicide, wanting to die
    "I want to kill myself",
    "Honestly I don't want to be alive anymore",
    "I've been thinking about ending it all",
    "Everyone would be better off without me.",
    "I wish I was dead",
    "i just wanna die",
    "kms",
    "sometimes I think about how to unalive myself",
    "There's no reason to live anymore",
    "I've thought about how I would take my own life",
    "I keep thinking about taking all my pills",
    "I thought about an overdose last night",
    "I feel suicidal",
    "I have nothing left to live for",
    "I don't want to live anymore",
    "I CAN’T GO ON LIVING LIKE THIS",
    "I want to end my life",
    # self-harm
    "I've been cutting myself again",
    "I hurt myself last night",
    "I started self-harming again",
    "i keep burning myself",
    # violence or abuse received
    "He hit me",
    "she slapped me when I asked",
    "He choked me last night",
    "He threatened to kill me",
    "she threatened to kill herself if I leave",
    "I'm scared he'll hurt me",
    "I’m afraid of what he might do to me",
    "He forced me to have sex",
    "he raped me",
    "my husband pushed me down the stairs",
    "he threw a glass at me",
    "He has his hands around my throat when he's angry",
    "I'm afraid he's going to kill me",
    "she beat me",
    "He beats the kids",
    "my partner is abusive",
    "I don't feel safe at home",
    "I'm terrified of him",
    "You hit me in front of the kids",
    # the writer threatening someone
    "I want to hurt him",
    "I could kill her",
    "I'm going to kill him",
    "I'll kill that bitch",
    "i hit her",
    "He said he would kill me if I left",
    "If he finds out he'll kill me",
    "he grabbed me by the throat",
    "I'm not suicidal, I just feel numb",
]

ORDINARY = [
    "It hurt me when you lied",
    "I felt hurt",
    "The betrayal is killing me slowly",
    "this is killing me",
    "I could kill for a coffee",
    "This hurts",
    "I'm dying to see you",
    "We fought about money",
    "I felt unsafe with the lies",
    "I don't feel safe with you yet",
    "Hurt feelings all round tonight",
    "I want to hurt less",
    "You hurt me so much",
    "I'm afraid you'll hurt me again",
    "I never want to hurt you again",
    "I would never hurt you",
    "I don't want to hurt you",
    "It really hit me how much I hurt you",
    "She beat me to it",
    "It's dead in the water",
    "I can't go on like this",
    "I'm taking my life back",
    "You abused my trust",
    "I don't want to live like this",
    "I'd love to go to the beach",
    "I'm scared of losing you",
    "I'm afraid of her reaction",
    "He pushed me away again",
    "You pushed me into therapy, and I'm glad",
    "I could cry",
    "I only hurt myself by keeping quiet",
    "I'm afraid we'll fall back into old habits",
    "Life is worth living again",
    "I'd rather die than lose you",
    "I don't want to die alone",
    "She hit me with the news",
    "I don't want to be here anymore",
    "I want to hurt you back",
    "he beat me at chess",
]


@pytest.mark.parametrize("text", DANGEROUS)
def test_dangerous_words_are_noticed(text: str):
    assert looks_unsafe(text)


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_pain_is_not_treated_as_danger(text: str):
    assert not looks_unsafe(text)


def test_spacing_and_apostrophes_do_not_hide_danger():
    assert looks_unsafe("I   don’t\nwant to\tbe alive")
    assert looks_unsafe("I dont want to be alive")
    assert not looks_unsafe("")


def test_long_text_is_checked_quickly():
    long_text = "I felt hurt and tired today. " * 2000 + "He hit me."
    assert looks_unsafe(long_text)
    assert not looks_unsafe("I felt hurt and tired today. " * 2000)


@pytest.mark.parametrize(
    ("zone", "number"),
    [
        ("Europe/London", "999"),
        ("Europe/Dublin", "112"),
        ("Europe/Berlin", "112"),
        ("Europe/Paris", "112"),
        ("America/New_York", "911"),
        ("America/Chicago", "911"),
        ("America/Los_Angeles", "911"),
        ("America/Phoenix", "911"),
        ("America/Anchorage", "911"),
        ("America/Indiana/Indianapolis", "911"),
        ("America/Toronto", "911"),
        ("America/Vancouver", "911"),
        ("America/Mexico_City", "911"),
        ("Pacific/Honolulu", "911"),
        ("Australia/Sydney", "000"),
        ("Australia/Perth", "000"),
        ("Pacific/Auckland", "111"),
        ("Asia/Kolkata", "112"),
        ("Asia/Tokyo", "110"),
        ("Asia/Singapore", "999"),
        ("Africa/Johannesburg", "10111"),
        ("America/Sao_Paulo", None),
        ("Asia/Kathmandu", None),
        ("UTC", None),
        ("Mars/Base", None),
        ("", None),
        (None, None),
    ],
)
def test_emergency_number_guess(zone: str | None, number: str | None):
    assert emergency_number(zone) == number


def _all_texts() -> list[str]:
    return [
        safety_texts.crisis_reply("Europe/Berlin"),
        safety_texts.crisis_reply(None),
        safety_texts.crisis_reply("Africa/Johannesburg"),
        safety_texts.safety_resources("America/Chicago"),
        safety_texts.safety_resources(None),
        safety_texts.low_safety_note(),
        safety_texts.low_connection_note(),
    ]


@pytest.mark.parametrize("text", _all_texts())
def test_safety_texts_are_valid_html_and_short(text: str):
    shown = plain_text(text)  # raises where Telegram would refuse the markup
    assert len(text) < 1000
    assert shown.strip()


@pytest.mark.parametrize(
    ("zone", "shown"), [("Europe/Berlin", "112"), ("Australia/Melbourne", "000"), (None, None)]
)
def test_crisis_reply_names_help_and_the_number(zone: str | None, shown: str | None):
    for text in (safety_texts.crisis_reply(zone), safety_texts.safety_resources(zone)):
        plain = plain_text(text)
        assert "https://findahelpline.com" in plain
        assert "https://www.hotpeachpages.net" in plain
        assert "emergency number" in plain
        if shown is not None:
            assert f"({shown} where you are)" in plain
        else:
            assert "where you are" not in plain
    assert len(safety_texts.crisis_reply(zone)) < 700
    assert "not been passed to your partner" in plain_text(safety_texts.crisis_reply(zone))
    assert "never notifies your partner" in plain_text(safety_texts.safety_resources(zone))


def test_notes_point_to_the_right_help():
    safety = plain_text(safety_texts.low_safety_note())
    assert "findahelpline.com" in safety and "hotpeachpages.net" in safety
    assert "counsellor of your own" in safety and "goes to your partner" in safety
    assert "couples therapist" not in safety
    connection = plain_text(safety_texts.low_connection_note())
    assert "couples therapist" in connection and "doctor" in connection


def test_notes_that_may_arrive_unasked_open_discreetly():
    assert preview_is_discreet(plain_text(safety_texts.low_safety_note()))
    assert preview_is_discreet(plain_text(safety_texts.low_connection_note()))


def test_journal_prompts():
    prompts = library.library()["journal"]
    assert len(prompts) >= 30
    for item in prompts:
        assert item.text.endswith("?"), item.id
        assert item.id.startswith("jr-")
    assert len([i for i in prompts if i.roles == {"hurt"}]) >= 5
    assert len([i for i in prompts if i.roles == {"broke"}]) >= 5
    for role in ("hurt", "broke", "unsaid", None):
        assert len(library.pool("journal", [role])) >= 25
