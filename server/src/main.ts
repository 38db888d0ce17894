import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  const app = await openApp(options);
  const server = createServer(app.handler);
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    app,
    server,
    url: `http://${host}:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await app.close();
    },
  };
}
