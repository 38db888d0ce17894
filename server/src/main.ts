import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { type App, type AppOptions, openApp } from './app.js';
import { assertSafeBind } from './auth/loopback.js';
import { TokenStore } from './auth/token-store.js';

export interface ListenOptions extends AppOptions {
  host: string;
  port: number;
}

export interface RunningServer {
  app: App;
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Opens the app and serves it over HTTP; resolves once listening (port 0 picks a free port). */
export async function listen(options: ListenOptions): Promise<RunningServer> {
  // Refuse before any work: a non-loopback address with no tokens would expose every scope.
  assertSafeBind({
    host: options.host,
    tokensConfigured: await new TokenStore(options.root).hasActiveTokens(),
    root: options.root,
  });
  const app = await openApp({ ...options, waitForIndex: options.waitForIndex ?? false });
  const server = createServer(app.handler);
  const inFlight = trackInFlight(server);
  // No cap on a whole request: an artifact upload of gigabytes takes as long as it takes. A
  // socket that sends nothing for a minute is closed, and headers must arrive within 10 s.
  server.requestTimeout = 0;
  server.timeout = 60_000;
  server.headersTimeout = 10_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
  } catch (error) {
    // Release the index, watchers and mirror, or the process would live on without serving.
    await app.close();
    throw listenError(error, options);
  }
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    app,
    server,
    url: `http://${host}:${port}`,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Open subscriptions end with a `complete` event; then every connection is dropped, since
      // server.close alone waits for clients that never leave (an SSE stream, a keep-alive).
      app.endStreams();
      // Requests in flight (a mutation writing) get a moment to answer; then nothing waits, not
      // even keep-alive connections, which server.close alone would wait for.
      await Promise.race([inFlight.drained(), delay(SHUTDOWN_GRACE_MS, undefined, { ref: false })]);
      server.closeAllConnections();
      await closed;
      await app.close();
    },
  };
}

/** How long shutdown lets requests in flight finish before dropping every connection. */
const SHUTDOWN_GRACE_MS = 1000;

/** Counts requests whose response has not closed yet; `drained` resolves when there are none. */
function trackInFlight(server: Server): { drained(): Promise<void> } {
  let open = 0;
  let wake: (() => void) | null = null;
  server.on('request', (_req, res: ServerResponse) => {
    open++;
    res.once('close', () => {
      open--;
      if (open === 0) wake?.();
    });
  });
  return {
    drained: () => (open === 0 ? Promise.resolve() : new Promise((r) => (wake = r))),
  };
}

/** A listen failure in the words of the CLI: which address, and which flag or variable to change. */
function listenError(error: unknown, options: ListenOptions): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${options.host}:${options.port}`;
  if (code === 'EADDRINUSE')
    return new Error(
      `port ${options.port} on ${options.host} is already in use; choose another with --port or RUNFACTS_PORT (0 picks a free one)`,
    );
  if (code === 'EACCES')
    return new Error(
      `no permission to listen on ${where}; choose a port above 1023 with --port or RUNFACTS_PORT`,
    );
  if (code === 'EADDRNOTAVAIL')
    return new Error(
      `${options.host} is not an address of this machine; choose another with --host or RUNFACTS_HOST`,
    );
  return error as Error;
}
