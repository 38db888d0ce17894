"""The client training code and notebooks use; generated calls do the GraphQL underneath."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence, Union

from ._generated import GraphQLClient
from ._generated.base_model import UNSET, UnsetType
from ._generated.canonicalize import CanonicalizeCanonicalize
from ._generated.create_model_version import (
    CreateModelVersionCreateModelVersionModelVersionPayload,
    CreateModelVersionCreateModelVersionModelVersionPayloadVersion,
)
from ._generated.enums import CoverageDimension, MetricDirection, OrderDirection
from ._generated.fragments import RunFields
from ._generated.input_types import MetaInput, RunFilter, RunOrder, SweepFactorInput
from ._generated.model_version_by_alias import (
    ModelVersionByAliasModelVersionByAliasModelVersion,
)
from ._generated.promote import PromotePromoteAliasChangePayload
from ._generated.run import RunRun
from ._journal import Journal, default_journal_dir
from ._ops import new_op, send_op
from ._transport import Transport, payload, unwrap
from .errors import NonFiniteValueError, RunfactsTransportError, RunNotFoundError
from .frames import RunList, Table
from .run import Run
from .sync import SyncReport, sync_journals

OrderBy = Union[str, Sequence[str]]
META_INPUT = {
    "schema_version": "schemaVersion", "level": "level", "goal": "goal",
    "dataset_name": "datasetName", "model_family": "modelFamily",
    "process_groups": "processGroups", "signal_class": "signalClass",
    "datatreatment": "datatreatment",
}  # fmt: skip
DATATREATMENT_INPUT = {
    "token_order": "tokenOrder", "tokenization": "tokenization", "pid_encoding": "pidEncoding",
    "id_embed_dim": "idEmbedDim", "met_rep": "metRep", "globals_included": "globalsIncluded",
    "feature_set_version": "featureSetVersion", "normalization": "normalization",
}  # fmt: skip


def meta_input(meta: Mapping[str, Any]) -> dict[str, Any]:
    """Seed 000's snake_case meta as the API's MetaInput (camelCase keys also accepted)."""
    out: dict[str, Any] = {}
    for key, value in meta.items():
        name = META_INPUT.get(key, key)
        if name not in META_INPUT.values():
            raise ValueError(f"meta: unknown key {key!r}; the keys are {', '.join(META_INPUT)}")
        if name == "datatreatment" and isinstance(value, Mapping):
            value = {DATATREATMENT_INPUT.get(k, k): v for k, v in value.items()}
        out[name] = value
    return out


def order_input(order_by: Optional[OrderBy]) -> Optional[list[RunOrder]]:
    """ "metrics.auroc desc" (or a list of such) as the API's RunOrder list."""
    if order_by is None:
        return None
    items = [order_by] if isinstance(order_by, str) else list(order_by)
    orders = []
    for item in items:
        field, _, direction = item.strip().partition(" ")
        orders.append(
            RunOrder(field=field, direction=OrderDirection((direction.strip() or "ASC").upper()))
        )
    return orders


