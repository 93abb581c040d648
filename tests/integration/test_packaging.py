"""The wheel carries every package and the migrations; the Dockerfile installs it that way."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # From a copy without build/ and the like: setuptools reuses build/lib, where a file renamed
    # since the last build would linger and end up in the wheel.
    source = tmp_path_factory.mktemp("source") / "tend"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(out.glob("tend-*.whl"))


@pytest.mark.xdist_group("wheel")  # one worker builds the wheel for both
def test_wheel_holds_every_package_and_the_migrations(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "bot/__main__.py",
        "bot/handlers/onboarding.py",
        "core/pairing.py",
        "db/migrations/env.py",
        "db/migrations/script.py.mako",
        "db/migrations/versions/0001_foundation.py",
        "scheduler/__init__.py",
        *(f"content/locales/{lang}/LC_MESSAGES/tend.mo" for lang in ("es", "pt", "ru")),
    ):
        assert required in names, required
    assert not any(name.startswith("tests/") for name in names)
    # Every content translation ships (content/locales/<lang>/ are folders, not packages).
    locales = {
        path.relative_to(ROOT).as_posix() for path in (ROOT / "content/locales").glob("*/*.toml")
    }
    assert "content/locales/pt/selfcare.toml" in locales
    assert locales <= names, sorted(locales - names)


@pytest.mark.xdist_group("wheel")  # one worker builds the wheel for both
def test_installed_wheel_migrates_from_outside_the_checkout(wheel: Path, tmp_path: Path):
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEND_")}
    env["PYTHONPATH"] = str(target)
    probe = subprocess.run(
        [sys.executable, "-c", "import bot, db; print(bot.__file__); print(db.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert all(line.startswith(str(target)) for line in probe.stdout.split()), probe.stdout
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "db", "upgrade"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (work / "tend.db").stat().st_size > 0


def test_dockerfile_installs_the_package_like_the_readme():
    dockerfile = (ROOT / "Dockerfile").read_text()
    found = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"][
        "find"
    ]["include"]
    assert found, "the packages setuptools finds"
    for top in {name.rstrip("*").split(".")[0] for name in found}:
        assert f"COPY {top} ./{top}" in dockerfile, top
    assert "RUN pip install --require-hashes -r requirements/run.lock" in dockerfile
    assert "RUN pip install --no-deps ." in dockerfile
    run = (ROOT / "scripts" / "run").read_text()
    assert "--require-hashes" in run and "requirements/run.lock" in run and "--no-deps ." in run
    assert "requirements/demo.lock" in run  # ./scripts/run demo brings the demo's extras
    test = (ROOT / "scripts" / "test").read_text()
    assert "--require-hashes -r requirements/dev.lock" in test
    assert "USER 10001" in dockerfile and 'VOLUME ["/data"]' in dockerfile
    assert dockerfile.rstrip().endswith('CMD ["python", "-m", "bot"]')


def hashed_pins(lock: str) -> dict[str, list[str]]:
    """Each pinned package of a lock file with the hashes given for it."""
    found: dict[str, list[str]] = {}
    current = ""
    for line in (ROOT / "requirements" / lock).read_text().splitlines():
        stripped = line.strip().rstrip("\\").strip()
        if "==" in stripped and not line.startswith((" ", "#")):
            current = stripped.split("==")[0].lower()
            found[current] = []
        elif stripped.startswith("--hash=sha256:") and current:
            found[current].append(stripped)
    return found


@pytest.mark.parametrize("lock", ["run.lock", "demo.lock", "dev.lock"])
def test_every_locked_package_carries_its_hashes(lock: str):
    locked = hashed_pins(lock)
    assert len(locked) > 20
    assert all(hashes for hashes in locked.values()), [n for n, h in locked.items() if not h]


def test_the_runtime_lock_and_image_leave_the_demo_out():
    demo_only = {"textual", "pyyaml"}
    assert not demo_only & set(hashed_pins("run.lock"))
    assert "aiohttp" in hashed_pins("run.lock")  # the bot's own transport (bot/request.py)
    assert demo_only <= set(hashed_pins("demo.lock")) and demo_only <= set(hashed_pins("dev.lock"))
    assert "python-telegram-bot" in hashed_pins("run.lock")


def test_the_base_image_is_pinned_by_digest():
    line = next(
        row for row in (ROOT / "Dockerfile").read_text().splitlines() if row.startswith("FROM ")
    )
    image = line.split()[1]
    assert image.startswith("python:3.11-slim@sha256:")
    digest = image.split("@sha256:")[1]
    assert len(digest) == 64 and all(c in "0123456789abcdef" for c in digest)


def test_tend_demo_without_its_extra_says_how_to_get_it(monkeypatch, capsys):
    import importlib.util

    from bot import cli

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == "textual" else real(name)
    )
    assert cli.main(["demo"]) == cli.EXIT_CONFIG
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'tend[demo]'" in err


def test_dockerfile_passes_hadolint():
    hadolint = Path(sys.executable).with_name("hadolint")
    result = subprocess.run(
        [str(hadolint), str(ROOT / "Dockerfile")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def _locked(name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements" / name).read_text().splitlines():
        if line and not line.startswith((" ", "#", "-")):
            package, _, version = line.rstrip("\\").strip().partition("==")
            assert version, f"{name}: {line!r} is not an exact pin"
            pins[package.lower().replace("_", "-")] = version
    return pins


@pytest.mark.parametrize(
    ("lock", "extras"),
    [("run.lock", ()), ("demo.lock", ("demo",)), ("dev.lock", ("dev", "demo"))],
)
def test_lock_files_pin_every_dependency_exactly(lock: str, extras: tuple[str, ...]):
    import re

    from packaging.requirements import Requirement
    from packaging.version import Version

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [Requirement(r) for r in project["dependencies"]]
    for extra in extras:
        wanted += [Requirement(r) for r in project["optional-dependencies"][extra]]
    pins = _locked(lock)
    for requirement in wanted:
        name = re.sub(r"[-_.]+", "-", requirement.name).lower()
        assert name in pins, f"{lock} misses {name}: run scripts/lock"
        assert requirement.specifier.contains(Version(pins[name])), f"{lock}: {name} out of range"
