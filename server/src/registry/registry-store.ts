import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FactsStore } from '../facts/facts-store.js';
import { withDirLock } from '../facts/lock.js';
import { DEFAULT_JSON_MAX_BYTES } from '../facts/read-json.js';
import { type AliasChangeRequest, planAliasChange, versionForAlias } from './alias-rules.js';
import type {
  AliasChange,
  ArchiveModelInput,
  CreateModelInput,
  CreateVersionInput,
  DeleteAliasInput,
  PromoteInput,
  RegistryStoreOptions,
  ResolvedVersion,
  SetAliasInput,
} from './api-types.js';
import { isRegistryError, RegistryError } from './errors.js';
import { currentCanonicalMeta, freezeRun } from './freeze-run.js';
import {
  archiveActor,
  assertAliasText,
  deleteAliasRequest,
  newModelFields,
  newVersionFields,
  setAliasRequest,
} from './inputs.js';
import { locksDirOf, modelFilePath, modelsDirOf } from './layout.js';
import {
  commitModelFile,
  type LoadedModel,
  readModelFile,
  removeModelTempFiles,
} from './model-file.js';
import { newRegisteredModel, withArchived, withNewVersion } from './model-rules.js';
import { assertModelName, DEFAULT_PROTECTED_ALIASES } from './names.js';
import { type RegistryScan, scanRegistry } from './scan.js';
import type { ModelVersion, RegisteredModel } from './schemas.js';

type Plan<T> = (model: RegisteredModel, at: string) => { next: RegisteredModel | null; result: T };

/**
 * The model registry's facts: one JSON file per model under `<root>/registry/models/`. Every
 * change is a read-modify-write under the model's inter-process lock, fully checked before the
 * file is atomically replaced, so a refused call writes nothing. Reads take no lock.
 */
export class RegistryStore {
  readonly modelsDir: string;
  readonly locksDir: string;
  private readonly maxBytes: number;

  constructor(
    readonly root: string,
    private readonly facts: FactsStore,
    private readonly options: RegistryStoreOptions = {},
  ) {
    this.modelsDir = modelsDirOf(root);
    this.locksDir = locksDirOf(root);
    this.maxBytes = options.maxFileBytes ?? DEFAULT_JSON_MAX_BYTES;
  }

  /** `<root>/registry/models/<name>.json`; throws INVALID_MODEL_NAME for an unsafe name. */
  modelPath(name: string, field = 'name'): string {
    return modelFilePath(this.root, name, field);
  }

  async createRegisteredModel(input: CreateModelInput): Promise<RegisteredModel> {
    const fields = newModelFields(
      input,
      this.options.protectedAliases ?? DEFAULT_PROTECTED_ALIASES,
    );
    const name = fields.name;
    const path = this.modelPath(name);
    await mkdir(this.modelsDir, { recursive: true });
    return this.withModelLock(name, async () => {
      const existing = await readModelFile(path, this.maxBytes);
      if (existing.ok) {
        throw new RegistryError('MODEL_EXISTS', {
          modelName: name,
          archived: existing.model.archived,
        });
      }
      if (existing.error.kind !== 'missing') {
        const details = { modelName: name, fileError: existing.error };
        throw new RegistryError('MODEL_FILE_INVALID', details, 'name');
      }
      return commitModelFile(path, null, newRegisteredModel(fields, this.timestamp()));
    });
  }

  /** Registers a run as the model's next version, freezing the run's meta and config now. */
  async createModelVersion(
    input: CreateVersionInput,
  ): Promise<{ model: RegisteredModel; version: ModelVersion }> {
    const fields = newVersionFields(input);
    // Fail on a missing or archived model before reading the run.
    if ((await this.load(input.model, 'model')).model.archived) {
      throw new RegistryError('MODEL_ARCHIVED', { modelName: input.model });
    }
    const frozen = await freezeRun(
      this.facts,
      fields.runId,
      this.options.metaConfig,
      fields.source,
    );
    const { model, result } = await this.update(input.model, 'model', (current, at) => {
      const { next, version } = withNewVersion(current, { ...fields, frozen }, at);
      return { next, result: version };
    });
    return { model, version: result };
  }

  /** Points `alias` at `version` (moving it if set); compare-and-set when expectedVersion is given. */
  async setModelAlias(input: SetAliasInput): Promise<AliasChange> {
    return this.changeAlias(input.model, setAliasRequest(input));
  }

