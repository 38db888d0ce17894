/**
 * The server under test, in a process of its own so that its event loop and CPU time are not
 * shared with the benchmark's clients. Prints `{"url": ...}` (after REPLY_PREFIX) once listening; answers a `cpu`
 * line on stdin with its CPU time so far; closes cleanly on SIGTERM or when stdin ends.
 */
import { createInterface } from 'node:readline';
import { listen } from '../../server/src/main.js';
import { REPLY_PREFIX } from './server-process.js';

const [root, indexMode, watchMode] = process.argv.slice(2);
if (!root || (indexMode !== 'file' && indexMode !== 'memory')) {
  throw new Error('usage: server-child.ts <root> file|memory watch|no-watch');
}
const server = await listen({
  waitForIndex: true,
  root,
  host: '127.0.0.1',
  port: 0,
  indexPath: indexMode === 'memory' ? ':memory:' : undefined,
  // As `runfacts serve` runs it by default: watch the facts and rescan every 5 s.
  refresh: { rescanSeconds: 5, watch: watchMode !== 'no-watch' },
});
// Prefixed, so that stray output of the server's code on stdout cannot be taken for a reply.
const reply = (value: unknown) => process.stdout.write(`${REPLY_PREFIX}${JSON.stringify(value)}\n`);
reply({ url: server.url });

let closing = false;
const shutdown = () => {
  if (closing) return;
  closing = true;
  void server.close().then(() => process.exit(0));
};
process.once('SIGTERM', shutdown);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() === 'cpu') reply({ cpu: process.cpuUsage() });
});
lines.on('close', shutdown);
