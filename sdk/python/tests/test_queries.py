"""Reading back: paging, coverage, sweep, compare, pandas frames, the registry and its typed
errors, each against the real server."""

from __future__ import annotations

import uuid

import pytest

import runfacts
from runfacts._generated.input_types import ParamInput
from runfacts._transport import unwrap

from .conftest import SEED_META


@pytest.fixture(scope="module")
def seven_runs(server: object, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str]]:
    """Seven finished runs of one experiment, summary metric score = i, param i."""
    experiment = f"paging-{uuid.uuid4().hex[:6]}"
    url = server.url  # type: ignore[attr-defined]
    ids = []
    with runfacts.Client(url=url, journal_dir=tmp_path_factory.mktemp("j")) as client:
        for i in range(7):
            with client.start_run(
                experiment=experiment, name=f"r{i}", meta=SEED_META, config={"i": i}
            ) as run:
                run.log({"loss": 1.0 - i / 10}, step=0)
                run.summary["score"] = float(i)
            assert run.id is not None
            ids.append(run.id)
        # Lists wait for this client's last write (minSeq); the index applies writes in order,
        # so from here on every client lists all seven.
        assert len(client.runs(filter={"experiment": [experiment]}).to_list()) == 7
    return experiment, ids


def test_runs_iterates_every_page(
    client: runfacts.Client, seven_runs: tuple[str, list[str]]
) -> None:
    experiment, ids = seven_runs
    runs = client.runs(
        filter={"experiment": [experiment]}, order_by="metrics.score asc", page_size=2
    )
    got = [r.id for r in runs]
    assert got == ids and runs.total_count == 7
    best = client.runs(where=f"attributes.experiment = '{experiment}' and metrics.score > 3",
                       order_by=["metrics.score DESC"], page_size=1)  # fmt: skip
    assert [r.name for r in best] == ["r6", "r5", "r4"]


def test_experiments(client: runfacts.Client, seven_runs: tuple[str, list[str]]) -> None:
    experiment, _ = seven_runs
    rows = {r["name"]: r for r in client.experiments().rows()}
    assert rows[experiment]["run_count"] == 7 and rows[experiment]["needs_review_count"] == 0


def test_to_pandas(client: runfacts.Client, seven_runs: tuple[str, list[str]]) -> None:
    experiment, ids = seven_runs
    frame = client.runs(filter={"experiment": [experiment]}, page_size=3).to_pandas()
    assert sorted(frame.index) == sorted(ids)
    assert sorted(frame["metrics.score"]) == [float(i) for i in range(7)]
    assert set(frame["params.i"]) == {str(i) for i in range(7)}


def test_coverage_sweep_compare(client: runfacts.Client, seven_runs: tuple[str, list[str]]) -> None:
    experiment, ids = seven_runs
    grid = client.coverage(metric="score", filter={"experiment": [experiment]})
    assert grid.rows() == [
        {
            "row": "4topsplitted::4t|ttH+ttW+ttWW+ttZ",
            "column": "transformer",
            "best": 6.0,
            "median": 3.0,
            "n_runs": 7,
            "best_run": ids[6],
        }
    ]
    assert grid.to_pandas()["n_runs"].tolist() == [7]

    sweep = client.sweep({"params.i": ["0", "1", "9"]}, metric="score",
                         filter={"experiment": [experiment]})  # fmt: skip
    assert sweep.total_cells == 3 and sweep.covered_cells == 2
    assert [m.levels for m in sweep.missing] == [["9"]]
    assert {r["params.i"]: r["best"] for r in sweep.rows()} == {"0": 0.0, "1": 1.0, "9": None}

    table = client.compare(ids[:2]).to_pandas()
    row = table[(table["kind"] == "param") & (table["key"] == "i")].iloc[0]
    assert bool(row["differs"]) and row[ids[0]] == "0" and row[ids[1]] == "1"


def test_registry_promotion_with_a_conflict(
    client: runfacts.Client, seven_runs: tuple[str, list[str]]
) -> None:
    _, ids = seven_runs
    model = f"clf-{uuid.uuid4().hex[:6]}"
    client.create_model(model, description="4t vs background")
    v1 = client.create_model_version(model, ids[5], source="s3://models/r5.pt")
    v2 = client.create_model_version(model, ids[6], source="s3://models/r6.pt")
    change = client.promote(model, v1.version, to="Production", reason="first", expect=None)
    assert change.change is not None and change.change.to_version == v1.version

    with pytest.raises(runfacts.AliasConflictError) as caught:
        client.promote(model, v2.version, reason="stale read", expect=None)
    assert caught.value.current_version == v1.version and caught.value.field
    client.promote(model, v2.version, reason="better score", expect=v1.version)

    prod = client.model_version_by_alias(model, "Production")
    assert prod.version == v2.version and prod.run_id == ids[6]
    assert prod.config is not None and prod.meta is not None
    assert prod.config["i"] == 6 and prod.meta.row_key == "4topsplitted::4t|ttH+ttW+ttWW+ttZ"
    assert prod.source == "s3://models/r6.pt"


def test_typed_errors(client: runfacts.Client, seven_runs: tuple[str, list[str]]) -> None:
    _, ids = seven_runs
    with pytest.raises(runfacts.RunNotFoundError) as not_found:
        client.run("no_such_run_20250101_000000")
    assert not_found.value.field == "id"
    with pytest.raises(runfacts.RegistryError) as registry:
        client.model_version_by_alias(f"missing-{uuid.uuid4().hex[:6]}", "Production")
    assert registry.value.code == "MODEL_NOT_FOUND" and registry.value.field
    with pytest.raises(runfacts.RunFrozenError) as frozen:
        unwrap(client.graphql.log_params(ids[0], [ParamInput(key="late", value="1")]).log_params)
    assert frozen.value.field == "params"
    with pytest.raises(runfacts.RegistryError) as invalid:
        client.create_model("bad name!")
    assert invalid.value.code == "INVALID_MODEL_NAME" and invalid.value.field == "name"
    with pytest.raises(runfacts.RunfactsGraphQLError, match="runs"):
        list(client.runs(where="metrics.auroc >>> 1"))
