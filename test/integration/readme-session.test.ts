import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli, runShell } from '../helpers/cli-process.js';
import { exited, type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// The README's CLI section, run as shown against `runfacts serve --demo` (what `npm start` runs).
// The blocks are read from README.md itself, so the README and this test cannot drift apart.

let server: ServerProcess;
let tmp: { path: string; remove: () => Promise<void> };
let root: string;

beforeAll(async () => {
  tmp = await makeTempDir('readme');
  root = join(tmp.path, 'runfacts-data');
  server = await startServerProcess(['--root', root, '--demo', '--no-watch']);
});
afterAll(async () => {
  server?.child.kill('SIGKILL');
  if (server) await exited(server.child);
  await tmp?.remove();
});

/** The ```sh blocks of one README section, in order. */
async function shellBlocks(section: string): Promise<string[]> {
  const readme = await readFile('README.md', 'utf8');
  const start = readme.indexOf(`\n## ${section}\n`);
  expect(start).toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + 1);
  const text = readme.slice(start, end < 0 ? undefined : end);
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}

it("runs the README's CLI session and registry commands as shown on the demo data", async () => {
  const blocks = await shellBlocks('CLI');
  expect(blocks.length).toBeGreaterThanOrEqual(3);
  const { host } = new URL(server.url);
  const script = blocks
    .join('\n')
    .split('\n')
    // `serve` runs until stopped; its options are run by serve-cli.test.ts.
    .filter((line) => !/^npx runfacts serve\b/.test(line))
    .join('\n')
    .replaceAll('127.0.0.1:4000', host)
    .replaceAll('./runfacts-data', root);
  expect(script).toContain('npx runfacts promote tttt-classifier 3');
  expect(script).toContain('npx runfacts model version');
  const result = await runShell(`set -x\n${script}`, tmp.path);
  expect(result.stderr).not.toMatch(/runfacts: /);
  expect(result.code).toBe(0);
  // The blocks' relative paths resolved in the temp dir: the artifact came back there.
  const copied = await readFile(join(tmp.path, 'copy', 'model.txt'), 'utf8');
  expect(copied).toBe('weights of the baseline\n');
  expect(result.stderr).toMatch(/tttt-classifier: Production moved from v2 to v3/);
  expect(result.stderr).toMatch(/baseline-mlp: Staging moved from none to v1/);
  expect(result.stdout).toMatch(/^1$/m);
  expect(result.stdout).toMatch(/history/);
}, 300_000);

it('a stale --expect through the CLI answers in CLI words', async () => {
  const env = { RUNFACTS_URL: `${server.url}/graphql` };
  const moved = await runCli(
    ['promote', 'tttt-classifier', '1', '--to', 'Staging', '--reason', 'x', '--expect', 'none'],
    env,
  );
  expect(moved.code).not.toBe(0);
  expect(moved.stderr).toMatch(/Staging holds v3, not none as --expect said/);
  expect(moved.stderr).toMatch(/retry with --expect 3/);
  expect(moved.stderr).not.toMatch(/expectedVersion/);
});
