"""What the bot says when someone may be in danger, and where to find help. HTML parse mode.

The crisis reply goes only to the person who wrote; the partner is never told. The two notes
after low weekly averages may arrive unasked, so their first lines name nothing sensitive.
"""

from __future__ import annotations

from core.safety import emergency_number

HELPLINES_URL = "https://findahelpline.com"
VIOLENCE_HELP_URL = "https://www.hotpeachpages.net"


def _call(timezone: str | None) -> str:
    """Who to call in an emergency, naming the number when the time zone lets us guess it."""
    number = emergency_number(timezone)
    if number is None:
        return "your local emergency number"
    return f"your local emergency number (<b>{number}</b> where you are)"


def crisis_reply(timezone: str | None) -> str:
    """Sent at once, privately, when something a person wrote suggests danger."""
    return (
        "What you wrote sounds like you may be in danger, or carrying a lot of pain. "
        "I'm really glad you put it into words.\n\n"
        f"If you or someone else could get hurt right now, please call {_call(timezone)}.\n\n"
        "If you'd like to talk to someone today:\n"
        f"• a free, confidential crisis line in your country: {HELPLINES_URL}\n"
        f"• help if someone at home hurts, threatens or scares you: {VIOLENCE_HELP_URL}\n\n"
        "What you wrote has <b>not</b> been passed to your partner. "
        "You decide what happens with it.\n\n"
        "<i>I'm not therapy and can't help in an emergency, but the people above can.</i>"
    )


def safety_resources(timezone: str | None) -> str:
    """The same help for /safety, for any moment someone wants it."""
    return (
        "For any moment you need it, here is where to find help.\n\n"
        f"• If you or someone else is in danger right now: call {_call(timezone)}.\n"
        f"• A free, confidential crisis or support line in your country: {HELPLINES_URL}\n"
        f"• Help if someone at home hurts, threatens or scares you: {VIOLENCE_HELP_URL}\n\n"
        "Using /safety never notifies your partner.\n\n"
        "<i>I'm not therapy. A counsellor of your own can be a good place to take "
        "anything that feels too heavy to hold alone.</i>"
    )


LOW_SAFETY_NOTE = (
    "A quiet note, just for you.\n\n"
    "For a while now, your answers about how safe you feel with your partner have stayed low. "
    "You deserve to feel safe, and that matters more than any progress here.\n\n"
    "Talking with a counsellor of your own, someone who is only on your side, can help you sort "
    "out what you need. When safety is in question, that is a better first step than "
    "seeing someone together.\n\n"
    "If you ever feel afraid of your partner, these can help, privately:\n"
    f"• support with violence or abuse at home: {VIOLENCE_HELP_URL}\n"
    f"• a free, confidential support line in your country: {HELPLINES_URL}\n\n"
    "If you are in danger right now, call your local emergency number.\n\n"
    "<i>Nothing of this goes to your partner.</i>"
)

LOW_CONNECTION_NOTE = (
    "A gentle thought, just for you.\n\n"
    "For a couple of weeks now, feeling close has been hard. That happens to many couples on "
    "this road, and it doesn't mean you're failing.\n\n"
    "If it would help, a couples therapist who specialises in betrayal trauma or affair "
    "recovery can give you both a steady place to talk things through. Many people find one "
    "through their doctor or a national directory of counsellors.\n\n"
    "<i>Only an idea, with no pressure. You know best what fits you both.</i>"
)
