import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { asText, isRecord } from './rules/lookup.js';
import { readSourceFile } from './source-files.js';
import type { BackfillIssue } from './types.js';

/** One version of an MLflow registered model, as its store or REST API gives it. */
export interface MlflowModelVersion {
  version: number;
  /** The MLflow run id it was registered from, or null (a version made from a bare artifact). */
  runId: string | null;
  source: string;
  description: string | null;
  /** MLflow 1.x/2.x stage: `Staging` and `Production` become aliases of the same name. */
  stage: string | null;
}

/** An MLflow registered model: versions, aliases (alias -> MLflow version number) and tags. */
export interface MlflowRegisteredModel {
  name: string;
  description: string | null;
  tags: Record<string, string>;
  aliases: Record<string, number>;
  versions: MlflowModelVersion[];
  /** Where it came from: the folder, or the tracking server's URL. */
  origin: string;
}

const VERSION_DIR = /^version-(\d+)$/;

async function readYaml(path: string, maxBytes: number) {
  const read = await readSourceFile(path, 'yaml', maxBytes);
  if (!read.ok) return { ok: false as const, message: read.message };
  if (!isRecord(read.value)) return { ok: false as const, message: `${path} is not a mapping` };
  return { ok: true as const, value: read.value };
}

/** Every file of a flat folder as trimmed text (MLflow `tags/`, `aliases/`); {} when absent. */
async function readTextFiles(dir: string, maxBytes: number): Promise<Record<string, string>> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: Record<string, string> = {};
  for (const name of names.sort()) {
    const read = await readSourceFile(join(dir, name), 'text', maxBytes);
    if (read.ok) out[name] = String(read.value).trim();
  }
  return out;
}

const versionNumber = (value: unknown): number | null => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : null;
};

/**
 * Reads `mlruns/models/<name>/`: `meta.yaml` (name, description, aliases), `tags/`, `aliases/`
 * and each `version-<n>/meta.yaml`. A bad version file is an issue; the other versions are kept.
 */
export async function readRegisteredModelFolder(
  dir: string,
  maxBytes: number,
): Promise<{ model: MlflowRegisteredModel | null; issues: BackfillIssue[] }> {
  const issues: BackfillIssue[] = [];
  const fail = (path: string, message: string) =>
    issues.push({ severity: 'error', kind: 'registry_failed', path, message });
  const meta = await readYaml(join(dir, 'meta.yaml'), maxBytes);
  if (!meta.ok) {
    fail(dir, `${meta.message}; the registered model ${dir} is not imported`);
    return { model: null, issues };
  }
  const aliases: Record<string, number> = {};
  const metaAliases = meta.value.aliases;
  if (isRecord(metaAliases)) {
    for (const [alias, v] of Object.entries(metaAliases)) {
      const n = versionNumber(v);
      if (n !== null) aliases[alias] = n;
    }
  }
  for (const [alias, v] of Object.entries(await readTextFiles(join(dir, 'aliases'), maxBytes))) {
    const n = versionNumber(v);
    if (n !== null) aliases[alias] = n;
  }
  const versions: MlflowModelVersion[] = [];
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const number = VERSION_DIR.exec(name)?.[1];
    if (number === undefined) continue;
    const path = join(dir, name, 'meta.yaml');
    const v = await readYaml(path, maxBytes);
    if (!v.ok) {
      fail(path, `${v.message}; this model version is not imported`);
      continue;
    }
    versions.push({
      version: versionNumber(v.value.version) ?? Number(number),
      runId: asText(v.value.run_id) ?? null,
      source: asText(v.value.source) ?? asText(v.value.storage_location) ?? join(dir, name),
      description: asText(v.value.description) ?? null,
      stage: asText(v.value.current_stage) ?? null,
    });
  }
  versions.sort((a, b) => a.version - b.version);
  const model: MlflowRegisteredModel = {
    name: asText(meta.value.name) ?? basename(dir),
    description: asText(meta.value.description) ?? null,
    tags: await readTextFiles(join(dir, 'tags'), maxBytes),
    aliases,
    versions,
    origin: dir,
  };
  return { model, issues };
}
