import { join } from 'node:path';
import type { BackfillConfig } from './config.js';
import type { Candidate } from './discover.js';
import { LAYOUT_MODULES, SkipRun } from './layouts/index.js';
import { type FileSpec, readSource } from './read-source.js';
import { isRecord } from './rules/lookup.js';
import { readTarget, type TargetState } from './target.js';
import type { BackfillIssue, Inference } from './types.js';

export interface Prepared {
  candidate: Candidate;
  inference: Inference;
  metaFrom: 'stored' | 'inferred';
  /** A meta_override.json of the source folder (facts/ first), when it holds a mapping. */
  sourceOverride: Record<string, unknown> | null;
  /** The facts folder of the proposed run id. */
  target: TargetState;
  warnings: BackfillIssue[];
}

export type PrepareResult =
  | { ok: true; prepared: Prepared }
  | { ok: false; issues: BackfillIssue[] };

export interface PrepareContext {
  runsDir: string;
  runsRoot: string;
  config: BackfillConfig;
}

const EXTRA_FILES: FileSpec[] = [
  { key: 'stored_meta', path: 'facts/meta.json', format: 'json' },
  { key: 'facts_override', path: 'facts/meta_override.json', format: 'json' },
  { key: 'override', path: 'meta_override.json', format: 'json' },
];

/** Reads one candidate, infers its run and meta (pure), and reads the facts of its proposed id. */
export async function prepare(c: Candidate, ctx: PrepareContext): Promise<PrepareResult> {
  const module = LAYOUT_MODULES[c.layout];
  const own = new Set(module.spec.files.map((f) => f.path));
  const spec = {
    ...module.spec,
    files: [...module.spec.files, ...EXTRA_FILES.filter((f) => !own.has(f.path))],
  };
  const read = await readSource(c, spec, {
    runsDir: ctx.runsDir,
    maxBytes: ctx.config.maxFileBytes,
  });
  if (!read.ok) return read;
  const { source } = read;
  let inference: Inference;
  try {
    inference = module.infer(source, ctx.config);
  } catch (error) {
    if (!(error instanceof SkipRun)) throw error;
    return {
      ok: false,
      issues: [
        { severity: error.severity, kind: error.kind, path: error.path, message: error.message },
      ],
    };
  }
  const warnings: BackfillIssue[] = inference.warnings.map((w) => ({ severity: 'warning', ...w }));
  let metaFrom: Prepared['metaFrom'] = 'inferred';
  const stored = source.files.stored_meta?.value;
  if (stored !== undefined && c.layout !== 'facts') {
    if (!isRecord(stored)) {
      const path = join(c.dir, 'facts/meta.json');
      const message = `${path} must be a JSON object of meta fields; fix or remove it`;
      return { ok: false, issues: [{ severity: 'error', kind: 'invalid_content', path, message }] };
    }
    inference = { ...inference, meta: stored };
  }
  if (c.storedMeta) metaFrom = 'stored';
  let sourceOverride: Record<string, unknown> | null = null;
  for (const key of ['facts_override', 'override']) {
    const file = source.files[key];
    if (file === undefined || sourceOverride !== null) continue;
    const path = join(
      c.dir,
      key === 'override' ? 'meta_override.json' : 'facts/meta_override.json',
    );
    if (isRecord(file.value)) sourceOverride = file.value;
    else {
      const message = `${path} must be a JSON object of meta fields; it is ignored`;
      warnings.push({ severity: 'warning', kind: 'invalid_override', path, message });
    }
  }
  const target = await readTarget(join(ctx.runsRoot, inference.run.run_id));
  return {
    ok: true,
    prepared: { candidate: c, inference, metaFrom, sourceOverride, target, warnings },
  };
}
