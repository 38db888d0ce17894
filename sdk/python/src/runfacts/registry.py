"""The registry side of the client: models, versions (freezing a run's meta and config),
promotion with compare-and-set, and what an alias points at."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Union

from ._artifacts import Artifacts, inside
from ._generated.base_model import UNSET, UnsetType
from ._generated.create_model_version import (
    CreateModelVersionCreateModelVersionModelVersionPayload,
    CreateModelVersionCreateModelVersionModelVersionPayloadVersion,
)
from ._generated.model_artifacts import ModelArtifactsModelVersionByAliasModelVersion
from ._generated.model_version_by_alias import (
    ModelVersionByAliasModelVersionByAliasModelVersion,
)
from ._generated.promote import PromotePromoteAliasChangePayload
from ._transport import Transport, payload, unwrap
from .errors import ChecksumError


class Registry:
    _transport: Transport

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

    def download_model(
        self, model: str, alias: str = "Production", dest: str | os.PathLike[str] = "."
    ) -> list[Path]:
        """Downloads the model files of the version `alias` points at into `dest`, each checked
        against the SHA-256 frozen at registration (a file changed since is refused)."""
        result = self._transport.call("modelArtifacts", lambda g: g.model_artifacts(model, alias))
        version = payload(
            result.model_version_by_alias, ModelArtifactsModelVersionByAliasModelVersion
        )
        stale = [a for a in version.artifacts if a.status.value != "MATCHES"]
        if stale:
            raise ChecksumError(
                f"{model} v{version.version} ({alias}): "
                + ", ".join(f"{a.path} is {a.status.value}" for a in stale)
                + " since registration; nothing downloaded"
            )
        transfer = Artifacts(self._transport)
        return [
            transfer.download(a.download_url, inside(Path(dest), a.path), a.sha_256, a.path)
            for a in version.artifacts
        ]
