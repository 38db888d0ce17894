import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LockCompromisedError,
  LockTimeoutError,
  withDirLock,
} from '../../../server/src/facts/index.js';
import { lockPathFor } from '../../../server/src/facts/lock.js';
import { type Child, spawnTsChild } from '../../helpers/child-process.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let dir: { path: string; remove: () => Promise<void> };
let children: Child[] = [];
beforeEach(async () => {
  dir = await makeTempDir('lock');
  children = [];
});
afterEach(async () => {
  await Promise.all(children.map((child) => child.kill()));
  await dir.remove();
});

function holdLock(staleMs: number): Child {
  const child = spawnTsChild('hold-lock.ts', { dir: dir.path, staleMs });
  children.push(child);
  return child;
}

describe('withDirLock', () => {
  it('serialises read-modify-write sections in one process', async () => {
    const counter = join(dir.path, 'counter');
    await writeFile(counter, '0');
    const increment = () =>
      withDirLock(dir.path, async () => {
        const value = Number(await readFile(counter, 'utf8'));
        await new Promise((resolve) => setImmediate(resolve));
        await writeFile(counter, String(value + 1));
      });
    await Promise.all(Array.from({ length: 20 }, increment));
    expect(await readFile(counter, 'utf8')).toBe('20');
  });

  it('releases the lock when the section throws, and passes the error on', async () => {
    await expect(
      withDirLock(dir.path, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(stat(lockPathFor(dir.path))).rejects.toThrow(/ENOENT/);
    expect(await withDirLock(dir.path, async () => 'again')).toBe('again');
  });

  it('rejects with LockCompromisedError when the lock is lost while held', async () => {
    let lost: () => void = () => undefined;
    const compromised = new Promise<void>((resolve) => {
      lost = resolve;
    });
    const attempt = withDirLock(
      dir.path,
      async () => {
        await rm(lockPathFor(dir.path), { recursive: true });
        await compromised;
        return 'finished';
      },
      { staleMs: 2_000, onCompromised: () => lost() },
    );
    await expect(attempt).rejects.toBeInstanceOf(LockCompromisedError);
    await expect(attempt).rejects.toThrow(/was lost while held/);
  });

  it('gives up with LockTimeoutError while a live process holds the lock', async () => {
    const holder = holdLock(2_000);
    await holder.waitForLine((line) => line === 'locked');
    const attempt = withDirLock(dir.path, async () => 'never', { timeoutMs: 300, staleMs: 2_000 });
    await expect(attempt).rejects.toBeInstanceOf(LockTimeoutError);
    await expect(attempt).rejects.toThrow(
      /could not lock .* within \d+ ms: another process holds it/,
    );
  });

  it('takes over the lock of a holder killed with SIGKILL once it goes stale', async () => {
    const holder = holdLock(2_000);
    await holder.waitForLine((line) => line === 'locked');
    await holder.kill();
    expect((await holder.exited).signal).toBe('SIGKILL');
    expect((await stat(lockPathFor(dir.path))).isDirectory()).toBe(true);
    const result = await withDirLock(dir.path, async () => 'recovered', {
      staleMs: 2_000,
      timeoutMs: 30_000,
    });
    expect(result).toBe('recovered');
    await expect(stat(lockPathFor(dir.path))).rejects.toThrow(/ENOENT/);
  });
});
