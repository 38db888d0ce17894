import type { FactsStore } from '../../facts/facts-store.js';
import { scanRegistry } from '../../registry/scan.js';
import type { RegisteredModel } from '../../registry/schemas.js';
import type { MlflowClient } from './client.js';
import { isMlflowAlreadyExists } from './errors.js';
import { readMirrorEntry } from './mirror-state.js';
import { modelVersionSource } from './model-source.js';
import type { MlflowModelVersion } from './types.js';

export const VERSION_TAG = 'runfacts.version';
export const ARCHIVED_TAG = 'runfacts.archived';

export interface RegistrySyncReport {
  models: { total: number; created: number; updated: number; unchanged: number; failed: number };
  versionsCreated: number;
  aliasesSet: number;
  aliasesDeleted: number;
  failures: Array<{ model: string; reason: string }>;
  /** Model files that could not be read; their models are not mirrored. */
  unreadable: string[];
}

interface RegistryContext {
  client: MlflowClient;
  root: string;
  facts: FactsStore;
  key: string;
}

/**
 * Mirrors `<root>/registry/models/*.json`: models (description, tags), versions (found again by
 * their `runfacts.version` tag, since MLflow numbers versions itself) and aliases. Aliases MLflow
 * has that the facts never set are left alone; those the facts deleted are deleted.
 */
export async function syncRegistry(ctx: RegistryContext): Promise<RegistrySyncReport> {
  const scan = await scanRegistry(ctx.root);
  const report: RegistrySyncReport = {
    models: { total: scan.models.length, created: 0, updated: 0, unchanged: 0, failed: 0 },
    versionsCreated: 0,
    aliasesSet: 0,
    aliasesDeleted: 0,
    failures: [],
    unreadable: scan.errors.map((e) => e.message),
  };
  for (const model of scan.models) {
    try {
      const outcome = await syncModel(ctx, model, report);
      report.models[outcome]++;
    } catch (error) {
      report.models.failed++;
      report.failures.push({ model: model.name, reason: (error as Error).message });
    }
  }
  return report;
}

async function syncModel(
  ctx: RegistryContext,
  model: RegisteredModel,
  report: RegistrySyncReport,
): Promise<'created' | 'updated' | 'unchanged'> {
  const { client } = ctx;
  const wantTags = { ...model.tags, [ARCHIVED_TAG]: String(model.archived) };
  let mlflowModel = await client.getRegisteredModel(model.name);
  let outcome: 'created' | 'updated' | 'unchanged' = 'unchanged';
  if (mlflowModel === null) {
    try {
      mlflowModel = await client.createRegisteredModel(model.name, {
        description: model.description,
        tags: Object.entries(wantTags).map(([key, value]) => ({ key, value })),
      });
      outcome = 'created';
    } catch (error) {
      if (!isMlflowAlreadyExists(error)) throw error;
      mlflowModel = await client.getRegisteredModel(model.name);
      if (mlflowModel === null) throw error;
    }
  }
  const touched = () => {
    if (outcome === 'unchanged') outcome = 'updated';
  };
  if ((mlflowModel.description ?? '') !== model.description) {
    await client.updateRegisteredModelDescription(model.name, model.description);
    touched();
  }
  const haveTags = new Map(mlflowModel.tags.map((t) => [t.key, t.value]));
  for (const [key, value] of Object.entries(wantTags)) {
    if (haveTags.get(key) === value) continue;
    await client.setRegisteredModelTag(model.name, key, value);
    touched();
  }

  const byRunfactsVersion = new Map<number, MlflowModelVersion>();
  for (const v of await client.searchModelVersions(`name='${model.name}'`)) {
    const tag = v.tags.find((t) => t.key === VERSION_TAG)?.value;
    if (tag !== undefined && !byRunfactsVersion.has(Number(tag))) {
      byRunfactsVersion.set(Number(tag), v);
    }
  }
  for (const version of model.versions) {
    if (byRunfactsVersion.has(version.version)) continue;
    const mirrored = await readMirrorEntry(ctx.facts.factsDir(version.run_id), ctx.key);
    if (mirrored.entry === null) {
      throw new Error(
        `version ${version.version} of ${model.name}: run ${version.run_id} is not mirrored to MLflow yet (its sync failed or it was filtered out); sync it first`,
      );
    }
    const created = await client.createModelVersion({
      name: model.name,
      source: modelVersionSource(
        version.source,
        mirrored.entry.run_id,
        ctx.facts.runDir(version.run_id),
      ),
      runId: mirrored.entry.run_id,
      description: version.description,
      tags: [
        { key: VERSION_TAG, value: String(version.version) },
        { key: 'runfacts.run_id', value: version.run_id },
        { key: 'runfacts.meta_hash', value: version.frozen.meta_hash },
        { key: 'runfacts.source', value: version.source.slice(0, 5000) },
      ],
    });
    byRunfactsVersion.set(version.version, created);
    report.versionsCreated++;
    touched();
  }

  const haveAliases = new Map(mlflowModel.aliases.map((a) => [a.alias, a.version]));
  for (const [alias, version] of Object.entries(model.aliases)) {
    const target = byRunfactsVersion.get(version);
    if (target === undefined) throw new Error(`alias ${alias}: version ${version} is missing`);
    if (haveAliases.get(alias) === target.version) continue;
    await client.setAlias(model.name, alias, target.version);
    report.aliasesSet++;
    touched();
  }
  const everSet = new Set(model.history.map((h) => h.alias));
  for (const alias of haveAliases.keys()) {
    if (model.aliases[alias] !== undefined || !everSet.has(alias)) continue;
    await client.deleteAlias(model.name, alias);
    report.aliasesDeleted++;
    touched();
  }
  return outcome;
}
