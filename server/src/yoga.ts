import { createYoga, maskError, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import { type AppServices, type Context, LOCAL_ACTOR } from './context.js';
import { inputErrorToGraphQL } from './errors-to-graphql.js';
import { createLoaders } from './loaders.js';
import { schema } from './schema/index.js';

export type RunfactsYoga = YogaServerInstance<Record<string, never>, Context>;

/** The GraphQL server over the given services; it never listens (main.ts does). */
export function createRunfactsYoga(
  services: AppServices,
  options: { graphiql?: boolean } = {},
): RunfactsYoga {
  return createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: options.graphiql ?? true,
    context: () => ({ ...services, loaders: createLoaders(services.index), actor: LOCAL_ACTOR }),
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
      useReadinessCheck({
        endpoint: '/ready',
        check: () => {
          if (!services.index.state.ready) {
            return new Response('index is still being built', { status: 503 });
          }
          return true;
        },
      }),
    ],
  });
}
