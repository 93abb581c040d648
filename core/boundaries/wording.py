"""What the wording of a boundary suggests: controlling phrasing, a no-contact boundary."""

from __future__ import annotations

import re

_CONTROLLING = re.compile(
    r"^\s*(you\s+(must|have\s+to|need\s+to|will|shall|should|can'?t|cannot|may\s+not|"
    r"are\s+not\s+allowed|aren'?t\s+allowed|won'?t|never)|you'?re\s+not\s+allowed|"
    r"don'?t|do\s+not|never|no\s+more)\b",
    re.IGNORECASE,
)


def sounds_controlling(statement: str) -> bool:
    """Whether a statement reads as a rule for the partner ("You must…") rather than a need."""
    text = statement.replace("’", "'")
    return bool(_CONTROLLING.search(text))


# Ending contact with the other person is the most common boundary after a betrayal, and a
# legitimate one however it is worded: "You must never text her again" needs no reframing.
_CONTACT_WORD = re.compile(
    r"\b(contact|text|texting|texts|message|messages|messaging|call|calls|calling|see|seeing|"
    r"meet|meeting|talk\s+to|talking\s+to|speak\s+to|speaking\s+to|write\s+to|dm|email|"
    r"follow|following|block|unfollow|in\s+touch)\b",
    re.IGNORECASE,
)
_SOMEONE_ELSE = re.compile(
    r"\b(her|him|them|she|he|they|anyone|anybody|someone|that\s+person|the\s+other|"
    r"other\s+(women|men|people)|your\s+ex|the\s+affair)\b",
    re.IGNORECASE,
)


def is_no_contact(statement: str, category: str) -> bool:
    """Whether a boundary is about contact with someone else: the "contact" area, or a word
    such as text, call, see or meet together with someone other than the two of them."""
    text = statement.replace("’", "'")
    return category == "contact" or bool(_CONTACT_WORD.search(text) and _SOMEONE_ELSE.search(text))


def offer_reframing(statement: str, category: str) -> bool:
    """Whether to offer, gently and once, the "what I need / what I'll do" way of wording a
    boundary: only when it reads as a rule for the partner and is not about ending contact."""
    return sounds_controlling(statement) and not is_no_contact(statement, category)
