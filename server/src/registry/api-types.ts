import type { DirLockOptions } from '../facts/lock.js';
import type { RunFiles } from '../facts/read-run-files.js';
import type { MetaConfig } from '../meta/config.js';
import type { CanonicalMeta } from '../meta/types.js';
import type { AliasHistoryEntry, ModelVersion, RegisteredModel } from './schemas.js';

export interface RegistryStoreOptions {
  /** Stale time, timeout and backoff of the per-model lock taken by every write. */
  lock?: DirLockOptions;
  /** Vocabularies used to canonicalize a run's meta when a version freezes it. */
  metaConfig?: MetaConfig;
  /** Clock for `created_at`, `at` and `archived_at`. Default the system clock. */
  now?: () => Date;
  /** Protected aliases of new models. Default ["Staging", "Production"]. */
  protectedAliases?: readonly string[];
  /** Size limit of a model file. Default 16 MiB. */
  maxFileBytes?: number;
}

/** A version named with its model, e.g. from a global id; refused when the model differs. */
export interface VersionRef {
  model: string;
  version: number;
}

/** Who makes a change: `by` is the token's name, or "local" for local use. */
export interface Actor {
  by: string;
}

/** The caller of an alias change; `canChangeProtected` is false without the promote scope. */
export interface AliasActor extends Actor {
  canChangeProtected: boolean;
}

export interface CreateModelInput {
  name: string;
  description?: string | null;
  tags?: Record<string, string> | null;
  /** Default "local". */
  by?: string;
  /** Default the store's protectedAliases option. */
  protectedAliases?: readonly string[];
}

export interface CreateVersionInput extends Actor {
  model: string;
  runId: string;
  /** Where the model artifact is: a path or URI. */
  source: string;
  description?: string | null;
}

export interface SetAliasInput extends AliasActor {
  model: string;
  alias: string;
  version: number | VersionRef;
  /** The version the caller believes the alias holds now (null: unset); undefined skips the check. */
  expectedVersion?: number | null;
  reason?: string | null;
}

export interface DeleteAliasInput extends AliasActor {
  model: string;
  alias: string;
  expectedVersion?: number | null;
  reason?: string | null;
}

export interface PromoteInput extends AliasActor {
  model: string;
  version: number | VersionRef;
  /** The alias, e.g. "Production". */
  to: string;
  reason: string;
  expectedVersion?: number | null;
}

export interface ArchiveModelInput extends Actor {
  name: string;
}

/** The model after the call; `entry` is null when the alias already held the target. */
export interface AliasChange {
  model: RegisteredModel;
  entry: AliasHistoryEntry | null;
}

/** A version with its run as it is now, beside what the version froze. */
export interface ResolvedVersion {
  model: RegisteredModel;
  version: ModelVersion;
  /** The run's facts now; `run.errors` lists anything unreadable (the run may even be gone). */
  run: RunFiles;
  /** The run's canonical meta now, or null when it cannot be computed (see metaProblem). */
  currentMeta: CanonicalMeta | null;
  metaProblem: string | null;
  /** True when the run's meta_hash moved since registration; null when it cannot be computed. */
  metaChanged: boolean | null;
}
