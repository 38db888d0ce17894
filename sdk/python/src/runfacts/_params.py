"""Params as the server makes them from a config (server/src/meta/flatten.ts): dotted keys,
arrays by index, empty objects and arrays kept as `{}` / `[]`, strings as they are and other
values as JavaScript's JSON text, so that `run.log_params(cfg)` and `config=cfg` agree."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Mapping


def js_number(value: float) -> str:
    """A number as JavaScript prints it (`1` for 1.0, `0.00001` for 1e-05, `1e+21`)."""
    if value == 0:
        return "0"
    # Both languages print the shortest digits that round-trip; only the layout differs.
    sign, digits, exponent = Decimal(repr(value)).as_tuple()
    text = "".join(map(str, digits))
    stripped = text.rstrip("0")
    exponent = int(exponent) + len(text) - len(stripped)
    text = stripped
    k = len(text)
    n = k + exponent  # where the decimal point goes, as in ECMAScript's Number::toString
    if k <= n <= 21:
        out = text + "0" * (n - k)
    elif 0 < n <= 21:
        out = text[:n] + "." + text[n:]
    elif -6 < n <= 0:
        out = "0." + "0" * -n + text
    else:
        e = n - 1
        out = (
            text[0]
            + ("." + text[1:] if k > 1 else "")
            + "e"
            + ("+" if e >= 0 else "-")
            + str(abs(e))
        )
    return ("-" if sign else "") + out


def param_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        # JavaScript holds numbers as doubles: past 2**53 it prints the nearest one.
        return str(value) if abs(value) <= 2**53 else js_number(float(value))
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return "null"  # what JSON.stringify makes of them
        return js_number(value)
    if isinstance(value, (list, tuple, Mapping)) and len(value) == 0:
        return "[]" if not isinstance(value, Mapping) else "{}"
    return json.dumps(value, separators=(",", ":"), default=str)


def flatten_params(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Nested values as (dotted key, text) pairs, in order."""
    out: list[tuple[str, str]] = []

    def walk(value: Any, path: str) -> None:
        if isinstance(value, Mapping):
            children = [(str(k), v) for k, v in value.items()]
        elif isinstance(value, (list, tuple)):
            children = [(str(i), v) for i, v in enumerate(value)]
        else:
            children = []
        if not children:
            out.append((path, param_text(value)))
            return
        for key, child in children:
            walk(child, f"{path}.{key}" if path else key)

    for key, value in values.items():
        walk(value, str(key))
    return out
