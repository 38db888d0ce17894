import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SpawnOptions } from '../../helpers/child-process.js';
import { ADMIN, addRun, makeRegistry, type Registry } from './fixtures.js';
import { spawnChild } from './spawn-child.js';

const WORKERS = 10;
let reg: Registry;

beforeEach(async () => {
  reg = await makeRegistry();
  await addRun(reg.facts, 'run_a');
  await reg.store.createRegisteredModel({ name: 'race' });
  for (let i = 0; i < WORKERS; i++) {
    await reg.store.createModelVersion({
      model: 'race',
      runId: 'run_a',
      source: `/v${i + 1}`,
      by: 'setup',
    });
  }
  // Another alias, to show the race touches only Production's history.
  await reg.store.promote({ ...ADMIN, model: 'race', version: 1, to: 'Staging', reason: 'setup' });
});

afterEach(() => reg.remove());

interface Outcome {
  ok: boolean;
  code?: string;
  current?: number | null;
  expected?: number | null;
  entry?: { by: string; to_version: number; from_version: number | null };
}

/** WORKERS processes that read the unset alias, then all promote their own version at once. */
async function racePromotions(options: SpawnOptions = {}): Promise<Outcome[]> {
  const children = Array.from({ length: WORKERS }, (_, worker) =>
    spawnChild(
      'promote.ts',
      { root: reg.root, model: 'race', version: worker + 1, worker },
      options,
    ),
  );
  await Promise.all(children.map((c) => c.waitForLine((l) => l === 'ready')));
  for (const child of children) child.send('go');
  return Promise.all(
    children.map(async (child) => {
      const exit = await child.exited;
      expect(exit.code, exit.stderr).toBe(0);
      return JSON.parse(child.lines.find((l) => l.startsWith('{')) ?? 'null') as Outcome;
    }),
  );
}

describe('concurrent promotions of one alias', () => {
  it('10 processes expecting an unset alias: one winner, 9 conflicts naming it, one history entry', async () => {
    const results = await racePromotions();
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(WORKERS - 1);
    const winner = winners[0]?.entry;
    expect(winner?.from_version).toBeNull();
    for (const loser of losers) {
      expect(loser).toEqual({
        ok: false,
        code: 'ALIAS_CONFLICT',
        current: winner?.to_version,
        expected: null,
      });
    }
    const model = await reg.store.getModel('race');
    expect(model.aliases.Production).toBe(winner?.to_version);
    const production = model.history.filter((h) => h.alias === 'Production');
    expect(production).toHaveLength(1);
    expect(production[0]).toMatchObject({
      by: winner?.by,
      from_version: null,
      to_version: winner?.to_version,
    });
    expect(model.history).toHaveLength(2);
  }, 240_000);

  it('negative control: with a lock that locks nothing, more than one promotion wins', async () => {
    const results = await racePromotions({ noLock: true });
    const model = await reg.store.getModel('race');
    const production = model.history.filter((h) => h.alias === 'Production');
    // Without the lock several writers see the alias unset: more than one is told it won, or a
    // write is refused by the file check as an unexpected error (a test the lock makes unneeded).
    const winners = results.filter((r) => r.ok).length;
    const unexpected = results.filter((r) => r.code === 'UNEXPECTED').length;
    expect({ winners, unexpected, production: production.length }).not.toEqual({
      winners: 1,
      unexpected: 0,
      production: 1,
    });
  }, 240_000);
});
