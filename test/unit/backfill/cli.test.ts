import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackfillReport } from '../../../server/src/backfill/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { FIXTURES } from './helpers.js';

const CASES = resolve(import.meta.dirname, '../../fixtures/backfill-cases');
const CLI = resolve(import.meta.dirname, 'children/cli.ts');
const REPO = resolve(import.meta.dirname, '../../..');

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI, 'backfill', ...args],
      { cwd: REPO, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error
          ? Number((error as NodeJS.ErrnoException & { code?: unknown }).code ?? 1)
          : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  temp = await makeTempDir('backfill-cli');
});
afterAll(() => temp.remove());

describe('runfacts backfill', () => {
  it('prints an 80-column summary and no progress bar when stderr is not a terminal', async () => {
    const ran = await runCli(['--runs-dir', FIXTURES, '--root', join(temp.path, 'a')]);
    expect(ran.code).toBe(0);
    const lines = ran.stdout.trimEnd().split('\n');
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    expect(lines).toContain(
      'runs          found             14  read              13  failed             0',
    );
    expect(lines).toContain('  ambiguous_datatreatment                            8');
    expect(ran.stderr).not.toContain('backfill [');
  });

  it('--workers reads on worker threads with the same result; a bad count is a usage error', async () => {
    const ran = await runCli([
      '--runs-dir',
      CASES,
      '--root',
      join(temp.path, 'w'),
      '--workers',
      '1',
      '--json',
    ]);
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout) as BackfillReport;
    expect(report.counts).toMatchObject({ read: 8, skipped: 2, failed: 0 });
    expect(report.notRunsByKind).toMatchObject({ logged_model: 1, registered_model: 1 });
    expect(ran.stderr).toContain('not runs      total              8');
    expect((await runCli(['--runs-dir', CASES, '--workers', '-1'])).code).toBe(2);
  });

  it('--json prints the report on stdout and the summary on stderr', async () => {
    const ran = await runCli([
      '--runs-dir',
      FIXTURES,
      '--root',
      join(temp.path, 'b'),
      '--json',
      '--dry-run',
    ]);
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout) as BackfillReport;
    expect(report).toMatchObject({ dryRun: true, counts: { read: 13, created: 13 } });
    expect(ran.stderr).toContain('would write');
  });

  it('takes the root from RUNFACTS_ROOT', async () => {
    const root = join(temp.path, 'from-env');
    const ran = await runCli(['--runs-dir', join(FIXTURES, 'facts'), '--json'], {
      RUNFACTS_ROOT: root,
    });
    expect((JSON.parse(ran.stdout) as BackfillReport).root).toBe(root);
  });

  it('applies a dataset map from --config', async () => {
    const config = join(temp.path, 'backfill.yaml');
    await writeFile(
      config,
      'datasets:\n  - match: "ttbar_*.h5"\n    name: ttbar\n    level: sim_event\n',
    );
    const ran = await runCli([
      '--runs-dir',
      join(FIXTURES, 'hydra'),
      '--root',
      join(temp.path, 'c'),
      '--config',
      config,
      '--json',
    ]);
    const report = JSON.parse(ran.stdout) as BackfillReport;
    const probe = report.runs.find((r) => r.source_path.endsWith('2024-06-03/07-00-00'));
    expect(probe?.needs_review_reason).toEqual([]);
  });

  it('exits 1 when nothing could be read, 2 on usage errors', async () => {
    const empty = join(temp.path, 'empty');
    await mkdir(empty);
    expect((await runCli(['--runs-dir', empty, '--root', join(temp.path, 'd')])).code).toBe(1);
    const missing = await runCli(['--root', join(temp.path, 'd')]);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain('--runs-dir <dir> is required');
    expect((await runCli(['--runs-dir', FIXTURES, '--bogus'])).code).toBe(2);
    expect((await runCli(['--runs-dir', join(temp.path, 'nope')])).code).toBe(2);
    const badConfig = join(temp.path, 'bad.yaml');
    await writeFile(badConfig, 'datasets: 3\n');
    expect((await runCli(['--runs-dir', FIXTURES, '--config', badConfig])).code).toBe(2);
  });
});