  async deleteModelAlias(input: DeleteAliasInput): Promise<AliasChange> {
    return this.changeAlias(input.model, deleteAliasRequest(input));
  }

  /** The everyday form of setModelAlias: `promote(model, version, to: "Production", reason)`. */
  async promote(input: PromoteInput): Promise<AliasChange> {
    const { to, ...rest } = input;
    return this.setModelAlias({ ...rest, alias: to });
  }

  /** Marks the model archived (nothing is erased); archiving an archived model changes nothing. */
  async archiveModel(input: ArchiveModelInput): Promise<RegisteredModel> {
    const by = archiveActor(input);
    const { model } = await this.update(input.name, 'name', (current, at) => ({
      next: withArchived(current, by, at),
      result: null,
    }));
    return model;
  }

  /** The model, archived or not; throws MODEL_NOT_FOUND or MODEL_FILE_INVALID. */
  async getModel(name: string): Promise<RegisteredModel> {
    assertModelName(name, 'name');
    return (await this.load(name, 'name')).model;
  }

  /** Like getModel, but null when there is no such model. */
  async findModel(name: string): Promise<RegisteredModel | null> {
    try {
      return await this.getModel(name);
    } catch (error) {
      if (isRegistryError(error, 'MODEL_NOT_FOUND')) return null;
      throw error;
    }
  }

  /** Every readable model (archived ones only when asked), with the files that could not be read. */
  async listModels(options: { includeArchived?: boolean } = {}): Promise<RegistryScan> {
    const scan = await scanRegistry(this.root, { maxBytes: this.maxBytes });
    if (options.includeArchived) return scan;
    return { ...scan, models: scan.models.filter((model) => !model.archived) };
  }

  /** The version `alias` names: `latest` the newest, `v3` version 3, else the alias's holder. */
  async resolveAlias(model: string, alias: string): Promise<ModelVersion> {
    assertModelName(model, 'model');
    assertAliasText(alias);
    return versionForAlias((await this.load(model, 'model')).model, alias);
  }

  /** A version of `model` with its run's current facts and whether its meta moved since. */
  async versionWithRun(model: RegisteredModel, version: ModelVersion): Promise<ResolvedVersion> {
    const run = await this.facts.readRunFiles(version.run_id);
    const meta = currentCanonicalMeta(run, this.options.metaConfig);
    return {
      model,
      version,
      run,
      currentMeta: meta.ok ? meta.meta : null,
      metaProblem: meta.ok ? null : meta.problem,
      metaChanged: meta.ok ? meta.meta.meta_hash !== version.frozen.meta_hash : null,
    };
  }

  private async changeAlias(name: string, request: AliasChangeRequest): Promise<AliasChange> {
    assertModelName(name, 'model');
    const { model, result } = await this.update(name, 'model', (current, at) => {
      const plan = planAliasChange(current, request, at);
      return { next: plan.next, result: plan.entry };
    });
    return { model, entry: result };
  }

  private async update<T>(
    name: string,
    field: string,
    plan: Plan<T>,
  ): Promise<{ model: RegisteredModel; result: T }> {
    await this.load(name, field); // a missing model fails here, before a lock folder is made for it
    return this.withModelLock(name, async () => {
      const loaded = await this.load(name, field);
      const { next, result } = plan(loaded.model, this.timestamp());
      if (next === null) return { model: loaded.model, result };
      return { model: await commitModelFile(this.modelPath(name, field), loaded, next), result };
    });
  }

  private async load(name: string, field: string): Promise<LoadedModel> {
    const read = await readModelFile(this.modelPath(name, field), this.maxBytes);
    if (read.ok) return read;
    if (read.error.kind === 'missing') {
      throw new RegistryError('MODEL_NOT_FOUND', { modelName: name }, field);
    }
    throw new RegistryError(
      'MODEL_FILE_INVALID',
      { modelName: name, fileError: read.error },
      field,
    );
  }

  private async withModelLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const dir = join(this.locksDir, name);
    await mkdir(dir, { recursive: true });
    return withDirLock(
      dir,
      async () => {
        await removeModelTempFiles(this.modelPath(name));
        return fn();
      },
      this.options.lock,
    );
  }

  private timestamp(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }
}
