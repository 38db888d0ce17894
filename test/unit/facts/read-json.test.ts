import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonObject, RunRecord, readJsonFile } from '../../../server/src/facts/index.js';
import { sampleRun } from '../../helpers/facts-fixtures.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir('read-json');
});
afterEach(() => dir.remove());

async function put(name: string, content: string): Promise<string> {
  const path = join(dir.path, name);
  await writeFile(path, content);
  return path;
}

describe('readJsonFile', () => {
  it('returns the parsed, validated value and its mtime', async () => {
    const path = await put('run.json', JSON.stringify(sampleRun('r1')));
    const result = await readJsonFile(path, RunRecord);
    expect(result.ok && result.value.run_id).toBe('r1');
    expect(result.ok && result.value.params).toEqual({ lr: '0.001' });
    expect(result.mtimeMs).toBeGreaterThan(0);
  });

  it('reports a missing file', async () => {
    const path = join(dir.path, 'meta.json');
    const result = await readJsonFile(path, JsonObject);
    expect(result).toMatchObject({ ok: false, error: { path, kind: 'missing' } });
  });

  it('reports malformed JSON with line and column', async () => {
    const path = await put('meta.json', '{\n  "a": 1,\n  "b": }\n');
    const result = await readJsonFile(path, JsonObject);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('malformed_json');
    expect(result.error.message).toContain(path);
    expect(result.error.message).toMatch(/line 3/);
  });

  it('reports an empty file as malformed JSON that says it is empty', async () => {
    const path = await put('meta.json', '');
    const result = await readJsonFile(path, JsonObject);
    expect(result).toMatchObject({ ok: false, error: { kind: 'malformed_json' } });
    expect(!result.ok && result.error.message).toMatch(/is empty/);
  });

  it('names the field, the allowed values and the bad value in schema errors', async () => {
    const bad = { ...sampleRun('r1'), status: 'DONE', artifacts: [{ path: 3, kind: 'x' }] };
    const path = await put('run.json', JSON.stringify(bad));
    const result = await readJsonFile(path, RunRecord);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('schema');
    expect(result.error.message).toContain(
      'run.json: status: expected one of RUNNING|FINISHED|FAILED|KILLED (got "DONE")',
    );
    expect(result.error.message).toContain('run.json: artifacts[0].path: expected string');
    expect(result.error.message).toContain(path);
  });

  it('says which required field is missing', async () => {
    const { experiment: _dropped, ...rest } = sampleRun('r1');
    const path = await put('run.json', JSON.stringify(rest));
    const result = await readJsonFile(path, RunRecord);
    expect(!result.ok && result.error.message).toContain(
      'run.json: experiment: required field is missing',
    );
  });

  it('refuses a non-object meta', async () => {
    const path = await put('meta.json', '[1, 2]');
    const result = await readJsonFile(path, JsonObject);
    expect(result).toMatchObject({ ok: false, error: { kind: 'schema' } });
  });

  it('refuses an oversized file without reading it', async () => {
    const path = await put('meta.json', JSON.stringify({ blob: 'x'.repeat(2000) }));
    const result = await readJsonFile(path, JsonObject, { maxBytes: 1000 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'oversized' } });
    expect(!result.ok && result.error.message).toMatch(/over the 1000-byte limit/);
  });

  it('reports a directory where the file should be', async () => {
    const path = join(dir.path, 'run.json');
    await mkdir(path);
    const result = await readJsonFile(path, RunRecord);
    expect(result).toMatchObject({ ok: false, error: { path, kind: 'not_a_file' } });
  });

  it('keeps unknown keys of run.json', async () => {
    const path = await put('run.json', JSON.stringify({ ...sampleRun('r1'), custom: { a: 1 } }));
    const result = await readJsonFile(path, RunRecord);
    expect(result.ok && result.value.custom).toEqual({ a: 1 });
  });
});
