import type { ArtifactStore } from './artifacts/artifact-store.js';
import type { Principal } from './auth/authenticate.js';
import type { TokenStore } from './auth/token-store.js';
import type { BackfillService } from './backfill/backfill-service.js';
import type { FactsStore } from './facts/index.js';
import type { IndexFeed } from './index/index-feed.js';
import type { MetricHistory } from './index/metric-history.js';
import type { IndexRefresher } from './index/refresher.js';
import type { RunCache } from './index/run-cache.js';
import type { RunIndex } from './index/run-index.js';
import type { RunsService } from './index/runs-service.js';
import type { Loaders } from './loaders.js';
import type { MetaConfig } from './meta/index.js';
import type { ContinuousMirror } from './mirror/continuous/continuous-mirror.js';
import type { RegistryStore } from './registry/index.js';
import type { RunEvents } from './writes/events.js';
import type { RunWriter } from './writes/run-writer.js';

/** Limits a request is held to; every one is configurable (docs/security.md). */
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
  /** How resolvers read runs: lists and aggregates, a run by id, histories, index status. */
  runs: RunsService;
  /** Current state of recently used runs: reads by id come from here, never behind a write. */
  cache: RunCache;
  /** Writes reach the index through it, behind the acknowledgement. */
  feed: IndexFeed;
  /** Metric histories, read from each run's metrics.jsonl. */
  history: MetricHistory;
  /** Finds changes other programs make to the facts; null for one-shot tools. */
  refresher: IndexRefresher | null;
  metaConfig: MetaConfig;
  limits: Limits;
  writer: RunWriter;
  events: RunEvents;
  registry: RegistryStore;
  /** The opt-in continuous MLflow mirror, or null when it is off. */
  mirror: ContinuousMirror | null;
  /** The backfill mutation's route: import-root checks, the import, the index catch-up. */
  backfill: BackfillService;
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
