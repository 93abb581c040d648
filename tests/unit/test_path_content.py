"""Content of the path, hard moments and the fuller check-in: complete, discreet, short, fresh."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import string
from collections.abc import Iterator
from html.parser import HTMLParser
from itertools import product
from pathlib import Path

import pytest

from content import library, moments, schema
from content.library import ContentError
from content.path import STAGE_IDS, path
from core.discretion import preview_is_discreet, sensitive_words

SIDES = ("hurt", "broke", "unsaid")
ROOT = Path(__file__).resolve().parents[2]
FINGERPRINT = Path(__file__).with_name("guide_fingerprint.txt")
# The guide lives beside the repository (../shared/seed); worktrees sit one level deeper.
GUIDE_DIRS = (ROOT.parent / "shared" / "seed", ROOT.parents[1] / "shared" / "seed")
RUN = 8  # words: any run this long shared with the guide counts as copied
TELEGRAM_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre"}
TELEGRAM_TAGS |= {"tg-spoiler", "span", "blockquote", "tg-emoji"}
TEXT_MAX, BUTTON_MAX, MESSAGE_MAX = 420, 32, 1500


def _texts(value: object, where: str) -> Iterator[tuple[str, str]]:
    """Every string inside a loaded content object, with where it sits."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, tuple):
        for index, entry in enumerate(value):
            yield from _texts(entry, f"{where}[{index}]")
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from _texts(getattr(value, field.name), f"{where}.{field.name}")


def _all_texts() -> list[tuple[str, str]]:
    return [
        *_texts(path(), "path"),
        *_texts(moments.hard_moments(), "hard"),
        *_texts(moments.share(), "share"),
    ]


# --- completeness ---------------------------------------------------------------------------


def test_every_stage_has_every_part_for_every_side():
    stages = path().stages
    assert tuple(stage.id for stage in stages) == STAGE_IDS
    assert frozenset(STAGE_IDS) == library.SECTIONS
    for stage, side in product(stages, SIDES):
        assert stage.title and stage.shared.title and stage.shared.how, stage.id
        assert stage.shared.alone != stage.shared.how, stage.id
        assert stage.opening.for_role(side) == getattr(stage.opening, side)
        assert getattr(stage.personal, side), (stage.id, side)
        assert stage.reflection.helped.endswith("?") and stage.reflection.hard.endswith("?")
        # An opening speaks to one side: no two sides share one.
        assert len({stage.opening.hurt, stage.opening.broke, stage.opening.unsaid}) == 3
        assert 2 <= len(re.findall(r"[.!?](\s|$)", getattr(stage.opening, side))) <= 3
    assert path().stage("professional").id == "professional"
    assert [path().number(s) for s in ("reflect", "professional")] == [1, 10]
    assert path().after("progress") == path().stage("professional")
    assert path().after("professional") is None
    assert path().stage("reflect").opening.for_role(None) == path().stages[0].opening.unsaid


def test_the_last_stage_says_how_to_find_a_counsellor():
    guide = path().counsellor
    assert len(guide.steps) >= 3 and guide.title and guide.intro
    assert any("informed" in step for step in guide.steps)
    assert not re.search(r"\d{3}", " ".join(_text for _, _text in _texts(guide, "c")))


def test_a_missing_part_is_refused_on_load():
    raw = schema.read("path.toml")
    broken = {**raw, "stages": [dict(stage) for stage in raw["stages"]]}
    broken["stages"][3] = {**broken["stages"][3], "opening": {"hurt": "a", "broke": "b"}}
    with pytest.raises(ContentError, match=r"stages\[3\]\.opening\.unsaid"):
        schema.build(type(path()), broken, "path.toml")
    with pytest.raises(ContentError, match="unknown keys"):
        schema.build(type(path()), {**raw, "extra": "x"}, "path.toml")


