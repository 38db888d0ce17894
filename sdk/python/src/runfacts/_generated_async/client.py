from collections.abc import AsyncIterator
from typing import Any, Optional, Union

from .archive_registered_model import ArchiveRegisteredModel
from .async_base_client import AsyncBaseClient
from .base_model import UNSET, UnsetType
from .canonicalize import Canonicalize
from .compare import Compare
from .coverage import Coverage
from .create_model_version import CreateModelVersion
from .create_registered_model import CreateRegisteredModel
from .delete_model_alias import DeleteModelAlias
from .delete_tags import DeleteTags
from .enums import CoverageDimension, MetricDirection
from .experiments import Experiments
from .finish_run import FinishRun
from .index_status import IndexStatus
from .input_types import (
    FinishRunInput,
    MetaInput,
    MetaOverrideInput,
    MetricPointInput,
    ParamInput,
    RegisterRunInput,
    RunEventFilter,
    RunFilter,
    RunOrder,
    SweepFactorInput,
    TagInput,
)
from .log_metrics import LogMetrics
from .log_params import LogParams
from .metric_history import MetricHistory
from .mirror_status import MirrorStatus
from .model_artifacts import ModelArtifacts
from .model_version_by_alias import ModelVersionByAlias
from .promote import Promote
from .register_run import RegisterRun
from .registered_model import RegisteredModel
from .registered_models import RegisteredModels
from .run import Run
from .run_artifacts import RunArtifacts
from .run_events import RunEvents
from .runs import Runs
from .set_meta_override import SetMetaOverride
from .set_model_alias import SetModelAlias
from .set_tags import SetTags
from .sweep import Sweep


def gql(q: str) -> str:
    return q


