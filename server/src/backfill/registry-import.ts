import { RegistryError, type RegistryStore } from '../registry/index.js';
import type { MlflowModelVersion, MlflowRegisteredModel } from './registry-folder.js';
import type { BackfillIssue, RegistryImportCounts } from './types.js';

export interface RegistryImportContext {
  registry: RegistryStore;
  /** MLflow run id -> runfacts run id, for the runs this import brought in. */
  runIds: ReadonlyMap<string, string>;
  dryRun: boolean;
  counts: RegistryImportCounts;
  issue(issue: BackfillIssue): void;
}

const BY = 'backfill';
/** MLflow's deprecated stages that runfacts names as (protected) aliases. */
const STAGE_ALIASES = new Set(['Staging', 'Production']);

/** Aliases plus stages: a stage names the highest version in it, as MLflow's UI shows it. */
function wantedAliases(model: MlflowRegisteredModel): Map<string, number> {
  const wanted = new Map<string, number>();
  for (const v of model.versions) {
    if (v.stage && STAGE_ALIASES.has(v.stage)) wanted.set(v.stage, v.version);
  }
  for (const [alias, version] of Object.entries(model.aliases)) wanted.set(alias, version);
  return wanted;
}

/**
 * Brings one MLflow registered model into runfacts' registry: the model, each version whose
 * source run was imported (matched to an existing version with the same run and source, so a
 * second import adds nothing), and its aliases mapped to runfacts' version numbers, which count
 * 1..n and so differ from MLflow's when versions are left out.
 */
export async function importRegisteredModel(
  model: MlflowRegisteredModel,
  ctx: RegistryImportContext,
): Promise<void> {
  const { counts } = ctx;
  const where = `${model.origin} (model ${model.name})`;
  const warn = (message: string) =>
    ctx.issue({ severity: 'warning', kind: 'registry_skipped', path: model.origin, message });
  counts.models++;
  try {
    let existing = await ctx.registry.findModel(model.name);
    if (existing === null) {
      counts.modelsCreated++;
      if (!ctx.dryRun) {
        existing = await ctx.registry.createRegisteredModel({
          name: model.name,
          description: model.description,
          tags: model.tags,
          by: BY,
        });
      }
    }
    const current = existing?.versions ?? [];
    const used = new Set<number>();
    const ours = new Map<number, number>();
    let next = current.length + 1;
    const take = async (v: MlflowModelVersion, runId: string) => {
      const same = current.find(
        (c) => !used.has(c.version) && c.run_id === runId && c.source === v.source,
      );
      if (same) {
        used.add(same.version);
        counts.versionsUnchanged++;
        return same.version;
      }
      counts.versionsCreated++;
      if (ctx.dryRun) return next++;
      const made = await ctx.registry.createModelVersion({
        model: model.name,
        runId,
        source: v.source,
        description: v.description,
        by: BY,
      });
      return made.version.version;
    };
    for (const v of model.versions) {
      const runId = v.runId === null ? undefined : ctx.runIds.get(v.runId);
      if (runId === undefined) {
        counts.versionsSkipped++;
        warn(
          `${where}: version ${v.version} comes from MLflow run ${v.runId ?? '(none)'}, which was not imported (deleted, or not in what was read); the version is left out`,
        );
        continue;
      }
      ours.set(v.version, await take(v, runId));
    }
    for (const [alias, version] of wantedAliases(model)) {
      const target = ours.get(version);
      if (target === undefined) {
        warn(`${where}: alias ${alias} names version ${version}, which was left out`);
        continue;
      }
      if (ctx.dryRun) {
        if (existing?.aliases[alias] !== target) counts.aliasesSet++;
        continue;
      }
      try {
        const change = await ctx.registry.setModelAlias({
          model: model.name,
          alias,
          version: target,
          by: BY,
          canChangeProtected: true,
          reason: `imported from MLflow (version ${version})`,
        });
        if (change.entry !== null) counts.aliasesSet++;
      } catch (error) {
        if (!(error instanceof RegistryError)) throw error;
        warn(`${where}: alias ${alias} is not set: ${error.message}`);
      }
    }
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    ctx.issue({
      severity: 'error',
      kind: 'registry_failed',
      path: model.origin,
      message: `${where} could not be imported into the registry: ${error.message}`,
    });
  }
}
