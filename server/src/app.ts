import type { RequestListener } from 'node:http';
import { join } from 'node:path';
import { ArtifactStore } from './artifacts/artifact-store.js';
import { withBodyLimit } from './auth/body-limit.js';
import { DEFAULT_SECURITY_LIMITS, type SecurityLimits } from './auth/limits.js';
import { TokenStore } from './auth/token-store.js';
import { type AppServices, DEFAULT_LIMITS, type Limits } from './context.js';
import { FactsStore } from './facts/index.js';
import { withArtifactRoutes } from './http/artifact-routes.js';
import { IndexRefresher, type RefresherOptions } from './index/refresher.js';
import { RunIndex } from './index/run-index.js';
import { DEFAULT_META_CONFIG, type MetaConfig } from './meta/index.js';
import { ContinuousMirror } from './mirror/continuous/continuous-mirror.js';
import { RegistryStore } from './registry/index.js';
import { createRunEvents } from './writes/events.js';
import { RunWriter } from './writes/run-writer.js';
import { createRunfactsYoga, type RunfactsYoga } from './yoga.js';

export interface AppOptions {
  root: string;
  /** Default `<root>/.runfacts/index.duckdb`; `:memory:` for tests. */
  indexPath?: string;
  metaConfig?: MetaConfig;
  limits?: Partial<Limits>;
  /** Watch the facts and rescan them; off for one-shot tools. */
  refresh?: RefresherOptions | false;
  onBuildProgress?: (done: number, total: number) => void;
  /** Mirror every write to this MLflow tracking server in the background (opt-in). */
  mirrorMlflow?: string;
  /** Folders the backfill mutation may read from. */
  importRoots?: string[];
  /** Browser origins dashboards may call from (CORS); default none. */
  corsOrigins?: string[];
  /** Request limits (body size, aliases, tokens, depth, timeouts, subscriptions); see docs/security.md. */
  securityLimits?: Partial<SecurityLimits>;
  /** Largest artifact upload in bytes (default 64 GiB); GraphQL's body limit does not apply to artifacts. */
  maxArtifactBytes?: number;
}

export interface App {
  services: AppServices;
  yoga: RunfactsYoga;
  /** The node:http handler: artifact routes, then GraphQL behind its body limit. */
  handler: RequestListener;
  close(): Promise<void>;
}

/** Opens the facts root, builds the index from it and returns the GraphQL server over both. */
export async function openApp(options: AppOptions): Promise<App> {
  const metaConfig = options.metaConfig ?? DEFAULT_META_CONFIG;
  const facts = new FactsStore(options.root);
  const index = await RunIndex.open({
    facts,
    metaConfig,
    path: options.indexPath ?? join(options.root, '.runfacts', 'index.duckdb'),
  });
  await index.build(options.onBuildProgress);
  const refresher =
    options.refresh === false ? null : new IndexRefresher(index, options.refresh ?? {});
  await refresher?.start();
  const events = createRunEvents();
  const services: AppServices = {
    facts,
    index,
    metaConfig,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    events,
    writer: new RunWriter(facts, index, metaConfig, events),
    registry: new RegistryStore(options.root, facts, { metaConfig }),
    mirror: options.mirrorMlflow
      ? new ContinuousMirror({
          root: options.root,
          facts,
          events,
          trackingUri: options.mirrorMlflow,
        })
      : null,
    importRoots: options.importRoots ?? [],
    tokens: new TokenStore(options.root),
    artifacts: new ArtifactStore(facts, {
      maxBytes: options.maxArtifactBytes,
      servableRoots: options.importRoots ?? [],
      onRecorded: async (runId, experiment) => {
        await index.refreshRun(runId);
        const at = new Date().toISOString();
        events.publish('runEvents', {
          kind: 'ARTIFACTS_CHANGED',
          runId,
          experiment,
          at,
          count: null,
        });
      },
    }),
  };
  await services.mirror?.start();
  const yoga = createRunfactsYoga(services, {
    corsOrigins: options.corsOrigins,
    limits: options.securityLimits,
  });
  const maxBody = options.securityLimits?.maxBodyBytes ?? DEFAULT_SECURITY_LIMITS.maxBodyBytes;
  return {
    services,
    yoga,
    handler: withArtifactRoutes(
      { store: services.artifacts, tokens: services.tokens, corsOrigins: options.corsOrigins },
      withBodyLimit(yoga, maxBody),
    ),
    close: async () => {
      await services.mirror?.stop();
      await refresher?.stop();
      await index.close();
    },
  };
}
