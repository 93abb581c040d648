"""deploy/: the compose file passes the Compose specification's schema and wires what the docs
say (Docker itself cannot run where the tests run)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def compose_schema() -> dict[str, Any]:
    """The Compose specification's JSON schema, as check-jsonschema vendors it (with its
    license beside it: check_jsonschema/builtin_schemas/vendor/licenses/LICENSE.compose-spec)."""
    vendored = files("check_jsonschema.builtin_schemas.vendor") / "compose-spec.json"
    data: dict[str, Any] = json.loads(vendored.read_text(encoding="utf-8"))
    return data


def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    return data


def test_compose_file_passes_the_compose_spec_schema():
    schema = compose_schema()
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(compose()), key=lambda e: list(e.path))
    assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors]
    # The check can fail: a misspelt key is refused.
    broken = compose()
    broken["services"]["receiver"]["comand"] = ["tend", "run"]
    assert list(validator.iter_errors(broken))


def test_compose_wires_one_receiver_two_dispatchers_postgres_caddy_prometheus():
    services = compose()["services"]
    assert set(services) == {"postgres", "receiver", "dispatch", "caddy", "prometheus"}
    receiver, dispatch = services["receiver"], services["dispatch"]
    assert receiver["command"] == ["tend", "run"]
    assert receiver["environment"]["TEND_DISPATCH"] == "false"
    assert dispatch["command"] == ["tend", "run", "--dispatch-only"]
    assert dispatch["deploy"]["replicas"] == 2
    for tend in (receiver, dispatch):
        assert tend["env_file"] == "tend.env"
        assert tend["environment"]["TEND_DATABASE_URL"].startswith("postgresql+asyncpg://")
        assert tend["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert "ports" not in tend  # only Caddy faces the internet
    caddyfile = (DEPLOY / "Caddyfile").read_text()
    assert "reverse_proxy receiver:" + receiver["environment"]["TEND_WEBHOOK_PORT"] in caddyfile
    assert "handle /telegram" in caddyfile
    env = (DEPLOY / "tend.env.example").read_text()
    assert "/telegram" in re.search(r"^TEND_WEBHOOK_URL=(.*)$", env, re.M).group(1)  # type: ignore[union-attr]


def test_prometheus_scrapes_the_metrics_port_of_every_tend_process():
    config = yaml.safe_load((DEPLOY / "prometheus.yml").read_text())
    port = compose()["services"]["receiver"]["environment"]["TEND_METRICS_PORT"]
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    assert jobs["tend-receiver"]["static_configs"][0]["targets"] == [f"receiver:{port}"]
    assert jobs["tend-dispatch"]["dns_sd_configs"][0] == {
        "names": ["dispatch"],
        "type": "A",
        "port": int(port),
        "refresh_interval": "30s",
    }
    alerts = yaml.safe_load((DEPLOY / "alerts.yml").read_text())
    exprs = " ".join(rule["expr"] for group in alerts["groups"] for rule in group["rules"])
    for metric in re.findall(r"tend_[a-z_]+", exprs):
        assert metric.removesuffix("_total") in _exposed_metric_names(), metric


def test_every_tend_setting_in_deploy_files_exists():
    known = {f"TEND_{name.upper()}" for name in Settings.model_fields} | {"TEND_DOMAIN"}
    for name in ("compose.yaml", "tend.env.example"):
        used = set(re.findall(r"\bTEND_[A-Z_]+", (DEPLOY / name).read_text()))
        assert used <= known, (name, used - known)


def test_docker_healthcheck_asks_readyz_with_python_only():
    dockerfile = (ROOT / "Dockerfile").read_text()
    match = re.search(r"HEALTHCHECK .*?CMD (\[.*?\])\n", dockerfile, re.S)
    assert match is not None
    command = json.loads(match.group(1))
    assert command[:2] == ["python", "-c"] and "/readyz" in command[2]
    # Nothing listens on this port: the check must fail (exit code, no hang).
    probe = command[2].replace("os.environ.get('TEND_METRICS_PORT', '9464')", "'9'")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=30)
    assert done.returncode != 0


def _exposed_metric_names() -> set[str]:
    from bot.metrics import Metrics

    return {metric.name for metric in Metrics().registry.collect()}
