import { type ListenOptions, listen, type RunningServer } from '../../server/src/main.js';

/** `listen` on 127.0.0.1 at a free port over `root`, with an in-memory index caught up and no refresher. */
export function listenForTest(
  root: string,
  options: Partial<ListenOptions> = {},
): Promise<RunningServer> {
  return listen({
    root,
    host: '127.0.0.1',
    port: 0,
    indexPath: ':memory:',
    refresh: false,
    waitForIndex: true,
    ...options,
  });
}
