import { request } from 'undici';
import { RunfactsGraphQLError, RunfactsTransportError } from './errors.js';
import type { Transport } from './transport.js';

/**
 * A GraphQL subscription over Server-Sent Events (yoga's built-in transport): one `next` event a
 * result, until `complete`, the server closes, or `signal` aborts.
 */
export async function* subscribeSse<T>(
  transport: Transport,
  query: string,
  variables: unknown,
  signal: AbortSignal | undefined,
  operationName: string,
): AsyncGenerator<T> {
  let res: Awaited<ReturnType<typeof request>>;
  try {
    res = await request(transport.url, {
      method: 'POST',
      dispatcher: transport.agent,
      headers: transport.headers('text/event-stream'),
      body: JSON.stringify({ query, variables, operationName }),
      signal,
      bodyTimeout: 0,
    });
  } catch (error) {
    if (signal?.aborted) return;
    throw new RunfactsTransportError(
      `cannot subscribe at ${transport.url}: ${(error as Error).message}`,
      null,
      { cause: error },
    );
  }
  if (res.statusCode >= 400) {
    throw new RunfactsTransportError(
      `HTTP ${res.statusCode} from ${transport.url}: ${(await res.body.text()).slice(0, 200)}`,
      res.statusCode,
    );
  }
  let buffer = '';
  try {
    for await (const chunk of res.body) {
      buffer += chunk.toString();
      let end = buffer.indexOf('\n\n');
      while (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        const event = /^event: ?(.*)$/m.exec(block)?.[1];
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trimStart())
          .join('\n');
        if (event === 'complete') return;
        if (!data) continue;
        const payload = JSON.parse(data) as { data?: T; errors?: Array<{ message: string }> };
        if (payload.errors?.length) throw new RunfactsGraphQLError(payload.errors, operationName);
        if (payload.data) yield payload.data;
      }
    }
  } catch (error) {
    if (signal?.aborted) return;
    throw error;
  } finally {
    res.body.destroy();
  }
}
