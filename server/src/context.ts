import type { ArtifactStore } from './artifacts/artifact-store.js';
import type { Principal } from './auth/authenticate.js';
import type { TokenStore } from './auth/token-store.js';
import type { FactsStore } from './facts/index.js';
import type { RunIndex } from './index/run-index.js';
import type { Loaders } from './loaders.js';
import type { MetaConfig } from './meta/index.js';
import type { ContinuousMirror } from './mirror/continuous/continuous-mirror.js';
import type { RegistryStore } from './registry/index.js';
import type { RunEvents } from './writes/events.js';
import type { RunWriter } from './writes/run-writer.js';

/** Limits a request is held to; every one is configurable (docs/configuration.md). */
export interface Limits {
  maxFirst: number;
  maxComplexity: number;
  maxDepth: number;
  maxBreadth: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxFirst: 1000,
  maxComplexity: 50_000,
  maxDepth: 15,
  maxBreadth: 500,
};

/** What the server shares between requests: the facts, the index and settings. */
export interface AppServices {
  facts: FactsStore;
  index: RunIndex;
  metaConfig: MetaConfig;
  limits: Limits;
  writer: RunWriter;
  events: RunEvents;
  registry: RegistryStore;
  /** The opt-in continuous MLflow mirror, or null when it is off. */
  mirror: ContinuousMirror | null;
  /** Folders the backfill mutation may read from (--import-root); empty allows none. */
  importRoots: string[];
  tokens: TokenStore;
  artifacts: ArtifactStore;
}

/** Who is calling: the token's name (or "local") and whether it may change protected aliases. */
export interface Actor {
  name: string;
  canPromote: boolean;
}

export function actorOf(principal: Principal): Actor {
  return { name: principal.name, canPromote: principal.scopes.has('promote') };
}

/** The GraphQL context: resolvers reach data only through it, so tests can inject their own. */
export interface Context extends AppServices {
  loaders: Loaders;
  /** The authenticated caller; with no tokens configured, loopback callers are "local" with every scope. */
  auth: Principal;
  actor: Actor;
}