def check_json(value: Any, path: str) -> None:
    """Refuses NaN and infinities (JSON cannot carry them) naming where they are."""
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        raise NonFiniteValueError(f"{path} is {value}; JSON cannot carry NaN or infinities")
    if isinstance(value, Mapping):
        for key, item in value.items():
            check_json(item, f"{path}.{key}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            check_json(item, f"{path}[{i}]")


class Client:
    """`Client(url=..., token=...)`; both default to RUNFACTS_URL and RUNFACTS_TOKEN."""

    def __init__(
        self,
        url: Optional[str] = None,
        token: Optional[str] = None,
        *,
        timeout: float = 30.0,
        retries: int = 3,
        journal_dir: Union[str, Path, None] = None,
    ) -> None:
        self._transport = Transport(url, token, timeout, retries)
        self.url = self._transport.url
        self.journal_dir = Path(journal_dir) if journal_dir else default_journal_dir()

    @property
    def graphql(self) -> GraphQLClient:
        """The generated client: one typed method per operation in queries/."""
        return self._transport.graphql

    @property
    def seq(self) -> Optional[str]:
        """The consistency token of this client's latest write."""
        return self._transport.seq

    def close(self) -> None:
        self._transport.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start_run(
        self,
        *,
        experiment: str,
        name: str,
        meta: Mapping[str, Any],
        architecture_code: Optional[str] = None,
        config: Optional[Mapping[str, Any]] = None,
        tags: Optional[Mapping[str, str]] = None,
        client_request_id: Optional[str] = None,
        batch_size: int = 1000,
        flush_interval: float = 1.0,
        max_buffer: int = 100_000,
        attempts: int = 4,
        close_timeout: float = 10.0,
    ) -> Run:
        """Registers a run and returns its handle (use it in a `with` block). When the server
        cannot be reached the registration is journaled and the run goes on offline."""
        if not 1 <= batch_size <= 1000:
            raise ValueError("batch_size must be 1 to 1000 (the server takes 1000 points a call)")
        check_json(config, "config")
        request_id = client_request_id or str(uuid.uuid4())
        started = datetime.now(timezone.utc).isoformat(timespec="milliseconds")[:-6] + "Z"
        body: dict[str, Any] = {
            "experiment": experiment,
            "name": name,
            "meta": meta_input(meta),
            "architectureCode": architecture_code,
            "config": dict(config) if config is not None else None,
            "tags": [{"key": k, "value": v} for k, v in (tags or {}).items()] or None,
            "clientRequestId": request_id,
            "startedAt": started,
        }
        register = new_op("register", input={k: v for k, v in body.items() if v is not None})
        journal = Journal(
            self.journal_dir / f"{request_id}.jsonl",
            {"url": self.url, "client_request_id": request_id, "experiment": experiment},
        )
        run_id: Optional[str] = None
        try:
            run_id = send_op(self._transport, register, None, attempts)
        except RunfactsTransportError:
            journal.spill([register])
        if run_id is not None:
            journal = Journal(journal.path, {**(journal._header or {}), "run_id": run_id})
        return Run(
            self._transport, journal, run_id, request_id,
            batch_size=batch_size, flush_interval=flush_interval, max_buffer=max_buffer,
            attempts=attempts, close_timeout=close_timeout,
        )  # fmt: skip

    def sync(self, journal_dir: Union[str, Path, None] = None) -> SyncReport:
        """Sends every journaled write (runs whose server was away) to this client's server."""
        return sync_journals(self._transport, Path(journal_dir or self.journal_dir))

    def runs(
        self,
        where: Optional[str] = None,
        order_by: Optional[OrderBy] = None,
        filter: Optional[Mapping[str, Any]] = None,
        page_size: int = 200,
    ) -> RunList:
        """Every run matching (an MLflow-style `where`, a typed `filter`), page after page."""
        run_filter = RunFilter.model_validate(filter) if filter else None
        orders = order_input(order_by)

        def fetch(after: Optional[str]) -> tuple[list[RunFields], Optional[str], int]:
            page = self._transport.call(
                "runs",
                lambda g: g.runs(
                    filter_=run_filter,
                    where=where,
                    order_by=orders,
                    first=page_size,
                    after=after,
                    min_seq=self.seq,
                ),  # fmt: skip
            ).runs
            nodes: list[RunFields] = [e.node for e in page.edges]
            more = page.page_info.end_cursor if page.page_info.has_next_page else None
            return nodes, more, page.total_count

        return RunList(fetch)

    def run(self, run_id: str) -> RunRun:
        """One run with its config, params, metrics, tags and history keys."""
        found = self._transport.call("run", lambda g: g.run(run_id)).run
        if found is None:
            raise RunNotFoundError(f"no run {run_id!r} is indexed", "id")
        return found

    def history(self, run_id: str, key: str, max_points: Optional[int] = None) -> Table:
        """A metric's history in step order."""
        found = self._transport.call(
            "metricHistory", lambda g: g.metric_history(run_id, key, max_points=max_points)
        ).run
        if found is None:
            raise RunNotFoundError(f"no run {run_id!r} is indexed", "id")
        points = found.history
        return Table(points, lambda: [p.model_dump() for p in points])

    def coverage(
        self,
        metric: str = "auroc",
        rows: str = "ROW_KEY",
        columns: str = "MODEL_FAMILY",
        direction: str = "HIGHER",
        include_needs_review: bool = False,
        filter: Optional[Mapping[str, Any]] = None,
        rows_param: Optional[str] = None,
        columns_param: Optional[str] = None,
    ) -> Table:
        """Seed 000's coverage grid: best, median and count per row x column."""
        grid = self._transport.call(
            "coverage",
            lambda g: g.coverage(
                metric=metric,
                rows=CoverageDimension(rows),
                columns=CoverageDimension(columns),
                direction=MetricDirection(direction),
                include_needs_review=include_needs_review,
                filter_=RunFilter.model_validate(filter) if filter else None,
                rows_param=rows_param,
                columns_param=columns_param,
                min_seq=self.seq,
            ),
        ).coverage
        return Table(
            grid,
            lambda: [
                {"row": c.row, "column": c.column, "best": c.best, "median": c.median,
                 "n_runs": c.n_runs, "best_run": c.best_run.id if c.best_run else None}
                for c in grid.cells
            ],
        )  # fmt: skip

    def sweep(
        self,
        factors: Union[Sequence[str], Mapping[str, Optional[Sequence[str]]]],
        metric: Optional[str] = None,
        direction: str = "HIGHER",
        filter: Optional[Mapping[str, Any]] = None,
    ) -> Table:
        """A factorial design's completeness: factors are fields (`params.lr`), or fields mapped
        to their levels."""
        spec = factors if isinstance(factors, Mapping) else dict.fromkeys(factors)
        inputs = [
            SweepFactorInput(field=f, levels=list(levels) if levels is not None else None)
            for f, levels in spec.items()
        ]
        result = self._transport.call(
            "sweep",
            lambda g: g.sweep(
                inputs,
                metric=metric,
                direction=MetricDirection(direction),
                filter_=RunFilter.model_validate(filter) if filter else None,
                min_seq=self.seq,
            ),
        ).sweep
        names = [f.field for f in result.factors]
        return Table(
            result,
            lambda: [
                {**dict(zip(names, c.levels)), "n_runs": c.n_runs, "best": c.best,
                 "best_run": c.best_run.id if c.best_run else None}
                for c in result.cells
            ],
        )  # fmt: skip

    def compare(self, run_ids: Sequence[str]) -> Table:
        """Params and metrics of runs side by side; `differs` marks keys that vary."""
        result = self._transport.call(
            "compare", lambda g: g.compare(list(run_ids), min_seq=self.seq)
        ).compare
        ids = [r.id for r in result.runs]
        return Table(
            result,
            lambda: [
                {"kind": kind, "key": item.key, "differs": item.differs,
                 **dict(zip(ids, item.values))}
                for kind, items in (("param", result.params), ("metric", result.metrics))
                for item in items
            ],
        )  # fmt: skip

    def create_model(self, name: str, description: Optional[str] = None) -> None:
        """Registers a model name (its versions come from runs)."""
        result = self._transport.call(
            "createRegisteredModel",
            lambda g: g.create_registered_model(name, description=description),
            repeatable=False,
        )
        unwrap(result.create_registered_model)

    def create_model_version(
        self, model: str, run_id: str, source: str, description: Optional[str] = None
    ) -> CreateModelVersionCreateModelVersionModelVersionPayloadVersion:
        """The model's next version from a run: its meta and config are frozen with it."""
        result = self._transport.call(
            "createModelVersion",
            lambda g: g.create_model_version(model, run_id, source, description=description),
            repeatable=False,
        )
        return payload(
            result.create_model_version, CreateModelVersionCreateModelVersionModelVersionPayload
        ).version

    def promote(
        self,
        model: str,
        version: int,
        *,
        to: str = "Production",
        reason: str,
        expect: Union[int, None, UnsetType] = UNSET,
    ) -> PromotePromoteAliasChangePayload:
        """Points alias `to` at `version`. With `expect` (the version you believe the alias holds
        now, None for no version yet) a concurrent move raises AliasConflictError instead."""
        result = self._transport.call(
            "promote",
            lambda g: g.promote(model, version, reason, to=to, expected_version=expect),
            repeatable=False,
        )
        change = payload(result.promote, PromotePromoteAliasChangePayload)
        self._transport.note_seq(getattr(change, "seq", None))
        return change

    def canonicalize(self, meta: Mapping[str, Any]) -> CanonicalizeCanonicalize:
        """The server's canonical meta for a seed-000 meta (runfacts.meta does it offline)."""
        given = MetaInput.model_validate(meta_input(meta))
        return self._transport.call("canonicalize", lambda g: g.canonicalize(given)).canonicalize

    def model_version_by_alias(
        self, model: str, alias: str = "Production"
    ) -> ModelVersionByAliasModelVersionByAliasModelVersion:
        """The version an alias points at, with its frozen meta and config and its run."""
        result = self._transport.call(
            "modelVersionByAlias", lambda g: g.model_version_by_alias(model, alias)
        )
        return payload(
            result.model_version_by_alias, ModelVersionByAliasModelVersionByAliasModelVersion
        )
