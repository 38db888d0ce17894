import { type Client, createClient } from 'graphql-sse';
import type { TypedDocumentString } from '../generated/graphql';
import { authHeaders } from './token';

/** One GraphQL error as the API sends it; `position` is set for where-string syntax errors. */
export interface ApiErrorEntry {
  message: string;
  extensions?: { code?: string; position?: number; argument?: string };
}

/** A request the API refused or answered with errors; `entries` keeps them for display. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly entries: ApiErrorEntry[],
  ) {
    super(message);
  }
}

/** Runs a typed operation from web/src/operations against this server's /graphql. */
export async function request<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...authHeaders() },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  let body: { data?: R | null; errors?: ApiErrorEntry[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`HTTP ${response.status} from /graphql, and the body is not JSON`, []);
  }
  if (body.errors?.length) {
    throw new ApiError(body.errors.map((e) => e.message).join('\n'), body.errors);
  }
  if (body.data == null) throw new ApiError(`HTTP ${response.status}: no data`, []);
  return body.data;
}

let sse: Client | null = null;

/** A subscription over SSE (graphql-sse's distinct connections, which yoga speaks); returns stop. */
export function subscribe<R, V>(
  document: TypedDocumentString<R, V>,
  variables: V,
  onData: (data: R) => void,
  onError: (error: Error) => void,
): () => void {
  sse ??= createClient({
    url: `${location.origin}/graphql`,
    headers: () => authHeaders(),
    retryAttempts: 1000,
  });
  return sse.subscribe<R>(
    { query: document.toString(), variables: variables as Record<string, unknown> },
    {
      next: (result) => {
        if (result.data) onData(result.data);
        if (result.errors?.length)
          onError(new Error(result.errors.map((e) => e.message).join('\n')));
      },
      error: (error) => onError(error instanceof Error ? error : new Error(String(error))),
      complete: () => undefined,
    },
  );
}

/** Drops the SSE client so the next subscription sends the new token. */
export function resetSubscriptions(): void {
  sse?.dispose();
  sse = null;
}
