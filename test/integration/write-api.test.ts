import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { treeSnapshot } from '../helpers/tree-snapshot.js';

let app: TestApp;
let runId: string;
let finishedId: string;

const META = {
  goal: 'classification',
  datasetName: '4topsplitted',
  modelFamily: 'transformer',
  processGroups: [['4t'], ['ttH', 'ttW']],
  datatreatment: { tokenization: 'direct' },
};

async function register(overrides: Record<string, unknown> = {}) {
  const res = await app.gql<{ registerRun: Record<string, unknown> }>(
    `mutation($i: RegisterRunInput!) { registerRun(input: $i) { __typename
      ... on RegisterRunPayload { runId created config meta { metaHash needsReview } }
      ... on Error { message field } } }`,
    { i: { experiment: 'writes', name: 'w', architectureCode: 'tf', meta: META, ...overrides } },
  );
  return res.data?.registerRun ?? {};
}

async function countRuns(): Promise<number> {
  const res = await app.gql<{ runs: { totalCount: number } }>('{ runs { totalCount } }');
  return res.data?.runs.totalCount ?? Number.NaN;
}

beforeAll(async () => {
  app = await startTestApp(0);
  runId = String((await register()).runId);
  finishedId = String((await register({ name: 'done' })).runId);
  await app.gql(`mutation { finishRun(runId: "${finishedId}", input: {}) { __typename } }`);
});
afterAll(() => app?.dispose());

describe('writes land in the facts and the index', () => {
  it('registerRun returns the seed-001 id, augmented config and canonical meta', async () => {
    const r = await register({ startedAt: '2024-11-12T14:30:27Z', config: { lr: 0.1 } });
    expect(r.runId).toBe('w__tf__20241112_143027');
    expect(r.config).toEqual({
      lr: 0.1,
      run_id: 'w__tf__20241112_143027',
      architecture_code: 'tf',
      timestamp: '20241112_143027',
    });
    const again = await register({ startedAt: '2024-11-12T14:30:27Z' });
    expect(again.runId).toBe('w__tf__20241112_143027-2');
  });

  it('a retry with the same clientRequestId returns the first run', async () => {
    const first = await register({ clientRequestId: 'req-1' });
    const retry = await register({ clientRequestId: 'req-1' });
    expect(retry).toMatchObject({ runId: first.runId, created: false });
    const before = await countRuns();
    const both = await Promise.all([
      register({ clientRequestId: 'req-2' }),
      register({ clientRequestId: 'req-2' }),
    ]);
    expect(both.map((r) => r.__typename)).toEqual(['RegisterRunPayload', 'RegisterRunPayload']);
    expect(both[0]?.runId).toEqual(expect.stringMatching(/^w__tf__/));
    expect(both[1]?.runId).toBe(both[0]?.runId);
    expect(await countRuns()).toBe(before + 1);
  });
});

