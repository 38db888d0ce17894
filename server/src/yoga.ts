import { createYoga, maskError, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import type { Principal } from './auth/authenticate.js';
import { type AppServices, actorOf, type Context } from './context.js';
import { inputErrorToGraphQL } from './errors-to-graphql.js';
import { renderLocalGraphiQL } from './http/graphiql.js';
import { useStaticDashboard } from './http/static-dashboard.js';
import type { SecurityLimits } from './request-guards/limits.js';
import type { LiveStreams } from './request-guards/use-live-streams.js';
import { yogaSecurityOptions } from './request-guards/yoga-security.js';
import { schema } from './schema/index.js';
import { useUnselectedErrors } from './yoga-plugins/use-unselected-errors.js';

export type RunfactsYoga = YogaServerInstance<Record<string, never>, Context>;

/** The GraphQL server over the given services; it never listens (main.ts does). */
export interface YogaOptions {
  graphiql?: boolean;
  corsOrigins?: readonly string[];
  limits?: Partial<SecurityLimits>;
  liveStreams?: LiveStreams;
}

export function createRunfactsYoga(services: AppServices, options: YogaOptions = {}): RunfactsYoga {
  // Authentication, CORS and request limits; useAuth adds `auth` and `actor` to the context.
  const security = yogaSecurityOptions({
    store: services.tokens,
    limits: options.limits,
    corsOrigins: options.corsOrigins,
    liveStreams: options.liveStreams,
    contextFor: (principal: Principal) => ({ actor: actorOf(principal) }),
  });
  return createYoga<Record<string, never>, Context>({
    schema,
    maxRequestBodySize: security.maxRequestBodySize,
    cors: security.cors,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: options.graphiql ?? true,
    renderGraphiQL: renderLocalGraphiQL,
    context: () =>
      ({
        ...services,
        loaders: services.runs.loaders(),
      }) as Partial<Context> as Context,
    logging: {
      debug: () => undefined,
      info: () => undefined,
      warn: (...args: unknown[]) => console.warn(...args),
      // Bad input is the client's to fix and is answered in full; only unexpected errors are logged.
      error: (...args: unknown[]) => {
        if (
          !args.some((a) =>
            inputErrorToGraphQL((a as { originalError?: unknown })?.originalError ?? a),
          )
        ) {
          console.error(...args);
        }
      },
    },
    maskedErrors: {
      maskError: (error, message, isDev) => {
        const original = (error as { originalError?: unknown }).originalError ?? error;
        return inputErrorToGraphQL(original) ?? maskError(error, message, isDev);
      },
    },
    plugins: [
      useStaticDashboard({ graphqlEndpoint: '/graphql' }),
      ...(security.plugins as never[]),
      useUnselectedErrors(),
      useReadinessCheck({
        endpoint: '/ready',
        check: () => {
          const state = services.index.state;
          if (!state.ready) {
            const body = {
              ready: false,
              phase: state.phase,
              done: state.done,
              total: state.total,
              message: `the index is ${state.phase === 'building' ? 'being built' : 'catching up with the facts'}: ${state.done} of ${state.total} run folders`,
            };
            return new Response(JSON.stringify(body), {
              status: 503,
              headers: { 'content-type': 'application/json', 'retry-after': '1' },
            });
          }
          return true;
        },
      }),
    ],
  });
}
