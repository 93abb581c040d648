"""Every word the bot says in chat is a catalogue sentence (`content.i18n.Msg` or `Plural`), so it
reaches the person in their language: no English sentence or button label sits in bot/ as a bare
string. The operator's side (the command line, health, metrics, logs, settings) is left out."""

from __future__ import annotations

import ast
import re
from pathlib import Path

BOT = Path(__file__).resolve().parents[2] / "bot"
# Modules that never put words in a chat: the operator's console, probes, metrics, plumbing.
OPERATOR = {
    "__init__.py",
    "__main__.py",
    "app.py",
    "cli.py",
    "context.py",
    "dispatching.py",
    "flood.py",
    "health.py",
    "instrumented.py",
    "lifecycle.py",
    "limiter.py",
    "logs.py",
    "logsafety.py",
    "metrics.py",
    "reach.py",
    "request.py",
    "serve.py",
    "settings.py",
    "updates.py",
    "webhook.py",
}
# Strings that are not words to a person: Telegram's error texts matched against, Babel patterns.
NOT_SAID = {
    "not modified",
    "message to edit not found",
    "message can't be edited",
    "chat not found",
    "EEE d MMM, HH:mm",
}
# Two words of letters in a row ("Done already"), or one capitalised word ("Back", "Skip").
WORDS = re.compile(r"[^\W\d_]{2,}[,;:.!?'’]? +[^\W\d_]{2,}|^[A-Z][a-z]{2,}[.!?]?$")
TRANSLATED = {"Msg", "Plural"}
LOGGING = {"debug", "info", "warning", "error", "exception", "critical", "getLogger"}


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _exempt(tree: ast.AST) -> set[int]:
    """Nodes that may hold English: docstrings, Msg/Plural's own argument, log lines, raise."""
    exempt: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            exempt.add(id(body[0].value))
        if isinstance(node, ast.Call) and _name(node) in TRANSLATED | LOGGING:
            exempt.update(id(inner) for inner in ast.walk(node))
        if isinstance(node, ast.Raise | ast.Assert):
            exempt.update(id(inner) for inner in ast.walk(node))
    return exempt


def stray_english(source: str, where: str) -> list[str]:
    """Bare string literals in `source` that read like words meant for a person."""
    tree = ast.parse(source)
    exempt = _exempt(tree)
    return [
        f"{where}:{node.lineno}: {node.value[:60]!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in exempt
        and node.value not in NOT_SAID
        and WORDS.search(node.value)
    ]


def test_every_sentence_in_bot_is_a_catalogue_sentence():
    found = [
        line
        for path in sorted(BOT.rglob("*.py"))
        if path.name not in OPERATOR
        for line in stray_english(path.read_text(encoding="utf-8"), str(path.relative_to(BOT)))
    ]
    assert not found, "wrap these in Msg (content.i18n), then scripts/i18n all:\n" + "\n".join(
        found
    )


def test_the_check_finds_a_bare_sentence_or_label_and_nothing_else():
    source = (
        '"""A docstring, in English."""\n'
        'DONE = "Done already."\n'
        'BACK = "Back"\n'
        'KEY, DATA, ZONE = "share.done_already", "bd:open:", "UTC"\n'
        'OK = Msg("Thank you, that is saved.")\n'
        'log.info("pressed user=%s kind=%s", 1, "a b")\n'
        'if "chat not found" in str(exc): pass\n'
    )
    found = stray_english(source, "sample")
    assert found == ["sample:2: 'Done already.'", "sample:3: 'Back'"]