def test_every_hard_moment_part_is_present():
    hard = moments.hard_moments()
    for side in SIDES:
        grounding = hard.grounding.for_role(side)
        assert grounding is getattr(hard.grounding, side)
        assert len(grounding.steps) >= 4 and grounding.seconds <= moments.GROUNDING_MAX_SECONDS
        steps = " ".join(step.text.lower() for step in grounding.steps)
        assert "breathe" in steps and "five things you can see" in steps and "floor" in steps
    assert tuple(p.id for p in hard.presets) == moments.PRESET_IDS
    assert hard.log.intensity_labels == ("1", "2", "3", "4", "5")
    assert len(hard.log.helped_suggestions) >= 5
    assert 2 <= len(hard.notice.how_to_be) <= 3
    assert hard.tell.held_within_hour and hard.tell.partner_quiet


def test_every_share_part_is_present():
    share = moments.share()
    assert tuple(p.id for p in share.parts) == moments.SHARE_PART_IDS
    for part in share.parts:
        assert part.title and "?" in part.prompt and part.example
    assert [share.rhythm(r).days for r in moments.RHYTHM_IDS] == [1, 3, 7]
    assert share.setup.default_weeks == 8
    assert share.receiver.thank_you_button and share.receiver.talk_button


# --- rotation: a week of each stage for each side --------------------------------------------


@pytest.mark.parametrize("kind", ["selfcare", "affirmation", "journal"])
def test_each_stage_has_a_week_of_items_for_every_side(kind: str):
    for section, side in product(STAGE_IDS, SIDES):
        found = [i for i in library.pool(kind, [side]) if i.section == section]
        assert len(found) >= 7, (kind, section, side, len(found))


def test_each_stage_has_a_week_of_joint_questions_for_every_pair():
    for section, first, second in product(STAGE_IDS, SIDES, SIDES):
        found = [i for i in library.pool("checkin", [first, second]) if i.section == section]
        assert len(found) >= 7, (section, first, second, len(found))


# --- discretion -----------------------------------------------------------------------------


def _bot_started() -> list[str]:
    """The openings of every message the bot starts on its own for these features."""
    p, hard, share = path(), moments.hard_moments(), moments.share()
    notices = [getattr(p.notices, f.name) for f in dataclasses.fields(p.notices)]
    week_starts = [
        "\n\n".join(
            (
                p.notices.week_begins.format(n=p.number(stage.id), title=stage.title),
                stage.opening.for_role(side),
                stage.shared.title,
                how,
                stage.personal.for_role(side),
            )
        )
        for stage, side in product(p.stages, SIDES)
        for how in (stage.shared.how, stage.shared.alone)  # a couple, or one person alone
    ]
    reflections = [f"{s.reflection.helped}\n{s.reflection.hard}" for s in p.stages]
    notice = "\n".join((hard.notice.first_line, *hard.notice.how_to_be))
    answers = [preset.text for preset in hard.presets]
    shares = [
        f"{share.invite.first_line}\n{share.invite.text}",
        f"{share.receiver.first_line}\n{share.receiver.framing}",
        f"{share.suggestion.first_line}\n{share.suggestion.text}",
        share.setup.renew_offer,
        *(getattr(share.reply, f.name) for f in dataclasses.fields(share.reply)),
    ]
    return [*notices, *week_starts, *reflections, notice, *answers, *shares]


def test_every_message_the_bot_starts_opens_discreetly():
    for text in _bot_started():
        assert preview_is_discreet(text), text[:60]
    assert moments.hard_moments().notice.first_line.startswith("Your partner is having")


def test_only_the_counsellor_guide_names_the_subject_and_never_first():
    for where, text in _all_texts():
        if where.startswith("path.counsellor.steps"):
            continue
        assert sensitive_words(text) == [], where
    guide = path().counsellor
    assert preview_is_discreet(f"{guide.title}\n{guide.intro}")


# --- size and markup ------------------------------------------------------------------------


