"""Every shell command the README and docs/ show, and every command an error message names,
runs as written in a fresh checkout: it names a script in scripts/, a `tend` subcommand that
exists (through ./scripts/run), a module or entry point in .venv, or a common system tool."""

from __future__ import annotations

import importlib.util
import re
import shlex
import tomllib
from pathlib import Path

import pytest

from bot.cli import main

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SH_BLOCK = re.compile(r"```sh\n(.*?)```", re.S)
PLACEHOLDER = re.compile(r"<[^>]*>")
SYSTEM_TOOLS = {
    *("docker", "git", "export", "sqlite3", "pg_dump", "journalctl", "systemctl"),
    *("useradd", "chown", "install", "cp", "chmod", "python3", "pg_restore", "createdb"),
}
IN_MESSAGES = re.compile(r"`(\./scripts/[^`]+)`")


def shell_commands() -> list[tuple[str, str]]:
    """(document, command line) for every line of every ```sh block."""
    found: list[tuple[str, str]] = []
    for document in DOCUMENTS:
        for block in SH_BLOCK.findall(document.read_text()):
            for line in block.splitlines():
                if line.strip() and not line.lstrip().startswith("#"):
                    found.append((document.name, line.strip()))
    return found


def message_commands() -> list[tuple[str, str]]:
    """(file, command) for every `./scripts/…` a message in the code shows."""
    found: list[tuple[str, str]] = []
    for folder in ("bot", "demo", "core", "db", "scheduler"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            found.extend((path.name, command) for command in IN_MESSAGES.findall(path.read_text()))
    return found


def words(line: str) -> list[str]:
    """The command's words, without leading VAR=value settings, placeholders made plain."""
    parts = shlex.split(PLACEHOLDER.sub("X", line), comments=True)
    while parts and re.match(r"^[A-Z_][A-Z0-9_]*=", parts[0]):
        parts.pop(0)
    if parts[:1] == ["sudo"]:
        parts.pop(0)
    return parts


def check(parts: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert parts, "an empty command"
    program, args = parts[0], parts[1:]
    if program.startswith("./scripts/"):
        script = ROOT / program
        assert script.is_file() and script.stat().st_mode & 0o111, f"{program} is not a script"
        for arg in args:
            if re.search(r"\.(ya?ml|md|svg|txt)$", arg):
                assert (ROOT / arg).exists(), f"{arg} does not exist"
        if program == "./scripts/run":
            tend_args = args if args and not args[0].startswith("-") else ["run", *args]
            with pytest.raises(SystemExit) as exit_:
                main([*tend_args, "--help"])
            capsys.readouterr()
            assert exit_.value.code == 0, f"tend {' '.join(tend_args)} is not a tend command"
    elif program == ".venv/bin/python":
        assert args[:1] == ["-m"], "only `.venv/bin/python -m module` is shown"
        assert importlib.util.find_spec(args[1]) is not None, f"no module {args[1]}"
    elif program.startswith(".venv/bin/"):
        scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
        assert program.removeprefix(".venv/bin/") in scripts, f"{program} is no entry point"
    else:
        assert program in SYSTEM_TOOLS, f"{program} is not installed by tend nor a common tool"


@pytest.mark.parametrize(("document", "line"), shell_commands())
def test_every_documented_command_names_something_that_exists(
    document: str, line: str, capsys: pytest.CaptureFixture[str]
):
    check(words(line), capsys)


@pytest.mark.parametrize(("source", "command"), message_commands())
def test_every_command_an_error_message_shows_exists(
    source: str, command: str, capsys: pytest.CaptureFixture[str]
):
    check(words(command), capsys)


def test_the_readme_keeps_its_two_setup_commands_and_no_bare_tend():
    readme = (ROOT / "README.md").read_text()
    commands = [line for document, line in shell_commands() if document == "README.md"]
    assert any(line.endswith("./scripts/run") for line in commands)
    assert any(line.startswith("./scripts/test") for line in commands)
    assert message_commands(), "the no-token hint names ./scripts/run demo"
    # Bare `tend …` and `python -m bot` are not on PATH after ./scripts/run.
    assert not re.search(r"`(tend |python -m bot)", readme)
