import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticRuns } from '../../server/src/demo/write-synthetic.js';
import type { RunningServer } from '../../server/src/main.js';
import { listenForTest } from '../helpers/listen.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// canonicalize, validate, compare, coverage, models, model and promote through the real CLI
// process, every option each one offers, checked against what the API or the spec says.

const run = promisify(execFile);
const BIN = new URL('../../server/bin/runfacts.js', import.meta.url).pathname;
const VECTORS = new URL('../fixtures/spec/meta-vectors.json', import.meta.url);
let server: RunningServer;
let root: { path: string; remove: () => Promise<void> };
let scratch: { path: string; remove: () => Promise<void> };
let runIds: string[];

interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

async function cli(args: string[], stdin?: string): Promise<CliResult> {
  const child = run('node', [BIN, ...args], {
    env: { ...process.env, RUNFACTS_URL: `${server.url}/graphql`, RUNFACTS_TOKEN: '' },
  });
  if (stdin !== undefined) child.child.stdin?.end(stdin);
  try {
    const { stdout, stderr } = await child;
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

/** Runs the CLI and parses its stdout as JSON, failing with stderr when it did not exit 0. */
async function cliJson<T = unknown>(args: string[]): Promise<T> {
  const result = await cli(args);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
}

async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await server.app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

beforeAll(async () => {
  root = await makeTempDir('cli-commands');
  scratch = await makeTempDir('cli-scratch');
  await writeSyntheticRuns(root.path, 40);
  server = await listenForTest(root.path);
  runIds = (
    await gql<{ runs: { edges: Array<{ node: { id: string } }> } }>(
      '{ runs(first: 40) { edges { node { id } } } }',
    )
  ).runs.edges.map((e) => e.node.id);
  const registry = server.app.services.registry;
  await registry.createRegisteredModel({ name: 'clf', description: 'the classifier' });
  for (const id of runIds.slice(0, 3)) {
    await registry.createModelVersion({
      model: 'clf',
      runId: id,
      source: `/m/${id}.pt`,
      by: 'setup',
    });
  }
  await registry.createRegisteredModel({ name: 'old' });
  await registry.archiveModel({ name: 'old', by: 'setup' });
});
afterAll(async () => {
  await server?.close();
  await root?.remove();
  await scratch?.remove();
});

describe('runfacts canonicalize', () => {
  it('gives the spec vectors their canonical meta and hash, from a file or stdin', async () => {
    const spec = JSON.parse(await readFile(VECTORS, 'utf8')) as {
      cases: Array<{
        name: string;
        input: unknown;
        expect: { meta_hash: string; row_key?: string };
      }>;
      errors: Array<{ name: string; input: unknown; error: string }>;
    };
    for (const [i, c] of spec.cases.entries()) {
      const file = join(scratch.path, `case${i}.json`);
      await writeFile(file, JSON.stringify(c.input));
      const out = await cliJson<Record<string, unknown>>(['canonicalize', file]);
      expect(out.meta_hash, c.name).toBe(c.expect.meta_hash);
      if (c.expect.row_key) expect(out.row_key, c.name).toBe(c.expect.row_key);
    }
    const first = spec.cases[0];
    const piped = await cli(['canonicalize', '-'], JSON.stringify(first?.input));
    expect(piped.code, piped.stderr).toBe(0);
    expect(JSON.parse(piped.stdout).meta_hash).toBe(first?.expect.meta_hash);
    for (const [i, c] of spec.errors.entries()) {
      const file = join(scratch.path, `error${i}.json`);
      await writeFile(file, JSON.stringify(c.input));
      const out = await cli(['canonicalize', file]);
      expect(out.code, c.name).toBe(1);
      expect(out.stderr, c.name).toContain(c.error);
      expect(out.stderr, c.name).toContain(file);
    }
  });

  it('refuses a file that is not JSON, naming it', async () => {
    const file = join(scratch.path, 'broken.json');
    await writeFile(file, '{"goal": ');
    const out = await cli(['canonicalize', file]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(new RegExp(`${file}: not valid JSON`));
  });

  it('--override applies a meta_override.json; --config extends the vocabularies', async () => {
    const meta = {
      schema_version: 1,
      goal: 'classification',
      dataset_name: 'ds',
      model_family: 'mlp',
      process_groups: [['4t'], ['ttH']],
    };
    const file = join(scratch.path, 'meta.json');
    await writeFile(file, JSON.stringify(meta));
    const plain = await cliJson<Record<string, unknown>>(['canonicalize', file]);
    const override = join(scratch.path, 'override.json');
    await writeFile(
      override,
      JSON.stringify({ dataset_name: 'other', reason: 'relabelled', author: 'me' }),
    );
    const overridden = await cliJson<Record<string, unknown>>([
      'canonicalize',
      file,
      '--override',
      override,
    ]);
    expect(overridden.dataset_name).toBe('other');
    expect(overridden.meta_hash).not.toBe(plain.meta_hash);

    const custom = join(scratch.path, 'custom.json');
    await writeFile(custom, JSON.stringify({ ...meta, model_family: 'kan' }));
    const refused = await cli(['canonicalize', custom]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/model_family/);
    const config = join(scratch.path, 'config.yaml');
    await writeFile(config, 'modelFamilies: [kan]\n');
    const accepted = await cliJson<Record<string, unknown>>([
      'canonicalize',
      custom,
      '--config',
      config,
    ]);
    expect(accepted.model_family).toBe('kan');
  });
});

describe('runfacts validate', () => {
  it('passes a good root, then names a broken file, exits 1, and reports it as --json', async () => {
    const good = await cli(['validate', root.path]);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toBe('40 runs, 40 ok, 0 with errors\n');

    const copy = await makeTempDir('cli-validate');
    try {
      await writeSyntheticRuns(copy.path, 3);
      const [victim] = (await readdirRuns(copy.path)).sort();
      const runJson = join(copy.path, 'runs', String(victim), 'facts', 'run.json');
      await writeFile(runJson, '{"run_id": ');
      const bad = await cli(['validate', copy.path]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain(runJson);
      expect(bad.stdout).toMatch(/^3 runs, 2 ok, 1 with errors \(malformed_json 1\)\n$/);
      const report = await cli(['validate', copy.path, '--json']);
      expect(report.code).toBe(1);
      expect(JSON.parse(report.stdout)).toMatchObject({
        runs: 3,
        ok: 2,
        bad: 1,
        errorsByKind: { malformed_json: 1 },
        problems: [{ path: runJson, runId: victim, kind: 'malformed_json' }],
      });
    } finally {
      await copy.remove();
    }
  });

  it('--config: a meta valid only under the extended vocabulary', async () => {
    const copy = await makeTempDir('cli-validate-config');
    try {
      await writeSyntheticRuns(copy.path, 1);
      const [only] = await readdirRuns(copy.path);
      const metaPath = join(copy.path, 'runs', String(only), 'facts', 'meta.json');
      const meta = JSON.parse(await readFile(metaPath, 'utf8'));
      await writeFile(metaPath, JSON.stringify({ ...meta, model_family: 'kan' }));
      const refused = await cli(['validate', copy.path, '--json']);
      expect(refused.code).toBe(1);
      expect(JSON.stringify(JSON.parse(refused.stdout).problems)).toMatch(/kan/);
      const config = join(scratch.path, 'validate-config.yaml');
      await writeFile(config, 'modelFamilies: [kan]\n');
      const accepted = await cli(['validate', copy.path, '--config', config]);
      expect(accepted.code, accepted.stderr).toBe(0);
      expect(accepted.stdout).toBe('1 runs, 1 ok, 0 with errors\n');
    } finally {
      await copy.remove();
    }
  });
});

async function readdirRuns(path: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  return readdir(join(path, 'runs'));
}

describe('runfacts compare', () => {
  type Row = { kind: string; key: string; values: string[]; differs: boolean };

  it('marks differing keys with *, --all adds the equal ones, in every --format', async () => {
    const [a, b] = runIds;
    const api = await gql<{
      compare: {
        params: Array<{ key: string; values: string[]; differs: boolean }>;
        metrics: Array<{ key: string; values: string[]; differs: boolean }>;
      };
    }>(
      'query($ids: [ID!]!) { compare(runIds: $ids) { params { key values differs } metrics { key values differs } } }',
      {
        ids: [a, b],
      },
    );
    const all = [
      ...api.compare.params.map((p) => ({ kind: 'param', ...p })),
      ...api.compare.metrics.map((m) => ({ kind: 'metric', ...m })),
    ];
    const differing = all.filter((r) => r.differs);
    expect(differing.length).toBeGreaterThan(0);
    expect(differing.length).toBeLessThan(all.length);

    const json = await cliJson<Row[]>(['compare', String(a), String(b), '--format', 'json']);
    expect(json).toEqual(differing);
    const withAll = await cliJson<Row[]>([
      'compare',
      String(a),
      String(b),
      '--all',
      '--format',
      'json',
    ]);
    expect(withAll).toEqual(all);
    const jsonl = await cli(['compare', String(a), String(b), '--format', 'jsonl']);
    expect(
      jsonl.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual(differing);

    const csv = await cli(['compare', String(a), String(b), '--format', 'csv']);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toBe(`,key,${a},${b}`);
    expect(lines).toHaveLength(differing.length + 1);
    const table = await cli(['compare', String(a), String(b)]);
    expect(table.code).toBe(0);
    const seed = differing.find((r) => r.key === 'training.seed');
    expect(seed).toBeDefined();
    expect(table.stdout).toMatch(/\*\s+params\.training\.seed/);
    const same = all.find((r) => !r.differs);
    expect(table.stdout).not.toContain(
      `${same?.kind === 'metric' ? 'metrics' : 'params'}.${same?.key} `,
    );
  });

  it('an unknown run exits 1 naming it', async () => {
    const out = await cli(['compare', String(runIds[0]), 'nope']);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/unknown run id\(s\): nope/);
  });
});

describe('runfacts coverage', () => {
  type Cell = { row: string; column: string; best: number; median: number; nRuns: number };
  const viaApi = (args: string) =>
    gql<{ coverage: { cells: Cell[] } }>(
      `{ coverage(${args}) { cells { row column best median nRuns } } }`,
    ).then((d) => d.coverage.cells);
  const pick = (cells: Array<Record<string, unknown>>) =>
    cells.map(({ row, column, best, median, nRuns }) => ({ row, column, best, median, nRuns }));

  it('matches the API for each option, and --lower, --include-needs-review change the answer', async () => {
    const plain = await cliJson<Cell[]>(['coverage', '--format', 'json']);
    expect(plain.length).toBeGreaterThan(1);
    expect(pick(plain)).toEqual(pick(await viaApi('metric: "auroc"')));

    const lower = await cliJson<Cell[]>(['coverage', '--lower', '--format', 'json']);
    expect(pick(lower)).toEqual(pick(await viaApi('metric: "auroc", direction: LOWER')));
    expect(lower.some((c, i) => c.best !== plain[i]?.best)).toBe(true);

    const review = await cliJson<Cell[]>([
      'coverage',
      '--include-needs-review',
      '--format',
      'json',
    ]);
    expect(pick(review)).toEqual(pick(await viaApi('metric: "auroc", includeNeedsReview: true')));
    const count = (cells: Cell[]) => cells.reduce((n, c) => n + c.nRuns, 0);
    expect(count(review)).toBeGreaterThan(count(plain));

    const byGoal = await cliJson<Cell[]>([
      'coverage',
      '--metric',
      'auroc',
      '--rows',
      'EXPERIMENT',
      '--columns',
      'TOKENIZATION',
      '--format',
      'json',
    ]);
    expect(pick(byGoal)).toEqual(
      pick(await viaApi('metric: "auroc", rows: EXPERIMENT, columns: TOKENIZATION')),
    );
    expect(byGoal.map((c) => c.column)).toContain('binned');
  });

  it('prints a table, and refuses an unknown metric or dimension', async () => {
    const table = await cli(['coverage']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n').length).toBeGreaterThan(2);
    const metric = await cli(['coverage', '--metric', 'aurocc']);
    expect(metric.code).toBe(1);
    expect(metric.stderr).toMatch(/no run has a metric "aurocc"/);
    const dim = await cli(['coverage', '--rows', 'NOPE']);
    expect(dim.code).toBe(1);
    expect(dim.stderr).toMatch(/NOPE/);
  });
});

describe('runfacts models, model and promote', () => {
  it('models lists the models; --all adds archived ones; --format json and csv', async () => {
    const listed = await cliJson<Array<{ name: string; archived: boolean }>>([
      'models',
      '--format',
      'json',
    ]);
    expect(listed.map((m) => m.name)).toEqual(['clf']);
    const all = await cliJson<Array<{ name: string; archived: boolean }>>([
      'models',
      '--all',
      '--format',
      'json',
    ]);
    expect(all.map((m) => [m.name, m.archived]).sort()).toEqual([
      ['clf', false],
      ['old', true],
    ]);
    const csv = await cli(['models', '--format', 'csv']);
    expect(csv.stdout).toBe(
      'name,latest,aliases,archived,description\r\nclf,3,,false,the classifier\r\n',
    );
  });

  it('promote moves an alias with a reason; --to, --expect and refusals; model shows it all', async () => {
    const first = await cli(['promote', 'clf', '1', '--reason', 'best auroc']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe('clf: Production moved from none to v1\n');
    const staging = await cli([
      'promote',
      'clf',
      '2',
      '--to',
      'Staging',
      '--reason',
      'try',
      '--expect',
      'none',
    ]);
    expect(staging.code, staging.stderr).toBe(0);
    expect(staging.stderr).toBe('clf: Staging moved from none to v2\n');
    const moved = await cli(['promote', 'clf', '3', '--reason', 'x', '--expect', '2']);
    expect(moved.code).toBe(1);
    expect(moved.stderr).toMatch(/Production/);
    // In the CLI's words (issue 12): --expect, not the API's expectedVersion.
    expect(moved.stderr).toMatch(/Production holds v1, not v2 as --expect said/);
    expect(moved.stderr).toMatch(/retry with --expect 1/);
    const noReason = await cli(['promote', 'clf', '3']);
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toMatch(/--reason/);
    const badVersion = await cli(['promote', 'clf', 'two', '--reason', 'x']);
    expect(badVersion.code).toBe(1);
    expect(badVersion.stderr).toMatch(/version must be a whole number >= 1, got two/);
    const again = await cli(['promote', 'clf', '3', '--reason', 'newer', '--expect', '1']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toBe('clf: Production moved from v1 to v3\n');

    const model = await cliJson<{
      aliases: Array<{ alias: string; version: number }>;
      history: Array<{
        alias: string;
        fromVersion: number | null;
        toVersion: number;
        reason: string;
      }>;
    }>(['model', 'clf', '--json']);
    expect(model.history.map((h) => [h.alias, h.fromVersion, h.toVersion, h.reason])).toEqual([
      ['Production', null, 1, 'best auroc'],
      ['Staging', null, 2, 'try'],
      ['Production', 1, 3, 'newer'],
    ]);
    const stored = await server.app.services.registry.getModel('clf');
    expect(stored.aliases).toEqual({ Production: 3, Staging: 2 });

    const text = await cli(['model', 'clf']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^clf - the classifier\n\nversions\n/);
    expect(text.stdout).toContain('newer');
    expect(text.stdout).toMatch(/\n3 +Production +sweep/);
    expect(text.stdout).toMatch(/\n2 +Staging +sweep/);
    expect(text.stdout).toMatch(/ local +Production +1 +3 +newer\n/);
    const missing = await cli(['model', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no registered model "nope"; list them with runfacts models/);
  });
});
