import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MirrorQueue } from '../../../server/src/mirror/continuous/mirror-queue.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir('mirror-queue');
});
afterEach(() => dir.remove());

const none = new Map<string, string>();

it('keeps a run changed after the sync started, and drops it once a later sync covers it', () => {
  const queue = new MirrorQueue(join(dir.path, 'q.json'));
  queue.add('a');
  queue.add('b');
  const mark = queue.mark();
  const taken = queue.take(10);
  queue.add('a'); // arrives while a and b are being sent
  queue.done(taken, none, 'now', mark);
  expect(queue.state.pending).toEqual(['a']);
  const second = queue.mark();
  queue.done(queue.take(10), none, 'later', second);
  expect(queue.state.pending).toEqual([]);
});

it('keeps a run first queued during a full sync that listed it', () => {
  const queue = new MirrorQueue(join(dir.path, 'q.json'));
  const mark = queue.mark();
  queue.add('c'); // queued after the full sync read the facts
  queue.done(['c'], none, 'now', mark);
  expect(queue.state.pending).toEqual(['c']);
});

it('creates its folder on save and a new queue loads what was saved', async () => {
  const path = join(dir.path, 'not', 'yet', 'q.json');
  const queue = new MirrorQueue(path);
  queue.add('a');
  await queue.save();
  const loaded = new MirrorQueue(path);
  await loaded.load();
  expect(loaded.state.pending).toEqual(['a']);
});

it('rejects a save that cannot be written, and the next save still runs', async () => {
  const blocker = join(dir.path, 'blocker');
  await writeFile(blocker, 'a file, not a folder');
  const queue = new MirrorQueue(join(blocker, 'q.json'));
  queue.add('a');
  await expect(queue.save()).rejects.toThrow(/EEXIST|ENOTDIR/);
  await rm(blocker);
  queue.add('b');
  await queue.save();
  expect(JSON.parse(await readFile(join(blocker, 'q.json'), 'utf8')).pending).toEqual(['a', 'b']);
});
