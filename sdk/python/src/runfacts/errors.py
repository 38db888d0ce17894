"""Typed exceptions: one per GraphQL error type of the schema, each with the field at fault."""

from __future__ import annotations

from typing import Any, Mapping, Optional


class RunfactsError(Exception):
    """Base of every error this package raises."""


class RunfactsTransportError(RunfactsError):
    """The server could not be reached, or answered with an HTTP error, after the retries."""

    def __init__(self, message: str, status: Optional[int] = None) -> None:
        super().__init__(message)
        self.status = status


class RunfactsGraphQLError(RunfactsError):
    """The server refused the request itself (a malformed query or argument, an internal error)."""

    def __init__(self, operation: str, messages: list[str]) -> None:
        super().__init__(f"{operation}: {'; '.join(messages)}")
        self.operation = operation
        self.messages = messages


class RunfactsMutationError(RunfactsError):
    """An expected failure the server answered with (the schema's `Error` interface)."""

    typename = "Error"

    def __init__(self, message: str, field: Optional[str] = None) -> None:
        where = f" (field {field})" if field else ""
        super().__init__(f"{self.typename}: {message}{where}")
        self.message = message
        self.field = field


class InvalidInputError(RunfactsMutationError):
    """The input broke a rule; nothing was written."""

    typename = "InvalidInputError"


class RunNotFoundError(RunfactsMutationError):
    """No run has this id."""

    typename = "RunNotFoundError"


class RunFrozenError(RunfactsMutationError):
    """A finished run refuses the change (params are frozen; a run finishes once)."""

    typename = "RunFrozenError"

    def __init__(
        self, message: str, field: Optional[str] = None, status: Optional[str] = None
    ) -> None:
        super().__init__(message, field)
        self.status = status


class RegistryError(RunfactsMutationError):
    """A registry rule refused the call; `code` says which."""

    typename = "RegistryError"

    def __init__(self, message: str, field: Optional[str] = None, code: str = "") -> None:
        super().__init__(message, field)
        self.code = code


class AliasConflictError(RunfactsMutationError):
    """The alias moved since the caller read it; `current_version` is where it is now."""

    typename = "AliasConflictError"

    def __init__(
        self,
        message: str,
        field: Optional[str] = None,
        current_version: Optional[int] = None,
        expected_version: Optional[int] = None,
    ) -> None:
        super().__init__(message, field)
        self.current_version = current_version
        self.expected_version = expected_version


class IdempotencyConflictError(RunfactsMutationError):
    """A retry reused a request id with a different body; nothing was written."""

    typename = "IdempotencyConflictError"


class ChecksumError(RunfactsError):
    """A file does not have the SHA-256 it should (a download, or a logged file that changed
    before it was sent); it was not kept or not sent."""


class NonFiniteValueError(RunfactsError, ValueError):
    """A metric value is NaN or infinite; the server cannot store it, so nothing is sent."""


class InvalidKeyError(RunfactsError, ValueError):
    """A metric, param or tag key breaks MLflow's key rule (checked before sending)."""


ERROR_TYPES: dict[str, type[RunfactsMutationError]] = {
    cls.typename: cls
    for cls in (
        InvalidInputError,
        RunNotFoundError,
        RunFrozenError,
        RegistryError,
        AliasConflictError,
        IdempotencyConflictError,
    )
}


def error_from_result(result: Mapping[str, Any]) -> RunfactsMutationError:
    """The typed exception for a result-union member that implements `Error`."""
    typename = str(result.get("typename__") or result.get("__typename") or "Error")
    cls = ERROR_TYPES.get(typename, RunfactsMutationError)
    message = str(result.get("message", "failed"))
    field = result.get("field")
    if cls is RunFrozenError:
        return RunFrozenError(message, field, result.get("status"))
    if cls is RegistryError:
        return RegistryError(message, field, str(result.get("code") or ""))
    if cls is AliasConflictError:
        return AliasConflictError(
            message, field, result.get("current_version"), result.get("expected_version")
        )
    error = cls(message, field)
    if cls is RunfactsMutationError:
        error.typename = typename
    return error