class AsyncGraphQLClient(AsyncBaseClient):
    async def run_artifacts(self, id: str, **kwargs: Any) -> RunArtifacts:
        query = gql("""
            query RunArtifacts($id: ID!) {
              run(id: $id) {
                id
                artifacts {
                  path
                  kind
                  size
                  sha256
                  downloadUrl
                }
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="RunArtifacts", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return RunArtifacts.model_validate(data)

    async def model_artifacts(
        self, model: str, alias: str, **kwargs: Any
    ) -> ModelArtifacts:
        query = gql("""
            query ModelArtifacts($model: String!, $alias: String!) {
              modelVersionByAlias(model: $model, alias: $alias) {
                __typename
                ... on ModelVersion {
                  model
                  version
                  runId
                  artifacts {
                    path
                    kind
                    size
                    sha256
                    downloadUrl
                    currentSha256
                    status
                  }
                }
                ... on Error {
                  message
                  field
                }
              }
            }
            """)
        variables: dict[str, object] = {"model": model, "alias": alias}
        response = await self.execute(
            query=query, operation_name="ModelArtifacts", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ModelArtifacts.model_validate(data)

    async def run_events(
        self, filter_: Union[Optional[RunEventFilter], UnsetType] = UNSET, **kwargs: Any
    ) -> AsyncIterator[RunEvents]:
        query = gql("""
            subscription RunEvents($filter: RunEventFilter) {
              runEvents(filter: $filter) {
                kind
                runId
                experiment
                at
                count
                seq
              }
            }
            """)
        variables: dict[str, object] = {"filter": filter_}
        async for data in self.execute_ws(
            query=query, operation_name="RunEvents", variables=variables, **kwargs
        ):
            yield RunEvents.model_validate(data)

    async def registered_models(
        self, include_archived: Union[Optional[bool], UnsetType] = UNSET, **kwargs: Any
    ) -> RegisteredModels:
        query = gql("""
            query RegisteredModels($includeArchived: Boolean) {
              registeredModels(includeArchived: $includeArchived) {
                name
                description
                archived
                latestVersion {
                  version
                }
                aliases {
                  alias
                  version
                }
              }
            }
            """)
        variables: dict[str, object] = {"includeArchived": include_archived}
        response = await self.execute(
            query=query,
            operation_name="RegisteredModels",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return RegisteredModels.model_validate(data)

    async def registered_model(self, name: str, **kwargs: Any) -> RegisteredModel:
        query = gql("""
            query RegisteredModel($name: String!) {
              registeredModel(name: $name) {
                ...RegisteredModelFields
              }
            }

            fragment ModelVersionFields on ModelVersion {
              model
              version
              source
              description
              createdAt
              createdBy
              aliases
              runId
              metaHash
              metaChanged
            }

            fragment RegisteredModelFields on RegisteredModel {
              name
              description
              tags
              createdAt
              createdBy
              archived
              protectedAliases
              versions {
                ...ModelVersionFields
              }
              aliases {
                alias
                version
                protected
              }
              history {
                at
                by
                alias
                fromVersion
                toVersion
                reason
              }
            }
            """)
        variables: dict[str, object] = {"name": name}
        response = await self.execute(
            query=query, operation_name="RegisteredModel", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return RegisteredModel.model_validate(data)

    async def model_version_by_alias(
        self, model: str, alias: str, **kwargs: Any
    ) -> ModelVersionByAlias:
        query = gql("""
            query ModelVersionByAlias($model: String!, $alias: String!) {
              modelVersionByAlias(model: $model, alias: $alias) {
                __typename
                ... on ModelVersion {
                  ...ModelVersionFields
                  config
                  meta {
                    ...MetaFields
                  }
                  run {
                    ...RunFields
                    config
                  }
                }
                ... on RegistryError {
                  code
                }
                ... on Error {
                  message
                  field
                }
              }
            }

            fragment MetaFields on CanonicalMeta {
              schemaVersion
              level
              goal
              datasetName
              modelFamily
              processGroups
              signalClass
              datatreatment {
                tokenOrder
                tokenization
                pidEncoding
                idEmbedDim
                metRep
                globalsIncluded
                featureSetVersion
                normalization
              }
              metaHash
              metaSource
              confidence
              fieldConfidence {
                level
                goal
                datasetName
                modelFamily
                processGroups
                datatreatment
              }
              needsReview
              needsReviewReasons
              nClasses
              processesAll
              classDefStr
              processGroupsKey
              rowKey
            }

            fragment ModelVersionFields on ModelVersion {
              model
              version
              source
              description
              createdAt
              createdBy
              aliases
              runId
              metaHash
              metaChanged
            }

            fragment RunFields on Run {
              id
              experiment
              name
              architectureCode
              timestamp
              status
              startedAt
              endedAt
              durationSeconds
              meta {
                ...MetaFields
              }
              params {
                key
                value
              }
              metrics {
                key
                value
              }
              tags {
                key
                value
              }
              artifacts {
                path
                kind
              }
            }
            """)
        variables: dict[str, object] = {"model": model, "alias": alias}
        response = await self.execute(
            query=query,
            operation_name="ModelVersionByAlias",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return ModelVersionByAlias.model_validate(data)

    async def create_registered_model(
        self,
        name: str,
        description: Union[Optional[str], UnsetType] = UNSET,
        tags: Union[Optional[Any], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> CreateRegisteredModel:
        query = gql("""
            mutation CreateRegisteredModel($name: String!, $description: String, $tags: JSON) {
              createRegisteredModel(name: $name, description: $description, tags: $tags) {
                __typename
                ... on RegisteredModelPayload {
                  model {
                    name
                  }
                }
                ... on RegistryError {
                  code
                }
                ... on Error {
                  message
                  field
                }
              }
            }
            """)
        variables: dict[str, object] = {
            "name": name,
            "description": description,
            "tags": tags,
        }
        response = await self.execute(
            query=query,
            operation_name="CreateRegisteredModel",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CreateRegisteredModel.model_validate(data)

    async def create_model_version(
        self,
        model: str,
        run_id: str,
        source: str,
        description: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> CreateModelVersion:
        query = gql("""
            mutation CreateModelVersion($model: String!, $runId: ID!, $source: String!, $description: String) {
              createModelVersion(
                model: $model
                runId: $runId
                source: $source
                description: $description
              ) {
                __typename
                ... on ModelVersionPayload {
                  version {
                    ...ModelVersionFields
                  }
                }
                ... on RegistryError {
                  code
                }
                ... on Error {
                  message
                  field
                }
              }
            }

            fragment ModelVersionFields on ModelVersion {
              model
              version
              source
              description
              createdAt
              createdBy
              aliases
              runId
              metaHash
              metaChanged
            }
            """)
        variables: dict[str, object] = {
            "model": model,
            "runId": run_id,
            "source": source,
            "description": description,
        }
        response = await self.execute(
            query=query,
            operation_name="CreateModelVersion",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CreateModelVersion.model_validate(data)

    async def set_model_alias(
        self,
        model: str,
        alias: str,
        version: int,
        expected_version: Union[Optional[int], UnsetType] = UNSET,
        reason: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> SetModelAlias:
        query = gql("""
            mutation SetModelAlias($model: String!, $alias: String!, $version: Int!, $expectedVersion: Int, $reason: String) {
              setModelAlias(
                model: $model
                alias: $alias
                version: $version
                expectedVersion: $expectedVersion
                reason: $reason
              ) {
                __typename
                ... on AliasChangePayload {
                  change {
                    at
                    by
                    alias
                    fromVersion
                    toVersion
                    reason
                  }
                }
                ... on AliasConflictError {
                  currentVersion
                  expectedVersion
                }
                ... on RegistryError {
                  code
                }
                ... on Error {
                  message
                  field
                }
              }
            }
            """)
        variables: dict[str, object] = {
            "model": model,
            "alias": alias,
            "version": version,
            "expectedVersion": expected_version,
            "reason": reason,
        }
        response = await self.execute(
            query=query, operation_name="SetModelAlias", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return SetModelAlias.model_validate(data)

    async def delete_model_alias(
        self,
        model: str,
        alias: str,
        expected_version: Union[Optional[int], UnsetType] = UNSET,
        reason: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> DeleteModelAlias:
        query = gql("""
            mutation DeleteModelAlias($model: String!, $alias: String!, $expectedVersion: Int, $reason: String) {
              deleteModelAlias(
                model: $model
                alias: $alias
                expectedVersion: $expectedVersion
                reason: $reason
              ) {
                __typename
                ... on AliasChangePayload {
                  change {
                    alias
                    fromVersion
                    toVersion
                  }
                }
                ... on AliasConflictError {
                  currentVersion
                  expectedVersion
                }
                ... on RegistryError {
                  code
                }
                ... on Error {
                  message
                  field
                }
              }
            }
            """)
        variables: dict[str, object] = {
            "model": model,
            "alias": alias,
            "expectedVersion": expected_version,
            "reason": reason,
        }
        response = await self.execute(
            query=query,
            operation_name="DeleteModelAlias",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return DeleteModelAlias.model_validate(data)

    async def promote(
        self,
        model: str,
        version: int,
        reason: str,
        to: Union[Optional[str], UnsetType] = UNSET,
        expected_version: Union[Optional[int], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Promote:
        query = gql("""
            mutation Promote($model: String!, $version: Int!, $to: String, $reason: String!, $expectedVersion: Int) {
              promote(
                model: $model
                version: $version
                to: $to
                reason: $reason
                expectedVersion: $expectedVersion
              ) {
                __typename
                ... on AliasChangePayload {
                  change {
                    at
                    by
                    alias
                    fromVersion
                    toVersion
                    reason
                  }
                }
                ... on AliasConflictError {
                  currentVersion
                  expectedVersion
                }
                ... on RegistryError {
                  code
                }
                ... on Error {
                  message
                  field
                }
              }
            }
            """)
        variables: dict[str, object] = {
            "model": model,
            "version": version,
            "to": to,
            "reason": reason,
            "expectedVersion": expected_version,
        }
        response = await self.execute(
            query=query, operation_name="Promote", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Promote.model_validate(data)

    async def archive_registered_model(
        self, name: str, **kwargs: Any
    ) -> ArchiveRegisteredModel:
        query = gql("""
            mutation ArchiveRegisteredModel($name: String!) {
              archiveRegisteredModel(name: $name) {
                __typename
                ... on RegistryError {
                  code
                }
                ... on Error {
                  message
                  field
                }
              }
            }
            """)
        variables: dict[str, object] = {"name": name}
        response = await self.execute(
            query=query,
            operation_name="ArchiveRegisteredModel",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return ArchiveRegisteredModel.model_validate(data)

    async def run(self, id: str, **kwargs: Any) -> Run:
        query = gql("""
            query Run($id: ID!) {
              run(id: $id) {
                ...RunFields
                config
                sourcePath
                historyKeys
              }
            }

            fragment MetaFields on CanonicalMeta {
              schemaVersion
              level
              goal
              datasetName
              modelFamily
              processGroups
              signalClass
              datatreatment {
                tokenOrder
                tokenization
                pidEncoding
                idEmbedDim
                metRep
                globalsIncluded
                featureSetVersion
                normalization
              }
              metaHash
              metaSource
              confidence
              fieldConfidence {
                level
                goal
                datasetName
                modelFamily
                processGroups
                datatreatment
              }
              needsReview
              needsReviewReasons
              nClasses
              processesAll
              classDefStr
              processGroupsKey
              rowKey
            }

            fragment RunFields on Run {
              id
              experiment
              name
              architectureCode
              timestamp
              status
              startedAt
              endedAt
              durationSeconds
              meta {
                ...MetaFields
              }
              params {
                key
                value
              }
              metrics {
                key
                value
              }
              tags {
                key
                value
              }
              artifacts {
                path
                kind
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = await self.execute(
            query=query, operation_name="Run", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Run.model_validate(data)

    async def runs(
        self,
        filter_: Union[Optional[RunFilter], UnsetType] = UNSET,
        where: Union[Optional[str], UnsetType] = UNSET,
        order_by: Union[Optional[list[RunOrder]], UnsetType] = UNSET,
        first: Union[Optional[int], UnsetType] = UNSET,
        after: Union[Optional[str], UnsetType] = UNSET,
        min_seq: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Runs:
        query = gql("""
            query Runs($filter: RunFilter, $where: String, $orderBy: [RunOrder!], $first: Int, $after: String, $minSeq: String) {
              runs(
                filter: $filter
                where: $where
                orderBy: $orderBy
                first: $first
                after: $after
                minSeq: $minSeq
              ) {
                totalCount
                pageInfo {
                  hasNextPage
                  endCursor
                }
                edges {
                  cursor
                  node {
                    ...RunFields
                  }
                }
              }
            }

            fragment MetaFields on CanonicalMeta {
              schemaVersion
              level
              goal
              datasetName
              modelFamily
              processGroups
              signalClass
              datatreatment {
                tokenOrder
                tokenization
                pidEncoding
                idEmbedDim
                metRep
                globalsIncluded
                featureSetVersion
                normalization
              }
              metaHash
              metaSource
              confidence
              fieldConfidence {
                level
                goal
                datasetName
                modelFamily
                processGroups
                datatreatment
              }
              needsReview
              needsReviewReasons
              nClasses
              processesAll
              classDefStr
              processGroupsKey
              rowKey
            }

            fragment RunFields on Run {
              id
              experiment
              name
              architectureCode
              timestamp
              status
              startedAt
              endedAt
              durationSeconds
              meta {
                ...MetaFields
              }
              params {
                key
                value
              }
              metrics {
                key
                value
              }
              tags {
                key
                value
              }
              artifacts {
                path
                kind
              }
            }
            """)
        variables: dict[str, object] = {
            "filter": filter_,
            "where": where,
            "orderBy": order_by,
            "first": first,
            "after": after,
            "minSeq": min_seq,
        }
        response = await self.execute(
            query=query, operation_name="Runs", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Runs.model_validate(data)

    async def metric_history(
        self,
        id: str,
        key: str,
        min_step: Union[Optional[int], UnsetType] = UNSET,
        max_step: Union[Optional[int], UnsetType] = UNSET,
        max_points: Union[Optional[int], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> MetricHistory:
        query = gql("""
            query MetricHistory($id: ID!, $key: String!, $minStep: Int, $maxStep: Int, $maxPoints: Int) {
              run(id: $id) {
                id
                history(key: $key, minStep: $minStep, maxStep: $maxStep, maxPoints: $maxPoints) {
                  step
                  value
                  timestamp
                }
              }
            }
            """)
        variables: dict[str, object] = {
            "id": id,
            "key": key,
            "minStep": min_step,
            "maxStep": max_step,
            "maxPoints": max_points,
        }
        response = await self.execute(
            query=query, operation_name="MetricHistory", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return MetricHistory.model_validate(data)

    async def experiments(
        self, min_seq: Union[Optional[str], UnsetType] = UNSET, **kwargs: Any
    ) -> Experiments:
        query = gql("""
            query Experiments($minSeq: String) {
              experiments(minSeq: $minSeq) {
                name
                runCount
                needsReviewCount
                firstStartedAt
                lastStartedAt
              }
            }
            """)
        variables: dict[str, object] = {"minSeq": min_seq}
        response = await self.execute(
            query=query, operation_name="Experiments", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Experiments.model_validate(data)

    async def compare(
        self,
        run_ids: list[str],
        min_seq: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Compare:
        query = gql("""
            query Compare($runIds: [ID!]!, $minSeq: String) {
              compare(runIds: $runIds, minSeq: $minSeq) {
                runs {
                  id
                }
                params {
                  key
                  values
                  differs
                }
                metrics {
                  key
                  values
                  differs
                }
              }
            }
            """)
        variables: dict[str, object] = {"runIds": run_ids, "minSeq": min_seq}
        response = await self.execute(
            query=query, operation_name="Compare", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Compare.model_validate(data)

    async def coverage(
        self,
        metric: str,
        rows: Union[Optional[CoverageDimension], UnsetType] = UNSET,
        rows_param: Union[Optional[str], UnsetType] = UNSET,
        columns: Union[Optional[CoverageDimension], UnsetType] = UNSET,
        columns_param: Union[Optional[str], UnsetType] = UNSET,
        direction: Union[Optional[MetricDirection], UnsetType] = UNSET,
        include_needs_review: Union[Optional[bool], UnsetType] = UNSET,
        filter_: Union[Optional[RunFilter], UnsetType] = UNSET,
        min_seq: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Coverage:
        query = gql("""
            query Coverage($rows: CoverageDimension, $rowsParam: String, $columns: CoverageDimension, $columnsParam: String, $metric: String!, $direction: MetricDirection, $includeNeedsReview: Boolean, $filter: RunFilter, $minSeq: String) {
              coverage(
                rows: $rows
                rowsParam: $rowsParam
                columns: $columns
                columnsParam: $columnsParam
                metric: $metric
                direction: $direction
                includeNeedsReview: $includeNeedsReview
                filter: $filter
                minSeq: $minSeq
              ) {
                metric
                direction
                rows
                columns
                cells {
                  row
                  column
                  best
                  median
                  nRuns
                  bestRun {
                    id
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {
            "rows": rows,
            "rowsParam": rows_param,
            "columns": columns,
            "columnsParam": columns_param,
            "metric": metric,
            "direction": direction,
            "includeNeedsReview": include_needs_review,
            "filter": filter_,
            "minSeq": min_seq,
        }
        response = await self.execute(
            query=query, operation_name="Coverage", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Coverage.model_validate(data)

    async def sweep(
        self,
        factors: list[SweepFactorInput],
        metric: Union[Optional[str], UnsetType] = UNSET,
        direction: Union[Optional[MetricDirection], UnsetType] = UNSET,
        filter_: Union[Optional[RunFilter], UnsetType] = UNSET,
        min_seq: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> Sweep:
        query = gql("""
            query Sweep($factors: [SweepFactorInput!]!, $metric: String, $direction: MetricDirection, $filter: RunFilter, $minSeq: String) {
              sweep(
                factors: $factors
                metric: $metric
                direction: $direction
                filter: $filter
                minSeq: $minSeq
              ) {
                factors {
                  field
                  levels
                }
                totalCells
                coveredCells
                runsOutsideDesign
                cells {
                  levels
                  nRuns
                  best
                  bestRun {
                    id
                  }
                }
                missing {
                  levels
                }
              }
            }
            """)
        variables: dict[str, object] = {
            "factors": factors,
            "metric": metric,
            "direction": direction,
            "filter": filter_,
            "minSeq": min_seq,
        }
        response = await self.execute(
            query=query, operation_name="Sweep", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Sweep.model_validate(data)

    async def canonicalize(self, input: MetaInput, **kwargs: Any) -> Canonicalize:
        query = gql("""
            query Canonicalize($input: MetaInput!) {
              canonicalize(input: $input) {
                ...MetaFields
              }
            }

            fragment MetaFields on CanonicalMeta {
              schemaVersion
              level
              goal
              datasetName
              modelFamily
              processGroups
              signalClass
              datatreatment {
                tokenOrder
                tokenization
                pidEncoding
                idEmbedDim
                metRep
                globalsIncluded
                featureSetVersion
                normalization
              }
              metaHash
              metaSource
              confidence
              fieldConfidence {
                level
                goal
                datasetName
                modelFamily
                processGroups
                datatreatment
              }
              needsReview
              needsReviewReasons
              nClasses
              processesAll
              classDefStr
              processGroupsKey
              rowKey
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="Canonicalize", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Canonicalize.model_validate(data)

    async def index_status(self, **kwargs: Any) -> IndexStatus:
        query = gql("""
            query IndexStatus {
              indexStatus {
                ready
                phase
                done
                total
                pendingWrites
                rebuiltBecause
                watching
                watchProblem
                lastRescanAt
                lastRefreshAt
                lastBuildMs
                runsIndexed
                errorCount
                errors {
                  path
                  runId
                  kind
                  message
                }
              }
            }
            """)
        variables: dict[str, object] = {}
        response = await self.execute(
            query=query, operation_name="IndexStatus", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return IndexStatus.model_validate(data)

    async def mirror_status(self, **kwargs: Any) -> MirrorStatus:
        query = gql("""
            query MirrorStatus {
              mirrorStatus {
                enabled
                trackingUri
                pending
                failed {
                  runId
                  reason
                  attempts
                  at
                }
                lastSyncAt
                lastError
              }
            }
            """)
        variables: dict[str, object] = {}
        response = await self.execute(
            query=query, operation_name="MirrorStatus", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return MirrorStatus.model_validate(data)

    async def register_run(self, input: RegisterRunInput, **kwargs: Any) -> RegisterRun:
        query = gql("""
            mutation RegisterRun($input: RegisterRunInput!) {
              registerRun(input: $input) {
                __typename
                ... on RegisterRunPayload {
                  runId
                  seq
                  timestamp
                  created
                  config
                  meta {
                    ...MetaFields
                  }
                }
                ... on Error {
                  message
                  field
                }
              }
            }

            fragment MetaFields on CanonicalMeta {
              schemaVersion
              level
              goal
              datasetName
              modelFamily
              processGroups
              signalClass
              datatreatment {
                tokenOrder
                tokenization
                pidEncoding
                idEmbedDim
                metRep
                globalsIncluded
                featureSetVersion
                normalization
              }
              metaHash
              metaSource
              confidence
              fieldConfidence {
                level
                goal
                datasetName
                modelFamily
                processGroups
                datatreatment
              }
              needsReview
              needsReviewReasons
              nClasses
              processesAll
              classDefStr
              processGroupsKey
              rowKey
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = await self.execute(
            query=query, operation_name="RegisterRun", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return RegisterRun.model_validate(data)

    async def log_metrics(
        self,
        run_id: str,
        metrics: list[MetricPointInput],
        batch_id: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> LogMetrics:
        query = gql("""
            mutation LogMetrics($runId: ID!, $metrics: [MetricPointInput!]!, $batchId: String) {
              logMetrics(runId: $runId, metrics: $metrics, batchId: $batchId) {
                __typename
                ... on LogMetricsPayload {
                  runId
                  count
                  applied
                  seq
                }
                ... on Error {
                  message
                  field
                }
              }
            }
            """)
        variables: dict[str, object] = {
            "runId": run_id,
            "metrics": metrics,
            "batchId": batch_id,
        }
        response = await self.execute(
            query=query, operation_name="LogMetrics", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return LogMetrics.model_validate(data)

    async def log_params(
        self, run_id: str, params: list[ParamInput], **kwargs: Any
    ) -> LogParams:
        query = gql("""
            mutation LogParams($runId: ID!, $params: [ParamInput!]!) {
              logParams(runId: $runId, params: $params) {
                __typename
                ... on RunPayload {
                  runId
                  seq
                }
                ... on RunFrozenError {
                  status
                }
                ... on Error {
                  message
                  field
                }
              }
            }
            """)
        variables: dict[str, object] = {"runId": run_id, "params": params}
        response = await self.execute(
            query=query, operation_name="LogParams", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return LogParams.model_validate(data)

    async def set_tags(
        self, run_id: str, tags: list[TagInput], **kwargs: Any
    ) -> SetTags:
        query = gql("""
            mutation SetTags($runId: ID!, $tags: [TagInput!]!) {
              setTags(runId: $runId, tags: $tags) {
                __typename
                ... on RunPayload {
                  runId
                  seq
                }
                ... on Error {
                  message
                  field
                }
              }
            }
            """)
        variables: dict[str, object] = {"runId": run_id, "tags": tags}
        response = await self.execute(
            query=query, operation_name="SetTags", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return SetTags.model_validate(data)

    async def delete_tags(
        self, run_id: str, keys: list[str], **kwargs: Any
    ) -> DeleteTags:
        query = gql("""
            mutation DeleteTags($runId: ID!, $keys: [String!]!) {
              deleteTags(runId: $runId, keys: $keys) {
                __typename
                ... on RunPayload {
                  runId
                  seq
                }
                ... on Error {
                  message
                  field
                }
              }
            }
            """)
        variables: dict[str, object] = {"runId": run_id, "keys": keys}
        response = await self.execute(
            query=query, operation_name="DeleteTags", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return DeleteTags.model_validate(data)

    async def finish_run(
        self, run_id: str, input: FinishRunInput, **kwargs: Any
    ) -> FinishRun:
        query = gql("""
            mutation FinishRun($runId: ID!, $input: FinishRunInput!) {
              finishRun(runId: $runId, input: $input) {
                __typename
                ... on RunPayload {
                  runId
                  seq
                }
                ... on RunFrozenError {
                  status
                }
                ... on Error {
                  message
                  field
                }
              }
            }
            """)
        variables: dict[str, object] = {"runId": run_id, "input": input}
        response = await self.execute(
            query=query, operation_name="FinishRun", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return FinishRun.model_validate(data)

    async def set_meta_override(
        self, run_id: str, override: MetaOverrideInput, **kwargs: Any
    ) -> SetMetaOverride:
        query = gql("""
            mutation SetMetaOverride($runId: ID!, $override: MetaOverrideInput!) {
              setMetaOverride(runId: $runId, override: $override) {
                __typename
                ... on MetaOverridePayload {
                  runId
                  seq
                  meta {
                    ...MetaFields
                  }
                }
                ... on Error {
                  message
                  field
                }
              }
            }

            fragment MetaFields on CanonicalMeta {
              schemaVersion
              level
              goal
              datasetName
              modelFamily
              processGroups
              signalClass
              datatreatment {
                tokenOrder
                tokenization
                pidEncoding
                idEmbedDim
                metRep
                globalsIncluded
                featureSetVersion
                normalization
              }
              metaHash
              metaSource
              confidence
              fieldConfidence {
                level
                goal
                datasetName
                modelFamily
                processGroups
                datatreatment
              }
              needsReview
              needsReviewReasons
              nClasses
              processesAll
              classDefStr
              processGroupsKey
              rowKey
            }
            """)
        variables: dict[str, object] = {"runId": run_id, "override": override}
        response = await self.execute(
            query=query, operation_name="SetMetaOverride", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return SetMetaOverride.model_validate(data)
