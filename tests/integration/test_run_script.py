"""`scripts/run`: installs only when something changed (a restart works offline) and passes
tend's subcommands through. Run against a stand-in .venv whose python and tend record calls."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_PARTS = ("bot", "content", "core", "db", "demo", "scheduler")

FAKE_PYTHON = """#!/bin/sh
# Stands in for .venv/bin/python: answers -VV, records every pip call (and fails the test's
# "offline" runs if one is made).
if [ "$1" = "-VV" ]; then echo "Python 3.11.0 (stand-in)"; exit 0; fi
echo "$*" >> "$(dirname "$0")/../pip-calls"
if [ -n "${OFFLINE:-}" ]; then echo "no network" >&2; exit 1; fi
"""
FAKE_TEND = """#!/bin/sh
echo "tend $*"
"""


def _checkout(tmp: Path) -> Path:
    """The script with the files its fingerprint reads, and a stand-in .venv."""
    root = tmp / "tend"
    (root / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "run", root / "scripts" / "run")
    (root / "requirements").mkdir()
    (root / "requirements" / "run.lock").write_text("aiohttp==3.9.0\n")
    (root / "requirements" / "demo.lock").write_text("aiohttp==3.9.0\ntextual==1.0\n")
    (root / "pyproject.toml").write_text("[project]\nname = 'tend'\n")
    (root / "README.md").write_text("# tend\n")
    for part in PACKAGE_PARTS:
        (root / part).mkdir()
        (root / part / "__init__.py").write_text("")
    bin_dir = root / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for name, text in (("python", FAKE_PYTHON), ("tend", FAKE_TEND)):
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    return root


def _run(root: Path, *args: str, offline: bool = False) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEND_")}
    if offline:
        env["OFFLINE"] = "1"
    result = subprocess.run(
        [str(root / "scripts" / "run"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _pip_calls(root: Path) -> list[str]:
    calls = root / ".venv" / "pip-calls"
    return calls.read_text().splitlines() if calls.exists() else []


def test_a_restart_with_nothing_changed_does_not_install(tmp_path: Path):
    root = _checkout(tmp_path)
    assert _run(root) == "tend run"
    first = _pip_calls(root)
    assert any("--require-hashes -r requirements/run.lock" in call for call in first)
    assert any("--no-deps ." in call for call in first)
    # The restart: no pip at all (the stand-in fails any pip call when "offline").
    assert _run(root, offline=True) == "tend run"
    assert _pip_calls(root) == first
    # A changed lock file or package file installs again.
    (root / "requirements" / "run.lock").write_text("aiohttp==3.9.1\n")
    _run(root)
    assert len(_pip_calls(root)) == 2 * len(first)
    (root / "core" / "new.py").write_text("x = 1\n")
    _run(root)
    assert len(_pip_calls(root)) == 3 * len(first)
    assert _run(root, offline=True) == "tend run"


def test_tend_subcommands_pass_through(tmp_path: Path):
    root = _checkout(tmp_path)
    assert _run(root, "demo", "--speed", "60") == "tend demo --speed 60"
    # The demo's extras come from their own lock file, checked against its hashes.
    assert any("--require-hashes -r requirements/demo.lock" in c for c in _pip_calls(root))
    assert _run(root, "db", "upgrade") == "tend db upgrade"
    assert _run(root, "keys", "rotate") == "tend keys rotate"
    assert _run(root, "run", "--dispatch-only") == "tend run --dispatch-only"
    assert _run(root, "--dispatch-only") == "tend run --dispatch-only"
