"""The read side of the client: runs page by page, one run, histories, coverage grids,
sweeps, comparisons and the server's canonical meta. Lists pass the client's latest write
token as `minSeq`, so they never lag the client's own writes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence, Union

from ._artifacts import Artifacts, inside
from ._generated.canonicalize import CanonicalizeCanonicalize
from ._generated.enums import CoverageDimension, MetricDirection
from ._generated.fragments import RunFields
from ._generated.input_types import MetaInput, RunFilter, SweepFactorInput
from ._generated.run import RunRun
from ._inputs import OrderBy, meta_input, order_input
from ._transport import Transport
from .errors import RunNotFoundError
from .frames import RunList, Table


class Reads:
    _transport: Transport

    @property
    def seq(self) -> Optional[str]:
        """The consistency token of this client's latest write."""
        return self._transport.seq

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

    def download_artifacts(self, run_id: str, dest: str | os.PathLike[str] = ".") -> list[Path]:
        """Downloads a run's uploaded files into `dest`, each checked against its SHA-256."""
        found = self._transport.call("runArtifacts", lambda g: g.run_artifacts(run_id)).run
        if found is None:
            raise RunNotFoundError(f"no run {run_id!r} is indexed", "id")
        transfer = Artifacts(self._transport)
        return [
            transfer.download(a.download_url, inside(Path(dest), a.path), a.sha_256, a.path)
            for a in found.artifacts
            if a.download_url is not None and a.sha_256 is not None
        ]

    def experiments(self) -> Table:
        """Every experiment with its run counts and first and last start."""
        found = self._transport.call(
            "experiments", lambda g: g.experiments(min_seq=self.seq)
        ).experiments
        return Table(found, lambda: [e.model_dump() for e in found])

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

    def canonicalize(self, meta: Mapping[str, Any]) -> CanonicalizeCanonicalize:
        """The server's canonical meta for a seed-000 meta (runfacts.meta does it offline)."""
        given = MetaInput.model_validate(meta_input(meta))
        return self._transport.call("canonicalize", lambda g: g.canonicalize(given)).canonicalize