describe('bad input gets a typed error naming the field, and writes nothing', () => {
  const cases: Array<[string, () => string, Record<string, unknown>, string, string | RegExp]> = [
    [
      'registerRun: unknown goal',
      () => '',
      { i: { experiment: 'x', name: 'x', meta: { ...META, goal: 'clustering' } } },
      'InvalidInputError',
      'goal',
    ],
    [
      'registerRun: process in two classes',
      () => '',
      { i: { experiment: 'x', name: 'x', meta: { ...META, processGroups: [['4t'], ['4t']] } } },
      'InvalidInputError',
      'process_groups',
    ],
    [
      'registerRun: bad architecture code',
      () => '',
      { i: { experiment: 'x', name: 'x', architectureCode: 'a/b', meta: META } },
      'InvalidInputError',
      'architecture_code',
    ],
    [
      'registerRun: bad tag key',
      () => '',
      { i: { experiment: 'x', name: 'x', meta: META, tags: [{ key: 'a*b', value: '1' }] } },
      'InvalidInputError',
      'tags.a*b',
    ],
    [
      'registerRun: empty experiment',
      () => '',
      { i: { experiment: ' ', name: 'x', meta: META } },
      'InvalidInputError',
      'experiment',
    ],
  ];
  for (const [name, , variables, type, field] of cases) {
    it(name, async () => {
      const before = await treeSnapshot(app.root);
      const res = await app.gql<{
        registerRun: { __typename: string; field: string; message: string };
      }>(
        `mutation($i: RegisterRunInput!) { registerRun(input: $i) { __typename ... on Error { message field } } }`,
        variables,
      );
      expect(res.data?.registerRun.__typename).toBe(type);
      expect(res.data?.registerRun.field).toBe(field);
      expect(await treeSnapshot(app.root)).toEqual(before);
    });
  }

  const mutations: Array<[string, () => string, string, string | RegExp]> = [
    [
      'logMetrics: NaN is refused',
      () =>
        `logMetrics(runId: "${runId}", metrics: [{key: "a", value: 1}, {key: "b", value: NaN}])`,
      'parse',
      '',
    ],
    [
      'logMetrics: bad key',
      () =>
        `logMetrics(runId: "${runId}", metrics: [{key: "a", value: 1}, {key: "../b", value: 2}])`,
      'InvalidInputError',
      'metrics[1].key',
    ],
    [
      'logMetrics: negative step',
      () => `logMetrics(runId: "${runId}", metrics: [{key: "a", value: 1, step: -3}])`,
      'InvalidInputError',
      'metrics[0].step',
    ],
    [
      'logMetrics: unknown run',
      () => 'logMetrics(runId: "nope", metrics: [{key: "a", value: 1}])',
      'RunNotFoundError',
      'runId',
    ],
    [
      'logParams: frozen after finish',
      () => `logParams(runId: "${finishedId}", params: [{key: "lr", value: "1"}])`,
      'RunFrozenError',
      'params',
    ],
    [
      'logParams: value too long',
      () => `logParams(runId: "${runId}", params: [{key: "lr", value: "${'x'.repeat(6001)}"}])`,
      'InvalidInputError',
      'params[0].value',
    ],
    [
      'logParams: unknown run',
      () => 'logParams(runId: "nope", params: [{key: "lr", value: "1"}])',
      'RunNotFoundError',
      'runId',
    ],
    [
      'setTags: bad key',
      () => `setTags(runId: "${runId}", tags: [{key: "", value: "1"}])`,
      'InvalidInputError',
      'tags[0].key',
    ],
    [
      'setTags: unknown run',
      () => 'setTags(runId: "../etc", tags: [{key: "a", value: "1"}])',
      'RunNotFoundError',
      'runId',
    ],
    [
      'deleteTags: missing tag',
      () => `deleteTags(runId: "${runId}", keys: ["nope"])`,
      'InvalidInputError',
      'keys',
    ],
    [
      'finishRun: infinite summary metric',
      () => `finishRun(runId: "${runId}", input: {metrics: {auroc: "x"}})`,
      'InvalidInputError',
      'metrics.auroc',
    ],
    [
      'finishRun: end before start',
      () => `finishRun(runId: "${runId}", input: {endedAt: "2000-01-01T00:00:00Z"})`,
      'InvalidInputError',
      'endedAt',
    ],
    [
      'finishRun: twice',
      () => `finishRun(runId: "${finishedId}", input: {})`,
      'RunFrozenError',
      'runId',
    ],
    [
      'setMetaOverride: unknown model family',
      () => `setMetaOverride(runId: "${runId}", override: {modelFamily: "cnn", reason: "r"})`,
      'InvalidInputError',
      'model_family',
    ],
    [
      'setMetaOverride: empty class',
      () =>
        `setMetaOverride(runId: "${runId}", override: {processGroups: [["4t"], []], reason: "r"})`,
      'InvalidInputError',
      'process_groups[1]',
    ],
    [
      'setMetaOverride: unknown run',
      () => 'setMetaOverride(runId: "nope", override: {goal: "classification", reason: "r"})',
      'RunNotFoundError',
      'runId',
    ],
  ];
  for (const [name, call, type, field] of mutations) {
    it(name, async () => {
      const before = await treeSnapshot(app.root);
      const res = await app.gql<Record<string, { __typename: string; field: string }>>(
        `mutation { m: ${call()} { __typename ... on Error { message field } } }`,
      );
      if (type === 'parse') {
        expect(res.errors?.[0]?.message).toBeTruthy();
      } else {
        expect(res.errors).toBeUndefined();
        expect(res.data?.m?.__typename).toBe(type);
        expect(res.data?.m?.field).toBe(field);
      }
      expect(await treeSnapshot(app.root)).toEqual(before);
    });
  }
});

describe('batch limits', () => {
  it('logMetrics: over 1000 points is a typed error and writes nothing', async () => {
    const before = await treeSnapshot(app.root);
    const res = await app.gql<{ logMetrics: { __typename: string; field: string } }>(
      'mutation($id: ID!, $m: [MetricPointInput!]!) { logMetrics(runId: $id, metrics: $m) { __typename ... on Error { field } } }',
      { id: runId, m: Array.from({ length: 1001 }, (_, i) => ({ key: 'a', value: i, step: i })) },
    );
    expect(res.data?.logMetrics).toEqual({ __typename: 'InvalidInputError', field: 'metrics' });
    expect(await treeSnapshot(app.root)).toEqual(before);
  });
});

describe('values that GraphQL cannot carry are refused by the writer too', () => {
  it('NaN and infinities from any caller get a clear error and write nothing', async () => {
    const before = await treeSnapshot(app.root);
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      await expect(app.services.writer.logMetrics(runId, [{ key: 'loss', value }])).rejects.toThrow(
        /metrics\[0\]\.value: value must be a finite number/,
      );
    }
    await expect(
      app.services.writer.finishRun(runId, { status: 'FINISHED', metrics: { auroc: Number.NaN } }),
    ).rejects.toThrow(/metrics\.auroc: value must be a finite number/);
    expect(await treeSnapshot(app.root)).toEqual(before);
  });
});
