"""Params: `run.log_params(cfg)` flattens exactly as the server flattens `config=cfg`."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import runfacts
from runfacts._params import flatten_params, js_number

from .conftest import SEED_META

keys = st.text("abcdefghijklmnopqrstuvwxyz_-", min_size=1, max_size=6).map(lambda k: "c_" + k)
leaves = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=8),
)  # fmt: skip
configs = st.dictionaries(
    keys,
    st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=3)
        ),
        max_leaves=8,
    ),
    min_size=1,
    max_size=5,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(config=configs)
def test_log_params_flattens_like_the_server(
    client: runfacts.Client, config: dict[str, Any]
) -> None:
    run = client.start_run(experiment="params", name="flatten", meta=SEED_META, config=config)
    run.finish()
    stored = {p.key: p.value for p in client.run(str(run.id)).params}
    expected = dict(flatten_params(config))
    assert {k: stored.get(k) for k in expected} == expected


def test_log_params(client: runfacts.Client) -> None:
    with client.start_run(experiment="params", name="logged", meta=SEED_META) as run:
        run.log_params({"optim": {"lr": 1e-05, "betas": [0.9, 0.999]}, "amp": True, "tag": None})
    stored = {p.key: p.value for p in client.run(str(run.id)).params}
    # beside the ones the server adds to every config (run_id, timestamp, architecture_code)
    added = ("run_id", "timestamp", "architecture_code")
    assert {k: v for k, v in stored.items() if k not in added} == {
        "optim.lr": "0.00001",
        "optim.betas.0": "0.9",
        "optim.betas.1": "0.999",
        "amp": "true",
        "tag": "null",
    }


def test_numbers_print_as_javascript_prints_them() -> None:
    """3000 random doubles (every magnitude) through js_number and through node's JSON.stringify."""
    import json
    import random
    import struct
    import subprocess

    rng = random.Random(13)
    values = [struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0] for _ in range(2000)]
    values += [rng.uniform(-1e6, 1e6) for _ in range(500)] + [
        float(rng.randint(0, 2**60)) for _ in range(500)
    ]
    values = [v for v in values if v == v and abs(v) != float("inf")]
    script = (
        "const xs = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(xs.map((x) => JSON.stringify(x))));"
    )
    node = subprocess.run(["node", "-e", script], input=json.dumps(values), capture_output=True,
                          text=True, check=True, timeout=60)  # fmt: skip
    assert [js_number(v) for v in values] == json.loads(node.stdout)
