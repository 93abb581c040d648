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
    ):
        assert required in names, required
    assert not any(name.startswith("tests/") for name in names)


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
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"
    ]
    for top in {name.split(".")[0] for name in packages}:
        assert f"COPY {top} ./{top}" in dockerfile, top
    assert "RUN pip install -r requirements/run.lock" in dockerfile
    assert "RUN pip install --no-deps ." in dockerfile
    run = (ROOT / "scripts" / "run").read_text()
    assert "-r requirements/run.lock" in run and "--no-deps ." in run
    assert "-r requirements/dev.lock" in (ROOT / "scripts" / "test").read_text()
    assert "USER 10001" in dockerfile and 'VOLUME ["/data"]' in dockerfile
    assert dockerfile.rstrip().endswith('CMD ["python", "-m", "bot"]')


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
            package, _, version = line.partition("==")
            assert version, f"{name}: {line!r} is not an exact pin"
            pins[package.lower().replace("_", "-")] = version
    return pins


@pytest.mark.parametrize(("lock", "extras"), [("run.lock", ()), ("dev.lock", ("dev",))])
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
