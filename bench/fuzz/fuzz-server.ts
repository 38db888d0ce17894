/**
 * The server under fuzz, in its own process so a crash or leak shows as such: `app` is `listen`
 * exactly as yoga.ts wires it today, `hardened` adds the proposed auth and limits. Reports its
 * URL, then its memory every 500 ms, over IPC. The index is a DuckDB file in the root, as in
 * production (an in-memory index would count the data as leaked memory).
 */
import { listen, type RunningServer } from '../../server/src/main.js';
import { startHardenedServer } from './hardened-server.js';

const [root, target] = process.argv.slice(2);
if (!root || (target !== 'app' && target !== 'hardened')) {
  throw new Error('usage: fuzz-server.ts <root> app|hardened');
}
const running: RunningServer =
  target === 'hardened'
    ? await startHardenedServer({ root, indexPath: null })
    : await listen({ root, host: '127.0.0.1', port: 0, refresh: false });
process.send?.({ type: 'ready', url: running.url });
const timer = setInterval(() => {
  const m = process.memoryUsage();
  process.send?.({ type: 'memory', rss: m.rss, heapUsed: m.heapUsed });
}, 500);
process.on('message', (message: { type?: string }) => {
  if (message.type !== 'stop') return;
  clearInterval(timer);
  void running.close().then(() => process.exit(0));
});
