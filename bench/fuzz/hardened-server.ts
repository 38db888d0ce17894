import { createYoga, maskError } from 'graphql-yoga';
import { TokenStore } from '../../server/src/auth/token-store.js';
import { inputErrorToGraphQL } from '../../server/src/errors-to-graphql.js';
import { listen, type RunningServer } from '../../server/src/main.js';
import { withBodyLimit } from '../../server/src/request-guards/body-limit.js';
import type { SecurityLimits } from '../../server/src/request-guards/limits.js';
import { yogaSecurityOptions } from '../../server/src/request-guards/yoga-security.js';
import { schema } from '../../server/src/schema/index.js';

export interface HardenedServer extends RunningServer {
  tokens: TokenStore;
  limits: SecurityLimits;
}

/**
 * A real server from `listen` whose handler is swapped for the proposed wiring: yoga.ts's
 * createYoga call plus yogaSecurityOptions, behind withBodyLimit. Once yoga.ts carries the
 * same wiring, `listen` alone gives this server.
 */
export async function startHardenedServer(options: {
  root: string;
  limits?: Partial<SecurityLimits>;
  corsOrigins?: string[];
  /** Default `:memory:`; null for the default file in the root. */
  indexPath?: string | null;
}): Promise<HardenedServer> {
  const running = await listen({
    root: options.root,
    host: '127.0.0.1',
    port: 0,
    indexPath: options.indexPath === null ? undefined : (options.indexPath ?? ':memory:'),
    refresh: false,
    waitForIndex: true,
  });
  const services = running.app.services;
  const tokens = new TokenStore(options.root);
  const security = yogaSecurityOptions({
    store: tokens,
    limits: options.limits,
    corsOrigins: options.corsOrigins,
    contextFor: (p) => ({ actor: { name: p.name, canPromote: p.scopes.has('promote') } }),
  });
  const yoga = createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    maxRequestBodySize: security.maxRequestBodySize,
    cors: security.cors,
    context: () => ({
      ...services,
      loaders: services.runs.loaders(),
      actor: { name: 'local', canPromote: true },
    }),
    // As yoga.ts: bad input is the client's to fix; only unexpected errors are logged.
    logging: {
      debug: () => undefined,
      info: () => undefined,
      warn: (...args: unknown[]) => console.warn(...args),
      error: (...args: unknown[]) => {
        const isInput = (a: unknown) =>
          inputErrorToGraphQL((a as { originalError?: unknown })?.originalError ?? a) !== null;
        if (!args.some(isInput)) console.error(...args);
      },
    },
    maskedErrors: {
      maskError: (error, message, isDev) => {
        const original = (error as { originalError?: unknown }).originalError ?? error;
        return inputErrorToGraphQL(original) ?? maskError(error, message, isDev);
      },
    },
    plugins: security.plugins,
  });
  running.server.removeAllListeners('request');
  running.server.on('request', withBodyLimit(yoga, security.limits.maxBodyBytes));
  return { ...running, tokens, limits: security.limits };
}
