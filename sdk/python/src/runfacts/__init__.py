"""runfacts: the Python SDK of the runfacts run-metadata API.

import runfacts
client = runfacts.Client()          # RUNFACTS_URL, RUNFACTS_TOKEN
with client.start_run(experiment="x", name="y", meta={...}, config=cfg) as run:
    run.log({"loss": 0.3}, step=1)
"""

from importlib.metadata import PackageNotFoundError, version

from ._generated import GraphQLClient
from ._generated_async import AsyncGraphQLClient
from .client import Client
from .errors import (
    AliasConflictError,
    ChecksumError,
    IdempotencyConflictError,
    InvalidInputError,
    InvalidKeyError,
    NonFiniteValueError,
    RegistryError,
    RunfactsError,
    RunfactsGraphQLError,
    RunfactsMutationError,
    RunfactsTransportError,
    RunFrozenError,
    RunNotFoundError,
)
from .frames import RunList, Table
from .meta import MetaError
from .run import Run
from .sync import SyncReport

try:
    __version__ = version("runfacts")
except PackageNotFoundError:  # imported from a source tree
    __version__ = "0.0.0"

__all__ = [
    "AliasConflictError",
    "AsyncGraphQLClient",
    "ChecksumError",
    "Client",
    "GraphQLClient",
    "IdempotencyConflictError",
    "InvalidInputError",
    "InvalidKeyError",
    "MetaError",
    "NonFiniteValueError",
    "RegistryError",
    "Run",
    "RunFrozenError",
    "RunList",
    "RunNotFoundError",
    "RunfactsError",
    "RunfactsGraphQLError",
    "RunfactsMutationError",
    "RunfactsTransportError",
    "SyncReport",
    "Table",
]
