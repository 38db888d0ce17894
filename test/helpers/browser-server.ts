import type { Browser } from 'playwright-core';
import { writeSyntheticRuns } from '../../server/src/demo/write-synthetic.js';
import { launchBrowser } from './browser.js';
import { exited, type ServerProcess, startServerProcess } from './server-process.js';
import { makeTempDir } from './temp-dir.js';

export interface BrowserAndServer {
  root: string;
  server: ServerProcess;
  browser: Browser;
  /** Closes the browser, SIGKILLs the server and removes the root. */
  stop(): Promise<void>;
}

/**
 * A generated root of `runs` synthetic runs (then `prepare`, e.g. tokens), a real `runfacts
 * serve` over it and a headless Chromium, for the browser tests.
 */
export async function startBrowserAndServer(options: {
  prefix: string;
  runs: number;
  serveArgs?: string[];
  prepare?: (root: string) => Promise<void>;
}): Promise<BrowserAndServer> {
  const dir = await makeTempDir(options.prefix);
  await writeSyntheticRuns(dir.path, options.runs);
  await options.prepare?.(dir.path);
  const [server, browser] = await Promise.all([
    startServerProcess(['--root', dir.path, ...(options.serveArgs ?? ['--no-watch'])]),
    launchBrowser(),
  ]);
  return {
    root: dir.path,
    server,
    browser,
    stop: async () => {
      await browser.close();
      server.child.kill('SIGKILL');
      await exited(server.child);
      await dir.remove();
    },
  };
}
