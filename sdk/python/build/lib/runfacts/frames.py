"""Paging and tables: every page of `runs` as one iterator, and `.to_pandas()` on lists and
grids when pandas is installed (`pip install runfacts[pandas]`; it is not a dependency)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterator, Optional

from ._generated.fragments import RunFields

if TYPE_CHECKING:
    import pandas


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError(
            "to_pandas() needs pandas: pip install 'runfacts[pandas]' (or pandas)"
        ) from None
    return pandas


def run_row(run: RunFields) -> dict[str, Any]:
    """One flat row: attributes, then meta.*, params.*, metrics.*, tags.*."""
    row: dict[str, Any] = {
        "id": run.id,
        "experiment": run.experiment,
        "name": run.name,
        "status": run.status.value,
        "started_at": run.started_at,
        "ended_at": run.ended_at,
        "duration_seconds": run.duration_seconds,
        "meta.meta_hash": run.meta.meta_hash,
        "meta.row_key": run.meta.row_key,
        "meta.model_family": run.meta.model_family,
        "meta.goal": run.meta.goal,
        "meta.dataset_name": run.meta.dataset_name,
        "meta.needs_review": run.meta.needs_review,
    }
    row.update({f"params.{p.key}": p.value for p in run.params})
    row.update({f"metrics.{m.key}": m.value for m in run.metrics})
    row.update({f"tags.{t.key}": t.value for t in run.tags})
    return row


class RunList:
    """Runs matching a query, fetched page by page as it is iterated (every page, once)."""

    def __init__(
        self, fetch: Callable[[Optional[str]], tuple[list[RunFields], Optional[str], int]]
    ) -> None:
        self._fetch = fetch
        self.total_count: Optional[int] = None

    def __iter__(self) -> Iterator[RunFields]:
        after: Optional[str] = None
        while True:
            nodes, after, self.total_count = self._fetch(after)
            yield from nodes
            if after is None:
                return

    def to_list(self) -> list[RunFields]:
        return list(self)

    def to_pandas(self) -> pandas.DataFrame:
        """One row a run, indexed by run id (columns as in `run_row`)."""
        frame: pandas.DataFrame = _pandas().DataFrame([run_row(r) for r in self])
        return frame.set_index("id") if "id" in frame else frame


class Table:
    """A generated result (coverage grid, sweep, comparison) with a pandas view of it."""

    def __init__(self, result: Any, rows: Callable[[], list[dict[str, Any]]]) -> None:
        self.result = result
        self._rows = rows

    def __getattr__(self, name: str) -> Any:
        return getattr(self.result, name)

    def rows(self) -> list[dict[str, Any]]:
        return self._rows()

    def to_pandas(self) -> pandas.DataFrame:
        frame: pandas.DataFrame = _pandas().DataFrame(self._rows())
        return frame
