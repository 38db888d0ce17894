import { describe, expect, it } from 'vitest';
import {
  compileRunFilter,
  compileWhere,
  type RunFilter,
  RunFilterError,
  WhereSemanticError,
} from '../../../../server/src/index/where/index.js';
import { selectRunIds } from './helpers/compile-sql.js';

function semanticError(input: string): WhereSemanticError {
  try {
    compileWhere(input);
  } catch (error) {
    if (error instanceof WhereSemanticError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('compileWhere: semantic errors point at the identifier', () => {
  const cases: { input: string; position: number; reason: RegExp }[] = [
    {
      input: "foo.bar = 'x'",
      position: 0,
      reason: /^unknown prefix 'foo\.'; use metrics\., params\./,
    },
    {
      input: "metrics.a > 1 and attributes.colour = 'red'",
      position: 18,
      reason: /^unknown attribute 'attributes\.colour'; valid: run_id, run_name, name, experiment/,
    },
    {
      input: "meta.flavour = 'x'",
      position: 0,
      reason:
        /^unknown meta key 'meta\.flavour'; valid: .*needs_review.*datatreatment\.tokenization/,
    },
    {
      input: "metrics.auroc > '0.9'",
      position: 0,
      reason: /^metrics\.auroc is a metric \(a number\); compare it to a number/,
    },
    {
      input: 'params.lr = 0.001',
      position: 0,
      reason: /^params\.lr is text .*; quote the value: params\.lr = '0\.001'/,
    },
    { input: 'tags.note like 5', position: 0, reason: /quote the value: tags\.note = '5'/ },
    { input: "params.lr > '0.1'", position: 0, reason: /^> does not apply to params\.lr/ },
    { input: "metrics.a like '%x'", position: 0, reason: /^LIKE does not apply to metrics\.a/ },
    { input: 'metrics.a = null', position: 0, reason: /using IS NULL or IS NOT NULL/ },
    { input: "meta.needs_review = 'yes'", position: 0, reason: /compare it to true, false/ },
    { input: 'meta.n_classes = "3"', position: 0, reason: /^meta\.n_classes is a number/ },
    {
      input: "attributes.start_time > '2024-02-30'",
      position: 0,
      reason: /^attributes\.start_time is a time; compare it to an ISO-8601 date/,
    },
    { input: 'run.end_time > 1e300', position: 0, reason: /is a time/ },
    { input: "metrics.a in (1, 'b')", position: 0, reason: /is a metric/ },
    { input: "meta.goal = 'a' or constructor.x = 'b'", position: 19, reason: /unknown prefix/ },
    { input: "attributes.toString = 'b'", position: 0, reason: /unknown attribute/ },
  ];
  for (const { input, position, reason } of cases) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      const error = semanticError(input);
      expect(error.reason).toMatch(reason);
      expect(error.position).toBe(position);
      expect(error.message).toContain(`\n  ${input}\n  ${' '.repeat(position)}^`);
    });
  }
});

describe('compileWhere: accepted spellings', () => {
  it.each([
    'attribute.status = "FINISHED"',
    "run.run_name like 'seed%'",
    "attributes.NAME = 'x'",
    "meta.datatreatment.tokenization = 'bpe'",
    "meta.datatreatment_tokenization = 'bpe'",
    "meta.needs_review = 'FALSE'",
    'meta.needs_review != true',
    "attributes.started_at >= '2024-05-01 12:00'",
    "attributes.started_at < '2024-05-01T12:00:00.123456+02:00'",
    'attributes.end_time <= 1714564800000',
    'metric.x in (1, 2.5, -3)',
    "param.x = 'y'",
    "tag.x ilike 'y'",
    'meta.schema_version >= 2',
  ])('%s', (input) => {
    expect(selectRunIds(compileWhere(input)).sql).toMatch(/^select "run_id" from "runs" where /);
  });

  it('matches everything for a blank filter', () => {
    expect(selectRunIds(compileWhere('  ')).sql).toBe(
      'select "run_id" from "runs" where true order by "run_id"',
    );
  });
});

describe('values are bound, never spliced', () => {
  it('puts every key and value of a where string into parameters', () => {
    const compiled = selectRunIds(
      compileWhere(
        "params.`x'; --` = '\\'; drop table runs; --' or metrics.`a\"b` in (1.5, 2) " +
          "or attributes.start_time > '2024-01-01'",
      ),
    );
    expect(compiled.parameters).toEqual([
      "x'; --",
      "'; drop table runs; --",
      'a"b',
      1.5,
      2,
      '2024-01-01T00:00:00.000Z',
    ]);
    expect(compiled.sql).not.toMatch(/drop|1\.5|2024|--/);
  });

  it('puts every RunFilter value into parameters', () => {
    const filter: RunFilter = {
      experiment: ["e'1", 'e2'],
      needsReview: false,
      createdAfter: '2024-01-01',
      metrics: [{ key: 'auroc', op: 'GTE', value: 0.75 }],
      params: [{ key: 'lr', op: 'IN', values: ['0.1', "0.2'"] }],
      tags: [{ key: 'note', op: 'LIKE', value: '%seed%' }],
    };
    const compiled = selectRunIds(compileRunFilter(filter));
    expect(compiled.parameters).toEqual([
      "e'1",
      'e2',
      false,
      '2024-01-01T00:00:00.000Z',
      'auroc',
      0.75,
      'lr',
      '0.1',
      "0.2'",
      'note',
      '%seed%',
    ]);
    expect(compiled.sql).not.toMatch(/e'1|0\.75|seed/);
  });
});

describe('compileRunFilter: bad input', () => {
  const cases: { filter: RunFilter; path: string }[] = [
    { filter: { createdAfter: 'yesterday' }, path: 'createdAfter' },
    { filter: { createdBefore: '2024-13-01' }, path: 'createdBefore' },
    { filter: { metrics: [{ key: 'a', op: 'GT', value: Number.NaN }] }, path: 'metrics[0].value' },
    {
      filter: {
        metrics: [
          { key: 'a', op: 'GT', value: 1 },
          { key: '', op: 'GT', value: 1 },
        ],
      },
      path: 'metrics[1].key',
    },
    { filter: { params: [{ key: 'a', op: 'GT' as 'EQ', value: 'x' }] }, path: 'params[0].op' },
    {
      filter: { tags: [{ key: 'a', op: 'EQ', value: 3 as unknown as string }] },
      path: 'tags[0].value',
    },
    { filter: { experiment: [1] as unknown as string[] }, path: 'experiment' },
  ];
  for (const { filter, path } of cases) {
    it(`names ${path}`, () => {
      expect(() => compileRunFilter(filter)).toThrow(RunFilterError);
      expect(() => compileRunFilter(filter)).toThrow(`invalid run filter at ${path}: `);
    });
  }
});
