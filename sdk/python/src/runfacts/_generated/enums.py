from enum import Enum


class ArtifactStatus(str, Enum):
    CHANGED = "CHANGED"
    MATCHES = "MATCHES"
    MISSING = "MISSING"


class Confidence(str, Enum):
    high = "high"
    low = "low"
    medium = "medium"


class CoverageDimension(str, Enum):
    DATASET_NAME = "DATASET_NAME"
    EXPERIMENT = "EXPERIMENT"
    GOAL = "GOAL"
    MODEL_FAMILY = "MODEL_FAMILY"
    PARAM = "PARAM"
    PROCESS_GROUPS_KEY = "PROCESS_GROUPS_KEY"
    ROW_KEY = "ROW_KEY"
    STATUS = "STATUS"
    TOKENIZATION = "TOKENIZATION"


class FinishStatus(str, Enum):
    FAILED = "FAILED"
    FINISHED = "FINISHED"
    KILLED = "KILLED"


class MetaSource(str, Enum):
    backfill = "backfill"
    live = "live"
    override = "override"


class MetricDirection(str, Enum):
    HIGHER = "HIGHER"
    LOWER = "LOWER"


class MetricOp(str, Enum):
    EQ = "EQ"
    GT = "GT"
    GTE = "GTE"
    LT = "LT"
    LTE = "LTE"
    NEQ = "NEQ"


class OrderDirection(str, Enum):
    ASC = "ASC"
    DESC = "DESC"


class RunEventKind(str, Enum):
    ARTIFACTS_CHANGED = "ARTIFACTS_CHANGED"
    FINISHED = "FINISHED"
    META_CHANGED = "META_CHANGED"
    METRICS_LOGGED = "METRICS_LOGGED"
    PARAMS_LOGGED = "PARAMS_LOGGED"
    REGISTERED = "REGISTERED"
    TAGS_CHANGED = "TAGS_CHANGED"


class RunStatus(str, Enum):
    FAILED = "FAILED"
    FINISHED = "FINISHED"
    KILLED = "KILLED"
    RUNNING = "RUNNING"


class Scope(str, Enum):
    admin = "admin"
    promote = "promote"
    read = "read"
    write = "write"


class TextOp(str, Enum):
    EQ = "EQ"
    IN = "IN"
    LIKE = "LIKE"
    NEQ = "NEQ"
