import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { backfill } from '../../../server/src/backfill/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { FIXTURES, snapshotTree } from './helpers.js';

const CASES = resolve(import.meta.dirname, '../../fixtures/backfill-cases');
let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  temp = await makeTempDir('backfill-workers');
});
afterAll(() => temp.remove());

it.each([
  ['the layout fixtures', FIXTURES],
  ['the real-world cases', CASES],
])('worker threads give the same report and the same facts as one thread: %s', async (_, dir) => {
  const one = await backfill({ runsDir: dir, root: `${temp.path}/one-${_}`, workers: 0 });
  const two = await backfill({ runsDir: dir, root: `${temp.path}/two-${_}`, workers: 2 });
  const strip = (r: typeof one) => ({ ...r, root: '' });
  expect(one.counts.read).toBeGreaterThan(5);
  expect(strip(two)).toEqual(strip(one));
  const files = async (root: string) =>
    [...(await snapshotTree(`${root}/runs`))].map(([path, s]) => [path, s.sha1]);
  expect(await files(`${temp.path}/two-${_}`)).toEqual(await files(`${temp.path}/one-${_}`));
});
