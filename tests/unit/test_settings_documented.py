"""Every setting is documented, and the flood settings reach the guard."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr

from bot.app import build_application
from bot.settings import Settings
from core.clock import ManualClock
from tests.conftest import START

ROOT = Path(__file__).resolve().parents[2]


def test_every_setting_is_in_the_readme_table_and_the_example_env():
    readme = (ROOT / "README.md").read_text()
    example = (ROOT / ".env.example").read_text()
    for name in Settings.model_fields:
        variable = f"TEND_{name.upper()}"
        assert f"| `{variable}` |" in readme, variable
        assert variable in example, variable


def test_flood_settings_reach_the_guard():
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        bot_token=SecretStr("1:x"),
        flood_burst=5,
        flood_rate=2.5,
        flood_mute=3,
    )
    deps = build_application(settings, ManualClock(START)).bot_data.deps
    assert deps is not None
    assert (deps.flood.burst, deps.flood.rate, deps.flood.mute) == (5, 2.5, 3)
