"""Check calls against the official Bot API description (api.min.json; API_SPEC_LICENSE)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

SPEC_FILE = Path(__file__).with_name("api.min.json")


class SpecError(ValueError):
    """A call the real Bot API would refuse; the message is Telegram's description."""


@cache
def spec() -> dict[str, Any]:
    """The parsed description."""
    data: dict[str, Any] = json.loads(SPEC_FILE.read_text(encoding="utf-8"))
    return data


@cache
def methods_by_lower_name() -> dict[str, str]:
    """Bot API method names are case-insensitive."""
    return {name.lower(): name for name in spec()["methods"]}


@cache
def reaction_emoji() -> frozenset[str]:
    """The emoji a bot may react with: those ReactionTypeEmoji's `emoji` field lists."""
    (field,) = (f for f in spec()["types"]["ReactionTypeEmoji"]["fields"] if f["name"] == "emoji")
    described = "".join(field["description"])
    return frozenset(re.findall(r'"([^"]+)"', described.partition("one of")[2]))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _coerce_scalar(value: Any, kind: str) -> Any:
    """Form fields arrive as strings; turn them into what the type says, or refuse."""
    if kind == "Integer":
        if _is_int(value):
            return value
        if isinstance(value, str) and value.lstrip("-").isdecimal():
            return int(value)
        raise SpecError("wrong integer value")
    if kind == "Float":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        try:
            return float(value)
        except (TypeError, ValueError):
            raise SpecError("wrong float value") from None
    if kind in ("Boolean", "True"):
        if isinstance(value, bool):
            return value
        if value in ("true", "false", "True", "False", "1", "0"):
            return value in ("true", "True", "1")
        raise SpecError("wrong boolean value")
    if kind == "String":
        if isinstance(value, str):
            return value
        if _is_int(value) or isinstance(value, float):
            return str(value)
        raise SpecError("wrong string value")
    raise SpecError(f"unknown scalar {kind}")


SCALARS = {"Integer", "Float", "Boolean", "True", "String"}


def _check_value(value: Any, kinds: list[str], where: str) -> Any:
    """Check one value against a list of allowed type names; return it coerced."""
    errors: list[str] = []
    for kind in kinds:
        try:
            return _check_one(value, kind, where)
        except SpecError as exc:
            errors.append(str(exc))
    raise SpecError(errors[0] if errors else f"can't parse {where}")


def _check_one(value: Any, kind: str, where: str) -> Any:
    if kind.startswith("Array of "):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                raise SpecError(f"can't parse {where} JSON object") from None
        if not isinstance(value, list):
            raise SpecError(f'field "{where}" must be an Array')
        inner = kind.removeprefix("Array of ")
        return [_check_one(item, inner, where) for item in value]
    if kind in SCALARS:
        return _coerce_scalar(value, kind)
    if kind == "InputFile":
        if isinstance(value, dict) and "file" in value:
            return value
        raise SpecError(f"wrong file {where}")
    return _check_object(value, kind, where)


def _check_object(value: Any, kind: str, where: str) -> Any:
    types = spec()["types"]
    if kind not in types:
        raise SpecError(f"unsupported type {kind}")
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise SpecError(f"can't parse {where} JSON object") from None
    if not isinstance(value, dict):
        raise SpecError(f'field "{where}" must be an Object')
    described = types[kind]
    if "subtypes" in described:
        return _check_value(value, described["subtypes"], where)
    return check_fields(value, described.get("fields", []), where=kind)


def check_fields(
    params: dict[str, Any], fields: list[dict[str, Any]], where: str
) -> dict[str, Any]:
    """Refuse unknown or missing fields and wrong scalars; return the params coerced."""
    known = {field["name"]: field for field in fields}
    for name in params:
        if name not in known:
            raise SpecError(f'unknown field "{name}" in {where}')
    checked: dict[str, Any] = {}
    for name, field in known.items():
        if name not in params or params[name] is None:
            if field["required"]:
                raise SpecError(f"{name} is empty")
            continue
        checked[name] = _check_value(params[name], field["types"], name)
    return checked


def check_call(method: str, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The canonical method name and its checked params; SpecError if Telegram would refuse."""
    name = methods_by_lower_name().get(method.lower())
    if name is None:
        raise LookupError(method)
    fields = spec()["methods"][name].get("fields", [])
    return name, check_fields(params, fields, where=name)
