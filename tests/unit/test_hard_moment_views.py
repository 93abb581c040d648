"""The /hard views say each thing once."""

from __future__ import annotations

from bot import hard_moment


def test_what_helped_invites_own_words_once():
    text, _ = hard_moment.helped_view(1)
    # The prompt already says "pick one or write your own"; a second line saying it again read
    # as a stutter to someone in a hard moment.
    assert text.lower().count("your own") == 1
