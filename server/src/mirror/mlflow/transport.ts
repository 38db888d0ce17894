import { createReadStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, type Dispatcher, request } from 'undici';
import { MlflowApiError, MlflowNetworkError, MlflowProtocolError } from './errors.js';
import { noteRequest } from './request-meter.js';

export interface RetryOptions {
  /** Tries in all, the first included. Default 5. */
  attempts?: number;
  /** Backoff doubles from min to max, with jitter. Defaults 200 ms and 5000 ms. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

export interface TransportOptions {
  /** MLflow's base URL, e.g. `http://127.0.0.1:5000` (a path prefix is kept). */
  trackingUri: string;
  connectTimeoutMs?: number;
  /** Time to wait for the response headers, then for each body chunk. Defaults 60 s. */
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  /** Sockets kept to MLflow. Default 8. */
  connections?: number;
  retry?: RetryOptions;
  /** Sent with every request, e.g. `authorization`. */
  headers?: Record<string, string>;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface CallOptions {
  /** Resending after an unknown outcome cannot do harm (reads, upserts, deduplicated logs). */
  idempotent: boolean;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

/** Connection errors where the request never reached the server, so any request may be resent. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const MAYBE_SENT_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function errorCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; depth++) {
    if ('code' in e && typeof e.code === 'string') return e.code;
    e = e.cause;
  }
  return null;
}

/** Whether `error` is a network failure, and if so whether the request may have been applied. */
export function classifyNetworkError(error: unknown): 'not_sent' | 'maybe_sent' | null {
  const code = errorCode(error);
  if (code === null) return null;
  if (NOT_SENT_CODES.has(code)) return 'not_sent';
  if (MAYBE_SENT_CODES.has(code)) return 'maybe_sent';
  return null;
}

/**
 * MLflow REST 2.0 over one pooled keep-alive undici Agent. Retries with backoff only network
 * failures and 5xx/429 answers, and a non-idempotent call only when it certainly was not sent.
 */
export class MlflowTransport {
  readonly baseUrl: string;
  private readonly agent: Agent;
  private readonly retry: Required<RetryOptions>;
  private readonly headers: Record<string, string>;
  private sent = 0;

  constructor(readonly options: TransportOptions) {
    let url: URL;
    try {
      url = new URL(options.trackingUri);
    } catch {
      throw new Error(
        `tracking URI ${JSON.stringify(options.trackingUri)} is not a URL; give one like http://127.0.0.1:5000`,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(
        `tracking URI ${options.trackingUri} must be http:// or https:// (the mirror talks to an MLflow server, not a local store)`,
      );
    }
    this.baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}/api/2.0/mlflow/`;
    this.agent = new Agent({
      connections: options.connections ?? 8,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      headersTimeout: options.headersTimeoutMs ?? 60_000,
      bodyTimeout: options.bodyTimeoutMs ?? 60_000,
      connect: { timeout: options.connectTimeoutMs ?? 10_000 },
    });
    this.retry = {
      attempts: Math.max(1, options.retry?.attempts ?? 5),
      minDelayMs: options.retry?.minDelayMs ?? 200,
      maxDelayMs: options.retry?.maxDelayMs ?? 5000,
    };
    this.headers = { 'content-type': 'application/json', ...options.headers };
  }

  /** HTTP requests sent so far, retries included. */
  get requestCount(): number {
    return this.sent;
  }

  async call(method: HttpMethod, endpoint: string, options: CallOptions): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(method, endpoint, options);
      } catch (error) {
        if (attempt >= this.retry.attempts || !this.mayRetry(error, options.idempotent))
          throw error;
      }
      const backoff = Math.min(this.retry.maxDelayMs, this.retry.minDelayMs * 2 ** (attempt - 1));
      await sleep(backoff * (0.5 + Math.random() / 2));
    }
  }

  /**
   * PUTs a file to MLflow's artifact proxy (`/api/2.0/mlflow-artifacts/artifacts/<path>`),
   * streamed; a PUT overwrites, so it is retried like an idempotent call, with a fresh stream.
   */
  async putArtifact(proxyPath: string, file: string, size: number): Promise<void> {
    const endpoint = `mlflow-artifacts/artifacts/${proxyPath}`;
    const url = new URL(`../mlflow-artifacts/artifacts/${proxyPath}`, this.baseUrl);
    for (let attempt = 1; ; attempt++) {
      try {
        this.sent++;
        noteRequest();
        let response: Dispatcher.ResponseData;
        let text: string;
        try {
          response = await request(url, {
            dispatcher: this.agent,
            method: 'PUT',
            headers: {
              ...this.headers,
              'content-type': 'application/octet-stream',
              'content-length': String(size),
            },
            body: createReadStream(file, { highWaterMark: 1 << 20 }),
          });
          text = await response.body.text();
        } catch (error) {
          throw this.networkFailure(endpoint, error);
        }
        parseAnswer(endpoint, response.statusCode, text);
        return;
      } catch (error) {
        if (attempt >= this.retry.attempts || !this.mayRetry(error, true)) throw error;
      }
      const backoff = Math.min(this.retry.maxDelayMs, this.retry.minDelayMs * 2 ** (attempt - 1));
      await sleep(backoff * (0.5 + Math.random() / 2));
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  /** A network failure as MlflowNetworkError (saying whether the request may have been sent). */
  private networkFailure(endpoint: string, error: unknown): unknown {
    const kind = classifyNetworkError(error);
    if (kind === null) return error;
    return new MlflowNetworkError(endpoint, this.options.trackingUri, kind === 'maybe_sent', error);
  }

  private mayRetry(error: unknown, idempotent: boolean): boolean {
    if (error instanceof MlflowApiError) {
      return error.status === 429 || (idempotent && error.retryable);
    }
    if (error instanceof MlflowNetworkError) return idempotent || !error.maybeApplied;
    return false;
  }

  private async once(method: HttpMethod, endpoint: string, options: CallOptions): Promise<unknown> {
    const url = new URL(endpoint, this.baseUrl);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    let response: Dispatcher.ResponseData;
    let text: string;
    this.sent++;
    noteRequest();
    try {
      response = await request(url, {
        dispatcher: this.agent,
        method,
        headers: this.headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      text = await response.body.text();
    } catch (error) {
      throw this.networkFailure(endpoint, error);
    }
    return parseAnswer(endpoint, response.statusCode, text);
  }
}

function parseAnswer(endpoint: string, status: number, text: string): unknown {
  let json: unknown;
  try {
    json = text.length === 0 ? {} : JSON.parse(text);
  } catch {
    if (status >= 400)
      throw new MlflowApiError(endpoint, status, `HTTP_${status}`, text.slice(0, 500));
    throw new MlflowProtocolError(endpoint, `HTTP ${status} with a body that is not JSON`);
  }
  if (status < 400) return json;
  const body = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const code = typeof body.error_code === 'string' ? body.error_code : `HTTP_${status}`;
  const message = typeof body.message === 'string' ? body.message : text.slice(0, 500);
  throw new MlflowApiError(endpoint, status, code, message);
}
