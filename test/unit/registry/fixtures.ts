import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FactsStore, type RunRecordInput } from '../../../server/src/facts/index.js';
import { RegistryStore, type RegistryStoreOptions } from '../../../server/src/registry/index.js';

export const VALID_META = {
  schema_version: 1,
  level: 'sim_event',
  goal: 'classification',
  dataset_name: '4topsplitted',
  model_family: 'transformer',
  process_groups: [['4t'], ['ttH', 'ttW', 'ttWW', 'ttZ']],
  datatreatment: { tokenization: 'direct', pid_encoding: 'embedded', id_embed_dim: 8 },
};

export function runRecord(runId: string, config: Record<string, unknown> = {}): RunRecordInput {
  return {
    run_id: runId,
    experiment: 'tops',
    name: 'baseline',
    architecture_code: 'tf-4',
    timestamp: '20240501_120000',
    status: 'FINISHED',
    started_at: '2024-05-01T12:00:00Z',
    ended_at: '2024-05-01T13:00:00Z',
    config: { lr: 0.001, layers: 4, ...config },
    metrics: { auc: 0.91 },
    tags: {},
    artifacts: [{ path: 'model.pt', kind: 'checkpoint' }],
    model_parameters: null,
    duration_seconds: 3600,
  };
}

export interface Registry {
  root: string;
  facts: FactsStore;
  store: RegistryStore;
  remove: () => Promise<void>;
}

/** A fresh root under the OS temp dir with a facts store and a registry store on it. */
export async function makeRegistry(options: RegistryStoreOptions = {}): Promise<Registry> {
  const root = await mkdtemp(join(tmpdir(), 'runfacts-registry-'));
  const facts = new FactsStore(root);
  const store = new RegistryStore(root, facts, options);
  return { root, facts, store, remove: () => rm(root, { recursive: true, force: true }) };
}

export async function addRun(
  facts: FactsStore,
  runId: string,
  config: Record<string, unknown> = {},
  meta: Record<string, unknown> = VALID_META,
): Promise<void> {
  await facts.createRun(runId, { run: runRecord(runId, config), meta });
}

/** Every file under `dir` with its bytes, so a test can show that nothing at all changed. */
export async function snapshotTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    out[path] = entry.isFile() ? (await readFile(path)).toString('base64') : '<dir>';
  }
  return out;
}

export const ADMIN = { by: 'alice', canChangeProtected: true } as const;
