import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../server/src/facts/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir('atomic');
});
afterEach(() => dir.remove());

describe('writeFileAtomic', () => {
  it('creates and then replaces a file, leaving no temp files', async () => {
    const target = join(dir.path, 'run.json');
    await writeFileAtomic(target, '{"a":1}\n');
    expect(await readFile(target, 'utf8')).toBe('{"a":1}\n');
    await writeFileAtomic(target, Buffer.from('{"a":2}\n'));
    expect(await readFile(target, 'utf8')).toBe('{"a":2}\n');
    expect(await readdir(dir.path)).toEqual(['run.json']);
  });

  it('removes its temp file and keeps the target when the rename fails', async () => {
    const target = join(dir.path, 'run.json');
    await mkdir(target);
    await writeFile(join(target, 'inside'), 'kept');
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    expect(await readdir(dir.path)).toEqual(['run.json']);
    expect(await readdir(target)).toEqual(['inside']);
  });

  it('fails without leaving anything when the folder does not exist', async () => {
    await expect(writeFileAtomic(join(dir.path, 'nope', 'x.json'), 'x')).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir.path)).toEqual([]);
  });
});
