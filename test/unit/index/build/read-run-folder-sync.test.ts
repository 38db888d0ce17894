import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FactsStore } from '../../../../server/src/facts/index.js';
import { readRunFolderSync } from '../../../../server/src/facts/read-run-files-sync.js';
import { makeTempDir } from '../../../helpers/temp-dir.js';
import { JSON_MAX_BYTES, writeBrokenRoot } from './broken-root.js';

let dir: { path: string; remove: () => Promise<void> };
let facts: FactsStore;
let runIds: string[];

beforeAll(async () => {
  dir = await makeTempDir('sync-read');
  runIds = await writeBrokenRoot(dir.path, 20);
  facts = new FactsStore(dir.path, { jsonMaxBytes: JSON_MAX_BYTES });
});
afterAll(() => dir.remove());

const textOf = (path: string) => readFile(path, 'utf8').catch(() => null);

describe('readRunFolderSync', () => {
  it('reads every run folder, good or broken, exactly as FactsStore.readRunFiles', async () => {
    const kinds = new Set<string>();
    let withMeta = 0;
    let withOverride = 0;
    for (const id of [...runIds, 'no-such-run']) {
      const { metaText, overrideText, ...files } = readRunFolderSync(
        id,
        facts.runDir(id),
        facts.readLimits,
      );
      expect(files).toEqual(await facts.readRunFiles(id));
      for (const error of files.errors) kinds.add(error.kind);
      const factsDir = facts.factsDir(id);
      // The texts are cache keys: the file as read whenever it parsed; otherwise the text read,
      // if any (a missing, oversized or not-a-file meta has none).
      const metaOnDisk = await textOf(join(factsDir, 'meta.json'));
      if (files.meta) {
        withMeta++;
        expect(metaText).toBe(metaOnDisk);
      } else {
        expect([null, metaOnDisk]).toContain(metaText);
      }
      const overrideOnDisk = await textOf(join(factsDir, 'meta_override.json'));
      if (files.override) {
        withOverride++;
        expect(overrideText).toBe(overrideOnDisk);
      } else {
        expect([null, overrideOnDisk]).toContain(overrideText);
      }
    }
    expect(withMeta).toBeGreaterThan(0);
    expect(withOverride).toBeGreaterThan(0);
    expect([...kinds].sort()).toEqual(
      ['malformed_json', 'missing', 'not_a_file', 'oversized', 'schema', 'torn_line'].sort(),
    );
  });

  it('serves the odd but valid metric lines and reports the bad ones by line', () => {
    const files = readRunFolderSync(
      runIds[12] as string,
      facts.runDir(runIds[12] as string),
      facts.readLimits,
    );
    const keys = files.metrics.map((p) => p.key);
    expect(keys).toEqual(
      expect.arrayContaining(['spaced', 'reordered', 'crlf', 'négatif', 'exp', 'esc\\"aped']),
    );
    for (const bad of ['huge', 'neg-step', 'leap', 'local']) expect(keys).not.toContain(bad);
    expect(files.errors.map((e) => [e.kind, e.line])).toEqual([
      ['schema', 57],
      ['schema', 58],
      ['schema', 59],
      ['schema', 60],
      ['malformed_json', 61],
    ]);
  });
});
