import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileWhere, printWhere } from '../../../../server/src/index/where/index.js';
import { selectRunIds } from './helpers/compile-sql.js';
import { createTestIndex, type TestIndex } from './helpers/duckdb-index.js';
import { generateRuns } from './helpers/generated-runs.js';
import { meaningfulWhere, referenceMatches } from './helpers/reference-filter.js';

const runs = generateRuns(200, 7);
let index: TestIndex;

beforeAll(async () => {
  index = await createTestIndex(runs);
});
afterAll(() => index.close());

describe('random filters on DuckDB', () => {
  it('return exactly the runs the reference filter selects', async () => {
    let nonTrivial = 0;
    await fc.assert(
      fc.asyncProperty(meaningfulWhere, async (ast) => {
        const where = printWhere(ast);
        const expected = runs
          .filter((run) => referenceMatches(ast, run))
          .map((run) => run.run_id)
          .sort();
        if (expected.length > 0 && expected.length < runs.length) nonTrivial += 1;
        const actual = await index.runIds(selectRunIds(compileWhere(where)));
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          expect({ where, actual }).toEqual({ where, actual: expected });
        }
      }),
      { numRuns: 150 },
    );
    // Guards against a generator that only ever produces all-or-nothing filters.
    expect(nonTrivial).toBeGreaterThan(50);
  });
});
