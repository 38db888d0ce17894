"""runfacts.meta against the shared spec vectors, and against the server on generated inputs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import runfacts
from runfacts.meta import DATATREATMENT_VOCABULARY, MetaError, canonicalize, meta_hash

VECTORS = json.loads((Path(__file__).parent / "fixtures" / "meta-vectors.json").read_text())


@pytest.mark.parametrize("case", VECTORS["cases"], ids=lambda c: c["name"])
def test_spec_vectors(case: dict[str, Any]) -> None:
    got = canonicalize(case["input"])
    for key, want in case["expect"].items():
        assert got[key] == want, key
    assert meta_hash(case["input"]) == case["expect"]["meta_hash"]


@pytest.mark.parametrize("case", VECTORS["errors"], ids=lambda c: c["name"])
def test_spec_errors(case: dict[str, Any]) -> None:
    with pytest.raises(MetaError, match=case["error"]) as caught:
        canonicalize(case["input"])
    assert caught.value.field.startswith("process_groups")


def test_errors_name_the_field() -> None:
    with pytest.raises(MetaError) as caught:
        canonicalize({"schema_version": 1, "datatreatment": {"tokenization": "words"}})
    assert caught.value.field == "datatreatment.tokenization"
    with pytest.raises(MetaError, match="unknown key"):
        canonicalize({"schema_version": 1, "gaol": "classification"})


# Process names: the seed's, plus arbitrary text without the characters the keys reserve.
names = st.one_of(
    st.sampled_from(["4t", "ttH", "ttW", "ttWW", "ttZ"]),
    st.text(
        st.characters(blacklist_categories=("Cs", "Zs", "Cc"), blacklist_characters="+|:"),
        min_size=1,
        max_size=6,
    ),
    st.integers(min_value=1, max_value=5),
)
groups = st.lists(st.lists(names, min_size=1, max_size=4), min_size=1, max_size=4)


def _maybe(values: Any) -> Any:
    return st.one_of(st.none(), values)


datatreatment = st.fixed_dictionaries(
    {},
    optional={
        **{k: _maybe(st.sampled_from(list(v))) for k, v in DATATREATMENT_VOCABULARY.items()},
        "id_embed_dim": _maybe(st.integers(min_value=1, max_value=512)),
        "globals_included": _maybe(st.booleans()),
    },
)
metas = st.fixed_dictionaries(
    {"schema_version": st.just(1)},
    optional={
        "level": _maybe(st.sampled_from(["sim_event", "reco_event", "jet_level"])),
        "goal": _maybe(st.sampled_from(["classification", "anomaly_detection", "regression"])),
        "dataset_name": _maybe(st.text(min_size=1, max_size=12)),
        "model_family": _maybe(st.sampled_from(["transformer", "mlp", "bdt", "ae"])),
        "process_groups": _maybe(groups),
        "signal_class": st.integers(min_value=0, max_value=3),
        "datatreatment": datatreatment,
    },
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(meta=metas)
def test_matches_the_server(client: runfacts.Client, meta: dict[str, Any]) -> None:
    """Same hash, groups and derived fields as the server's `canonicalize`, or both refuse."""
    try:
        local = canonicalize(meta)
    except MetaError:
        local = None
    try:
        got = client.canonicalize(meta)
    except runfacts.RunfactsGraphQLError:
        assert local is None, f"the server refused what runfacts.meta took: {meta!r}"
        return
    assert local is not None, f"runfacts.meta refused what the server took: {meta!r}"
    assert local["meta_hash"] == got.meta_hash
    assert local["process_groups"] == got.process_groups
    assert local["row_key"] == got.row_key
    assert local["class_def_str"] == got.class_def_str
    assert local["processes_all"] == got.processes_all
