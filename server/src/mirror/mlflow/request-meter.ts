import { AsyncLocalStorage } from 'node:async_hooks';

/** Counts the HTTP requests made inside `fn`, retries included, even with other work interleaved. */
export async function countRequests<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; requests: number }> {
  const meter = { count: 0 };
  const value = await meters.run(meter, fn);
  return { value, requests: meter.count };
}

/** Called by the transport for each request it sends. */
export function noteRequest(): void {
  const meter = meters.getStore();
  if (meter) meter.count++;
}

const meters = new AsyncLocalStorage<{ count: number }>();
