import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backfill } from '../../../server/src/backfill/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { copyFixtures, readFacts, runFrom } from './helpers.js';

const PROBE = 'outputs/2024-06-03/07-00-00';
const PROBE_ID = 'ttbar_probe_20240603_070000';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let runsDir: string;
let root: string;

beforeEach(async () => {
  temp = await makeTempDir('backfill-overrides');
  runsDir = await copyFixtures(temp.path, 'hydra');
  root = join(temp.path, 'root');
});
afterEach(() => temp.remove());

describe('meta_override.json', () => {
  it('is reported but not applied without --apply-overrides', async () => {
    const report = await backfill({ runsDir, root });
    const run = runFrom(report, PROBE);
    expect(run.needs_review_reason).toEqual(['missing_dataset_name']);
    expect(run.override_from).toBeNull();
    expect(report.warningsByKind).toEqual({ override_not_applied: 1 });
    expect((await readFacts(root, PROBE_ID)).override).toBeNull();
  });

  it('from the source folder wins, moves the run out of review and is copied to the facts folder', async () => {
    await backfill({ runsDir, root });
    const report = await backfill({ runsDir, root, applyOverrides: true });
    const run = runFrom(report, PROBE);
    expect(run).toMatchObject({
      action: 'updated',
      needs_review: false,
      needs_review_reason: [],
      meta_source: 'override',
      override_from: 'source',
    });
    expect(run.meta_confidence_fields).toMatchObject({
      dataset_name: 'high',
      model_family: 'high',
    });
    const facts = await readFacts(root, PROBE_ID);
    expect(facts.meta).toMatchObject({
      dataset_name: 'ttbar2025',
      model_family: 'mlp',
      row_key: 'ttbar2025::4t|ttH|ttW+ttWW+ttZ',
      override: { fields: ['dataset_name', 'model_family'], author: 'nterlind' },
    });
    const source = JSON.parse(await readFile(join(runsDir, PROBE, 'meta_override.json'), 'utf8'));
    expect(JSON.parse(facts.override ?? 'null')).toEqual(source);
    expect(report.needsReview).toBe(2);
  });

  it('in the facts folder alone is applied too', async () => {
    const binned = 'multirun/2024-06-01/10-00-00/1';
    const first = await backfill({ runsDir, root });
    const id = runFrom(first, binned).run_id;
    const override = { goal: 'classification', datatreatment: { pid_encoding: 'none' } };
    await writeFile(
      join(root, 'runs', id, 'facts', 'meta_override.json'),
      JSON.stringify(override),
    );
    const report = await backfill({ runsDir, root, applyOverrides: true });
    expect(runFrom(report, binned)).toMatchObject({
      override_from: 'facts',
      needs_review: false,
      meta_source: 'override',
    });
    const { meta } = await readFacts(root, id);
    expect(meta.datatreatment).toMatchObject({ tokenization: 'binned', pid_encoding: 'none' });
  });

  it('that breaks a meta rule is a warning and the inferred meta stands', async () => {
    await writeFile(
      join(runsDir, PROBE, 'meta_override.json'),
      JSON.stringify({ goal: 'clustering' }),
    );
    const report = await backfill({ runsDir, root, applyOverrides: true });
    expect(runFrom(report, PROBE)).toMatchObject({
      override_from: null,
      needs_review_reason: ['missing_dataset_name'],
    });
    expect(report.warningsByKind.invalid_override).toBe(1);
  });

  it('that is not a JSON object is ignored with a warning', async () => {
    await mkdir(join(runsDir, PROBE, 'facts'));
    await writeFile(join(runsDir, PROBE, 'facts', 'meta_override.json'), '["not", "an", "object"]');
    await writeFile(join(runsDir, PROBE, 'meta_override.json'), '{"dataset_name": "ttbar2025"}');
    const report = await backfill({ runsDir, root, applyOverrides: true });
    expect(report.warningsByKind.invalid_override).toBe(1);
    // The valid one beside it still applies.
    expect(runFrom(report, PROBE)).toMatchObject({ override_from: 'source', needs_review: false });
  });
});
