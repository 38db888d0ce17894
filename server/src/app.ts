import type { RequestListener } from 'node:http';
import { join } from 'node:path';
import { ArtifactStore } from './artifacts/artifact-store.js';
import { TokenStore } from './auth/token-store.js';
import { BackfillService } from './backfill/backfill-service.js';
import { type AppServices, DEFAULT_LIMITS, type Limits } from './context.js';
import { FactsStore } from './facts/index.js';
import { withArtifactRoutes } from './http/artifact-routes.js';
import { IndexFeed } from './index/index-feed.js';
import { MetricHistory } from './index/metric-history.js';
import { IndexRefresher, type RefresherOptions } from './index/refresher.js';
import { RunCache } from './index/run-cache.js';
import { RunIndex } from './index/run-index.js';
import { RunsService } from './index/runs-service.js';
import { DEFAULT_META_CONFIG, type MetaConfig } from './meta/index.js';
import { ContinuousMirror } from './mirror/continuous/continuous-mirror.js';
import { RegistryStore } from './registry/index.js';
import { withBodyLimit } from './request-guards/body-limit.js';
import { DEFAULT_SECURITY_LIMITS, type SecurityLimits } from './request-guards/limits.js';
import { createLiveStreams } from './request-guards/use-live-streams.js';
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
  /** Wait for the index to catch up before resolving. Default true; a server listens first. */
  waitForIndex?: boolean;
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
  /** Ends every open subscription (before shutdown: SSE clients would otherwise hold it up). */
  endStreams(): void;
  /** Resolves once the index has caught up with the facts found at start. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the facts root and its persistent index and returns the GraphQL server over both.
 * The index catches up in the background (`ready`), so a server can answer /health at once.
 */
export async function openApp(options: AppOptions): Promise<App> {
  const metaConfig = options.metaConfig ?? DEFAULT_META_CONFIG;
  const facts = new FactsStore(options.root);
  const index = await RunIndex.open({
    facts,
    metaConfig,
    path: options.indexPath ?? join(options.root, '.runfacts', 'index.duckdb'),
  });
  const cache = new RunCache(facts, metaConfig);
  const feed = new IndexFeed(index);
  const refresher =
    options.refresh === false ? null : new IndexRefresher(index, cache, options.refresh ?? {});
  const ready = index.catchUp(options.onBuildProgress).then(() => refresher?.start());
  // A failed catch-up is reported by whoever awaits `ready`; never an unhandled rejection.
  ready.catch(() => undefined);
  if (options.waitForIndex ?? true) await ready;
  const events = createRunEvents();
  const history = new MetricHistory(facts);
  const writer = new RunWriter(facts, cache, feed, metaConfig, events);
  const runs = new RunsService(index, cache, feed, history, refresher);
  const services: AppServices = {
    facts,
    index,
    runs,
    cache,
    feed,
    history,
    refresher,
    metaConfig,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    events,
    writer,
    registry: new RegistryStore(options.root, facts, { metaConfig }),
    mirror: options.mirrorMlflow
      ? new ContinuousMirror({
          root: options.root,
          facts,
          events,
          trackingUri: options.mirrorMlflow,
        })
      : null,
    backfill: new BackfillService(facts.root, options.importRoots ?? [], runs),
    tokens: new TokenStore(options.root),
    artifacts: new ArtifactStore(facts, {
      maxBytes: options.maxArtifactBytes,
      servableRoots: options.importRoots ?? [],
      updateRun: (runId, change) => writer.updateArtifacts(runId, change),
    }),
  };
  await services.mirror?.start();
  const liveStreams = createLiveStreams();
  const yoga = createRunfactsYoga(services, {
    corsOrigins: options.corsOrigins,
    limits: options.securityLimits,
    liveStreams,
  });
  const maxBody = options.securityLimits?.maxBodyBytes ?? DEFAULT_SECURITY_LIMITS.maxBodyBytes;
  return {
    services,
    ready,
    yoga,
    handler: withArtifactRoutes(
      { store: services.artifacts, tokens: services.tokens, corsOrigins: options.corsOrigins },
      withBodyLimit(yoga, maxBody),
    ),
    endStreams: () =>
      liveStreams.endAll('the server is shutting down; subscribe again when it is back'),
    close: async () => {
      // The index is closed even when the mirror cannot save its queue; that error still surfaces.
      try {
        await services.mirror?.stop();
      } finally {
        await ready.catch(() => undefined);
        await refresher?.stop();
        await feed.flush();
        await index.close();
      }
    },
  };
}
