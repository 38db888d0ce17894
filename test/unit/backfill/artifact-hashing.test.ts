import { createHash } from 'node:crypto';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashFile } from '../../../server/src/artifacts/checksum.js';
import { backfill } from '../../../server/src/backfill/index.js';
import { hashedLabel } from '../../../server/src/cli/backfill.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const FIXTURE = resolve(import.meta.dirname, '../../fixtures/backfill/experiment');
const RUN = 'hybrid_v2_20260122_020157';
const SIZE = 96 * 1024 * 1024;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let big: string;
beforeAll(async () => {
  temp = await makeTempDir('backfill-hashing');
  await cp(FIXTURE, join(temp.path, 'small'), { recursive: true });
  await cp(FIXTURE, join(temp.path, 'src'), { recursive: true });
  big = join(temp.path, 'src', 'experiments', RUN, 'predictions.npy');
  const bytes = Buffer.alloc(SIZE);
  for (let i = 0; i < SIZE; i += 4096) bytes.writeUInt32LE(i, i);
  await writeFile(big, bytes);
});
afterAll(() => temp.remove());

/** Main-thread busy time (ms) while `work` runs. */
async function busyMs(work: () => Promise<unknown>): Promise<number> {
  const before = performance.eventLoopUtilization();
  await work();
  return performance.eventLoopUtilization(before).active;
}

it.each([0, 1])(
  'a large artifact is hashed off the writing thread, with its bytes reported as progress (workers: %i)',
  async (workers) => {
    const onMain = await busyMs(() => hashFile(big));
    // The same backfill with the fixture's small file: what the writing thread does anyway.
    const small = (root: string) => backfill({ runsDir: join(temp.path, 'small'), root, workers });
    await small(join(temp.path, `warm-${workers}`));
    const baseline = await busyMs(() => small(join(temp.path, `small-${workers}`)));
    let hashed = 0;
    let report: Awaited<ReturnType<typeof backfill>> | undefined;
    const during = await busyMs(async () => {
      report = await backfill({
        runsDir: join(temp.path, 'src'),
        root: join(temp.path, `root-${workers}`),
        workers,
        onBytesHashed: (bytes) => {
          hashed += bytes;
        },
      });
    });
    expect(report?.counts.created).toBe(1);
    expect(hashed).toBe(SIZE);
    const run = JSON.parse(
      await readFile(join(temp.path, `root-${workers}`, 'runs', RUN, 'facts', 'run.json'), 'utf8'),
    );
    const entry = run.artifacts.find((a: { path: string }) => a.path === 'predictions.npy');
    const sha256 = createHash('sha256')
      .update(await readFile(big))
      .digest('hex');
    expect(entry).toMatchObject({ size: SIZE, sha256 });
    // Hashing on the writing thread would keep it busy at least as long as hashing here did.
    expect(during - baseline).toBeLessThan(onMain / 2);
  },
);

it('the progress bar shows the bytes hashed', () => {
  expect(hashedLabel(0)).toBe('');
  expect(hashedLabel(512)).toBe(' | 512 B hashed');
  expect(hashedLabel(SIZE)).toBe(' | 96.0 MiB hashed');
  expect(hashedLabel(3 * 1024 ** 3 + 512 * 1024 ** 2)).toBe(' | 3.5 GiB hashed');
});
