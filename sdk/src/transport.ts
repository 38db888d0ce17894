import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { RunfactsGraphQLError, RunfactsTransportError } from './errors.js';

export interface TransportOptions {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  token?: string;
  /** Per request. Default 30000. */
  timeoutMs?: number;
  /** Extra attempts after a network error or a 5xx, for calls that are safe to repeat. Default 3. */
  retries?: number;
}

export interface GraphQLBody {
  query: string;
  variables?: unknown;
  operationName?: string;
}

/** POSTs GraphQL over one keep-alive undici Agent, retrying only what the caller says is repeatable. */
export class Transport {
  readonly agent: Agent;
  readonly #options: Required<Omit<TransportOptions, 'token'>> & { token?: string };

  constructor(options: TransportOptions) {
    this.#options = { timeoutMs: 30_000, retries: 3, ...options };
    this.agent = new Agent({
      keepAliveTimeout: 10_000,
      connectTimeout: 5_000,
      headersTimeout: this.#options.timeoutMs,
      bodyTimeout: this.#options.timeoutMs,
    });
  }

  get url(): string {
    return this.#options.url;
  }

  headers(accept = 'application/graphql-response+json, application/json'): Record<string, string> {
    return {
      'content-type': 'application/json',
      accept,
      ...(this.#options.token ? { authorization: `Bearer ${this.#options.token}` } : {}),
    };
  }

  async execute<T>(body: GraphQLBody, repeatable: boolean): Promise<T> {
    const attempts = repeatable ? this.#options.retries + 1 : 1;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const res = await request(this.#options.url, {
          method: 'POST',
          dispatcher: this.agent,
          headers: this.headers(),
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.#options.timeoutMs),
        });
        const text = await res.body.text();
        if (res.statusCode >= 500) {
          lastError = new RunfactsTransportError(
            `HTTP ${res.statusCode} from ${this.#options.url}`,
            res.statusCode,
          );
        } else {
          const json = parseJson(text, res.statusCode, this.#options.url) as {
            data?: T;
            errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
          };
          if (json.errors?.length)
            throw new RunfactsGraphQLError(json.errors, body.operationName ?? 'request');
          if (res.statusCode >= 400 || json.data === undefined) {
            throw new RunfactsTransportError(
              `HTTP ${res.statusCode} from ${this.#options.url}: ${text.slice(0, 200)}`,
              res.statusCode,
            );
          }
          return json.data;
        }
      } catch (error) {
        if (
          error instanceof RunfactsGraphQLError ||
          (error instanceof RunfactsTransportError && error.status !== null)
        ) {
          throw error;
        }
        lastError = error;
      }
      if (attempt < attempts)
        await sleep(Math.min(2000, 100 * 2 ** (attempt - 1)) * (0.5 + Math.random()));
    }
    if (lastError instanceof RunfactsTransportError) throw lastError;
    throw new RunfactsTransportError(
      `cannot reach ${this.#options.url}: ${(lastError as Error)?.message ?? lastError}`,
      null,
      { cause: lastError },
    );
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

function parseJson(text: string, status: number, url: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const what = text.trim() === '' ? 'an empty body' : `not JSON: ${text.slice(0, 200)}`;
    throw new RunfactsTransportError(
      `HTTP ${status} from ${url} is ${what}; ${endpointHint(url)}`,
      status,
    );
  }
}

/** What the URL should have been: the server's GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
function endpointHint(url: string): string {
  const example = 'http://127.0.0.1:4000/graphql';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `expected the GraphQL endpoint of a runfacts server, such as ${example}`;
  }
  if (parsed.pathname.replace(/\/+$/, '').endsWith('/graphql'))
    return `expected a runfacts server's GraphQL endpoint here; is it a runfacts server (${example})?`;
  return `expected the GraphQL endpoint, which ends in /graphql: try ${parsed.origin}/graphql (--url or RUNFACTS_URL)`;
}
