import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeSyntheticRuns } from '../../../../server/src/demo/write-synthetic.js';

/** What the broken runs in `writeBrokenRoot` should make the index report, by error kind. */
export const EXPECTED_ERROR_KINDS = [
  'malformed_json',
  'torn_line',
  'missing',
  'meta',
  'schema',
  'not_a_file',
  'oversized',
  'unsafe_name',
  'not_a_directory',
];

/** The byte limit for run.json to give the FactsStore, so that one run is oversized. */
export const JSON_MAX_BYTES = 8 * 1024;

const line = (point: Record<string, unknown>) => `${JSON.stringify(point)}\n`;

/**
 * A facts root of synthetic runs where some runs are broken in every way the index reports
 * (and some are odd but valid: lines the fast reader hands to the full parser).
 */
export async function writeBrokenRoot(root: string, runs: number): Promise<string[]> {
  const ids = await writeSyntheticRuns(root, runs);
  ids.sort();
  const facts = (i: number, file = '') => join(root, 'runs', ids[i] as string, 'facts', file);
  const edit = async (i: number, file: string, change: (text: string) => string) =>
    writeFile(facts(i, file), change(await readFile(facts(i, file), 'utf8')));

  await writeFile(facts(0, 'run.json'), '{"run_id": "x", "experiment": ');
  await appendFile(facts(1, 'metrics.jsonl'), '{"key":"loss","value":0.1,"st');
  await rm(facts(2, 'meta.json'));
  await edit(3, 'meta.json', (t) => t.replace('"model_family": "', '"model_family": "banana-'));
  await edit(4, 'run.json', (t) => t.replace('"status": "', '"status": "DONE'));
  await edit(5, 'run.json', (t) => t.replace(/"run_id": "[^"]+"/, '"run_id": "someone-else"'));
  await writeFile(
    facts(6, 'meta_override.json'),
    JSON.stringify({ model_family: 'mlp', reason: 'checked' }),
  );
  await writeFile(facts(7, 'meta_override.json'), '[1, 2]');
  await writeFile(facts(8, 'meta_override.json'), JSON.stringify({ goal: 'sorting' }));
  await mkdir(facts(9, 'meta_override.json'));
  await rm(facts(10, 'metrics.jsonl'));
  await edit(11, 'run.json', (t) =>
    t.replace('"tags": {', `"tags": {"big": "${'x'.repeat(JSON_MAX_BYTES)}",`),
  );
  // Valid lines in other spellings, and bad ones in the middle, all in one file.
  await appendFile(
    facts(12, 'metrics.jsonl'),
    [
      '{ "key": "spaced", "value": 1, "step": 60, "ts": "2025-01-01T00:00:00Z" }\n',
      '{"step":61,"ts":"2025-01-01T00:00:01+00:00","value":2.5,"key":"reordered"}\n',
      line({ key: 'crlf', value: 3, step: 62, ts: '2025-01-01T00:00:02.123456Z' }).replace(
        '\n',
        '\r\n',
      ),
      '\n',
      line({ key: 'négatif', value: -0, step: 63, ts: '2025-02-30T00:00:00-0000' }),
      '{"key":"exp","value":1e-7,"step":1e2,"ts":"2025-01-01T00:00:03Z"}\n',
      '{"key":"huge","value":1e400,"step":64,"ts":"2025-01-01T00:00:04Z"}\n',
      line({ key: 'neg-step', value: 1, step: -1, ts: '2025-01-01T00:00:05Z' }),
      line({ key: 'leap', value: 1, step: 65, ts: '2025-01-01T23:59:60Z' }),
      line({ key: 'local', value: 1, step: 66, ts: '2025-01-01T00:00:06+02:00' }),
      '{"key":"loss","value":0.5,\n',
      line({ key: 'esc\\"aped', value: 4, step: 67, ts: '2025-12-31T23:59:59.9Z' }),
    ].join(''),
  );
  // Two runs with the same meta but different overrides must not share a canonical meta.
  await writeFile(facts(13, 'meta.json'), await readFile(facts(14, 'meta.json')));
  await writeFile(facts(13, 'meta_override.json'), JSON.stringify({ model_family: 'bdt' }));
  await writeFile(facts(14, 'meta_override.json'), JSON.stringify({ model_family: 'ae' }));

  await mkdir(join(root, 'runs', 'bad name!'), { recursive: true });
  await mkdir(join(root, 'runs', '.tmp-creating'), { recursive: true });
  await writeFile(join(root, 'runs', 'stray-file'), 'not a run');
  return ids;
}