def test_every_text_fits_a_phone():
    for where, text in _all_texts():
        limit = BUTTON_MAX if where.endswith(("button", "label")) else TEXT_MAX
        assert len(text) <= limit, (where, len(text))
    for suggestion in moments.hard_moments().log.helped_suggestions:
        assert len(suggestion) <= BUTTON_MAX  # they are buttons too
    grounding = moments.hard_moments().grounding
    for step in (step for side in SIDES for step in grounding.for_role(side).steps):
        assert len(step.button) <= 16 and len(step.text) <= 160
    for message in _bot_started():
        assert len(message) <= MESSAGE_MAX


class _TelegramHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TELEGRAM_TAGS:
            self.bad.append(tag)
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.bad.append(f"/{tag}")

    def handle_entityref(self, name: str) -> None:
        if name not in {"lt", "gt", "amp", "quot"}:
            self.bad.append(f"&{name};")


def _valid_telegram_html(text: str) -> bool:
    if re.search(r"&(?!(lt|gt|amp|quot|#\d+);)", text) or re.search(r"<(?![a-z/])", text):
        return False
    parser = _TelegramHtml()
    parser.feed(text)
    parser.close()
    return not parser.bad and not parser.open


def test_texts_are_valid_telegram_html():
    assert not _valid_telegram_html("<b>open") and not _valid_telegram_html("<h1>x</h1>")
    assert not _valid_telegram_html("you & me") and _valid_telegram_html("<b>a</b> &amp; b")
    for where, text in _all_texts():
        assert _valid_telegram_html(text), where


def test_placeholders_are_the_known_ones():
    allowed = {"path": {"n", "title"}, "hard": set(), "share": {"rhythm", "time", "end", "weeks"}}
    for where, text in _all_texts():
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        assert names <= allowed[where.split(".")[0]], where


# --- nothing copied from the guide ----------------------------------------------------------


def _words(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9 ]+", " ", text.lower().replace("’", "'").replace("'", "")).split()


def _digest(words: list[str]) -> str:
    return hashlib.blake2b(" ".join(words).encode(), digest_size=8).hexdigest()


def fingerprint(text: str) -> set[str]:
    """Digests of every RUN-word run and of every sentence of four words or more in `text`."""
    digests = set()
    words = _words(text)
    digests |= {_digest(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}
    for sentence in re.split(r"[.!?;:\n–—]+", text):
        if len(_words(sentence)) >= 4:
            digests.add("s" + _digest(_words(sentence)))
    return digests


def _copied(text: str, guide: set[str]) -> set[str]:
    return fingerprint(text) & guide


def _stored_fingerprint() -> set[str]:
    return set(FINGERPRINT.read_text(encoding="utf-8").split())


def test_the_stored_fingerprint_matches_the_guide_when_it_is_here():
    stored = _stored_fingerprint()
    assert len(stored) > 500
    for folder in GUIDE_DIRS:
        if folder.is_dir():
            text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
            assert fingerprint(text) == stored, "regenerate tests/unit/guide_fingerprint.txt"


def test_the_copy_check_catches_a_copied_run_and_sentence():
    source = "One two three four five six seven eight nine. Short line of words here."
    assert _copied("Ah, two three four five six seven eight nine ten.", fingerprint(source))
    assert _copied("short line of words here!", fingerprint(source))
    assert not _copied("Two three four five six seven eight.", fingerprint(source))


def test_no_text_is_copied_from_the_guide():
    guide = _stored_fingerprint()
    items = [(i.id, i.text) for items in library.library().values() for i in items]
    for where, text in [*_all_texts(), *items]:
        assert not _copied(text, guide), where


if __name__ == "__main__":  # regenerate: python -m tests.unit.test_path_content
    for folder in GUIDE_DIRS:
        if folder.is_dir():
            text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
            FINGERPRINT.write_text("\n".join(sorted(fingerprint(text))) + "\n", encoding="utf-8")
            break
