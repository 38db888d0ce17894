import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertInsideRoot, PathOutsideRootError } from '../../../server/src/facts/inside-root.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let base: { path: string; remove: () => Promise<void> };
let root: string;
let outside: string;
beforeEach(async () => {
  base = await makeTempDir('inside-root');
  root = join(base.path, 'root');
  outside = join(base.path, 'outside');
  await mkdir(join(root, 'runs', 'a'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(outside, 'secret.txt'), 'x');
});
afterEach(async () => {
  await base.remove();
});

describe('assertInsideRoot', () => {
  it('returns the real path of paths inside the root, existing or not', async () => {
    const real = await realpath(root);
    expect(await assertInsideRoot(root, 'runs/a')).toBe(join(real, 'runs', 'a'));
    expect(await assertInsideRoot(root, join(root, 'runs/new/facts/x.json'))).toBe(
      join(real, 'runs', 'new', 'facts', 'x.json'),
    );
    expect(await assertInsideRoot(root, '.')).toBe(real);
  });

  it('refuses .. and absolute paths that leave the root', async () => {
    await expect(assertInsideRoot(root, '../outside/secret.txt')).rejects.toThrow(
      PathOutsideRootError,
    );
    await expect(assertInsideRoot(root, 'runs/../../outside')).rejects.toThrow(/outside .*root/);
    await expect(assertInsideRoot(root, outside)).rejects.toThrow(PathOutsideRootError);
    // A sibling whose name starts with the root's name is still outside.
    await mkdir(`${root}-evil`);
    await expect(assertInsideRoot(root, `${root}-evil`)).rejects.toThrow(PathOutsideRootError);
  });

  it('refuses a symlink out of the root, and anything reached through it', async () => {
    await symlink(outside, join(root, 'runs', 'escape'));
    await expect(assertInsideRoot(root, 'runs/escape')).rejects.toThrow(PathOutsideRootError);
    await expect(assertInsideRoot(root, 'runs/escape/secret.txt')).rejects.toThrow(
      PathOutsideRootError,
    );
    await expect(assertInsideRoot(root, 'runs/escape/not-yet/file.json')).rejects.toThrow(
      PathOutsideRootError,
    );
  });

  it('refuses a dangling symlink pointing out, since writing it would create the target', async () => {
    await symlink(join(outside, 'later.json'), join(root, 'runs', 'a', 'meta.json'));
    await expect(assertInsideRoot(root, 'runs/a/meta.json')).rejects.toThrow(PathOutsideRootError);
  });

  it('allows symlinks that stay inside, and a root reached through a symlink', async () => {
    await symlink(join(root, 'runs', 'a'), join(root, 'runs', 'alias'));
    const real = await realpath(root);
    expect(await assertInsideRoot(root, 'runs/alias')).toBe(join(real, 'runs', 'a'));
    const linkedRoot = join(base.path, 'linked-root');
    await symlink(root, linkedRoot);
    expect(await assertInsideRoot(linkedRoot, 'runs/a')).toBe(join(real, 'runs', 'a'));
  });
});
