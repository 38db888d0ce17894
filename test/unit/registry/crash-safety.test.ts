import { readdir, readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FactsStore } from '../../../server/src/facts/index.js';
import { RegistryStore } from '../../../server/src/registry/index.js';
import { readModelFile } from '../../../server/src/registry/model-file.js';
import { ADMIN, addRun, makeRegistry, type Registry } from './fixtures.js';
import { type Child, spawnChild } from './spawn-child.js';

const TEMP = '.tmp-m.json-';
let reg: Registry;

beforeEach(async () => {
  reg = await makeRegistry();
  // Big frozen configs make each rewrite of the model file take long enough to be interrupted.
  await addRun(reg.facts, 'run_big', { blob: 'x'.repeat(1_500_000) });
  await reg.store.createRegisteredModel({ name: 'm' });
  for (const source of ['/1', '/2']) {
    await reg.store.createModelVersion({ model: 'm', runId: 'run_big', source, by: 'setup' });
  }
});

afterEach(() => reg.remove());

const committed = (line: string) => Number(/^committed (\d+)$/.exec(line)?.[1] ?? Number.NaN);

/** SIGKILLs the child as soon as its temp file shows up, i.e. in the middle of a write. */
async function killMidWrite(child: Child, dir: string): Promise<void> {
  while (child.process.exitCode === null) {
    if ((await readdir(dir)).some((n) => n.startsWith(TEMP))) break;
  }
  child.process.kill('SIGKILL');
}

describe('a SIGKILLed writer', () => {
  it('leaves the old or the new file, and the next writer takes over its lock and temp files', async () => {
    const path = reg.store.modelPath('m');
    const dir = reg.store.modelsDir;
    const next = new RegistryStore(reg.root, new FactsStore(reg.root), {
      lock: { staleMs: 2_000 },
    });
    let killedMidWrite = 0;
    // Rounds stop once a kill has landed mid-write twice; the cap keeps a slow machine bounded.
    for (let round = 0; round < 8 && killedMidWrite < 2; round++) {
      const child = spawnChild('promote-loop.ts', { root: reg.root, model: 'm' });
      await child.waitForLine((l) => committed(l) >= 1);
      await killMidWrite(child, dir);
      const exit = await child.exited;
      expect(exit.signal, exit.stderr).toBe('SIGKILL');
      if ((await readdir(dir)).some((n) => n.startsWith(TEMP))) killedMidWrite++;
      const last = Math.max(...child.lines.map(committed).filter((n) => !Number.isNaN(n)));
      const read = await readModelFile(path);
      if (!read.ok) throw new Error(`round ${round}: ${read.error.message}`);
      // Old file: the last reported commit; new file: one more, renamed before it was printed.
      expect([last, last + 1], `round ${round}`).toContain(read.model.history.length);
      expect(read.model.versions[1]?.frozen.config.blob).toHaveLength(1_500_000);
      // The next writer waits out the dead writer's stale lock, then removes its temp file.
      const holder = read.model.aliases.Staging ?? null;
      const after = await next.promote({
        ...ADMIN,
        model: 'm',
        version: holder === 1 ? 2 : 1,
        to: 'Staging',
        reason: `after crash ${round}`,
        expectedVersion: holder,
      });
      expect(after.model.history.slice(0, -1)).toEqual(read.model.history);
      expect(await readdir(dir)).toEqual(['m.json']);
      expect(JSON.parse(await readFile(path, 'utf8')).history).toEqual(after.model.history);
    }
    expect(killedMidWrite).toBe(2);
  }, 300_000);
});
