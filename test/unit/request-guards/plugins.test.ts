import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { describe, expect, it, vi } from 'vitest';
import { useRequestTimeout } from '../../../server/src/request-guards/use-request-timeout.js';
import { useSubscriptionLimit } from '../../../server/src/request-guards/use-subscription-limit.js';

/** One event, then silence until closed; return() ends it at once, as the app's pub/sub does. */
function openStream(): AsyncIterableIterator<{ ticks: number }> {
  let sent = false;
  const stream: AsyncIterableIterator<{ ticks: number }> = {
    next: () => {
      if (sent) return new Promise(() => undefined);
      sent = true;
      return Promise.resolve({ value: { ticks: 1 }, done: false });
    },
    return: () => Promise.resolve({ value: undefined, done: true }),
    [Symbol.asyncIterator]: () => stream,
  };
  return stream;
}

/** A tiny schema with a resolver that never answers and a subscription that never ends. */
function yogaWith(plugins: Plugin[]) {
  let signalSeen: AbortSignal | undefined;
  const yoga = createYoga({
    logging: false,
    schema: createSchema({
      typeDefs: 'type Query { fast: Int! hang: Int } type Subscription { ticks: Int! }',
      resolvers: {
        Query: {
          fast: () => 1,
          hang: (_: unknown, __: unknown, ___: unknown, info: { signal?: AbortSignal }) => {
            signalSeen = info.signal;
            return new Promise(() => undefined);
          },
        },
        Subscription: {
          ticks: { subscribe: () => openStream() },
        },
      },
    }),
    plugins,
  });
  return { yoga, signal: () => signalSeen };
}

const post = (yoga: ReturnType<typeof yogaWith>['yoga'], query: string) =>
  yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });

describe('useRequestTimeout', () => {
  it('ends a query that never finishes with TIMEOUT and aborts the executor', async () => {
    // Long enough for the follow-up query on a busy machine; `hang` never finishes anyway.
    const { yoga, signal } = yogaWith([useRequestTimeout(1_000)]);
    const body = (await (await post(yoga, '{ hang }')).json()) as {
      errors?: Array<{ extensions?: { code?: string } }>;
    };
    expect(body.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
    expect(signal()?.aborted).toBe(true);
    expect(await (await post(yoga, '{ fast }')).json()).toEqual({ data: { fast: 1 } });
  });
});

describe('useSubscriptionLimit', () => {
  it('refuses the subscription over the limit and frees a slot when one is closed', async () => {
    const { yoga } = yogaWith([useSubscriptionLimit(2, () => 'same-caller')]);
    const open = async () => {
      const controller = new AbortController();
      const res = await yoga.fetch('http://localhost/graphql?query=subscription{ticks}', {
        headers: { accept: 'text/event-stream' },
        signal: controller.signal,
      });
      const reader = res.body?.getReader();
      const first = new TextDecoder().decode((await reader?.read())?.value);
      const second = first.includes('data')
        ? ''
        : new TextDecoder().decode((await reader?.read())?.value);
      return {
        text: first + second,
        close: () => {
          void reader?.cancel().catch(() => undefined);
          controller.abort();
        },
      };
    };
    const a = await open();
    const b = await open();
    expect(a.text).toContain('"ticks":1');
    expect(b.text).toContain('"ticks":1');
    const c = await open();
    expect(c.text).toContain('TOO_MANY_SUBSCRIPTIONS');
    a.close();
    let d = await open();
    // The slot is freed when yoga sees the abort, which may take a turn of the event loop.
    await vi.waitFor(
      async () => {
        if (d.text.includes('TOO_MANY')) {
          d.close();
          d = await open();
        }
        expect(d.text).toContain('"ticks":1');
      },
      { timeout: 20_000, interval: 20 },
    );
    for (const s of [b, c, d]) s.close();
  });
});
