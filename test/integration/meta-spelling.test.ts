import { afterAll, beforeAll, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../server/src/main.js';
import { runCli } from '../helpers/cli-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// One spelling rule for meta people type (docs/facts-layout.md): seed 000's snake_case names,
// camelCase read as the same name, both spellings of one name refused. Real CLI, real server.

let server: RunningServer;
let root: { path: string; remove: () => Promise<void> };
let env: Record<string, string>;

beforeAll(async () => {
  root = await makeTempDir('meta-spelling');
  server = await listen({
    root: root.path,
    host: '127.0.0.1',
    port: 0,
    indexPath: ':memory:',
    refresh: false,
  });
  env = { RUNFACTS_URL: `${server.url}/graphql` };
});
afterAll(async () => {
  await server?.close();
  await root?.remove();
});

const snake = {
  goal: 'classification',
  dataset_name: '4topsplitted',
  model_family: 'mlp',
  process_groups: [[1], [2, 3, 4, 5]],
  datatreatment: { tokenization: 'binned', pid_encoding: 'embedded', id_embed_dim: 8 },
};
const camel = {
  goal: 'classification',
  datasetName: '4topsplitted',
  modelFamily: 'mlp',
  processGroups: [[1], [2, 3, 4, 5]],
  datatreatment: { tokenization: 'binned', pidEncoding: 'embedded', idEmbedDim: 8 },
};

async function registeredHash(meta: unknown): Promise<string> {
  const result = await runCli(
    [
      'register',
      '--experiment',
      'spelling',
      '--name',
      'r',
      '--meta',
      JSON.stringify(meta),
      '--json',
    ],
    env,
  );
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const answer = JSON.parse(result.stdout) as {
    meta: { metaHash: string; datatreatment: { pidEncoding: string } };
  };
  expect(answer.meta.datatreatment.pidEncoding).toBe('embedded');
  return answer.meta.metaHash;
}

it('register --meta takes seed 000 snake_case and camelCase alike, to the same meta_hash', async () => {
  const fromSnake = await registeredHash(snake);
  expect(await registeredHash(camel)).toBe(fromSnake);
  const printed = await runCli(['canonicalize', '-'], {}, JSON.stringify(camel));
  expect(printed.code).toBe(0);
  expect((JSON.parse(printed.stdout) as { meta_hash: string }).meta_hash).toBe(fromSnake);
  const fromSnakeFile = await runCli(['canonicalize', '-'], {}, JSON.stringify(snake));
  expect((JSON.parse(fromSnakeFile.stdout) as { meta_hash: string }).meta_hash).toBe(fromSnake);
});

it('both spellings of one name are refused, naming both', async () => {
  const both = { ...snake, datasetName: 'other' };
  const registered = await runCli(
    ['register', '--experiment', 'spelling', '--name', 'r', '--meta', JSON.stringify(both)],
    env,
  );
  expect(registered.code).not.toBe(0);
  expect(registered.stderr).toMatch(/dataset_name.*given twice.*"dataset_name".*"datasetName"/);
  const canonical = await runCli(
    ['canonicalize', '-'],
    {},
    JSON.stringify({ ...camel, datatreatment: { pid_encoding: 'raw', pidEncoding: 'raw' } }),
  );
  expect(canonical.code).not.toBe(0);
  expect(canonical.stderr).toMatch(/datatreatment\.pid_encoding.*given twice/);
});
