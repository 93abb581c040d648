"""The /hard and /share views say each thing once, and name no partner who is not there."""

from __future__ import annotations

from bot import hard_moment, share_views


def test_what_helped_invites_own_words_once():
    text, _ = hard_moment.helped_view(1)
    # The prompt already says "pick one or write your own"; a second line saying it again read
    # as a stutter to someone in a hard moment.
    assert text.lower().count("your own") == 1


def test_without_a_partner_the_closing_step_names_no_partner():
    text, markup = hard_moment.grounding_view("hurt", 99, paired=False)
    labels = [b.text.lower() for row in markup.inline_keyboard for b in row]
    assert "partner" not in text.lower() and not any("partner" in label for label in labels)
    text, markup = hard_moment.grounding_view("hurt", 99, paired=True)
    assert any("partner" in b.text.lower() for row in markup.inline_keyboard for b in row)


def test_a_part_being_changed_shows_its_words_escaped_and_offers_to_keep_them():
    text, markup = share_views.part_prompt(4, 0, written="Tired <b>but</b> hopeful")
    assert "Tired &lt;b&gt;but&lt;/b&gt; hopeful" in text
    assert markup is not None and "keep" in markup.inline_keyboard[0][0].text.lower()
