import { join } from 'node:path';
import type { FdIo } from '../facts/fd-io.js';
import { Artifact } from '../facts/schemas.js';
import { checksumArtifacts } from './artifact-checksums.js';
import type { BackfillConfig } from './config.js';
import type { Candidate } from './discover.js';
import { LAYOUT_MODULES, SkipRun } from './layouts/index.js';
import { type FileSpec, readSource } from './read-source.js';
import type { EarlyRender } from './render-early.js';
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
  /** Rendered (and, when new, staged) by a worker thread for the proposed id. */
  early?: EarlyRender;
}

export type PrepareResult =
  | { ok: true; prepared: Prepared }
  | { ok: false; issues: BackfillIssue[] };

/** What every prepare needs; plain data, so it can be handed to worker threads. */
export interface PrepareContext {
  runsDir: string;
  runsRoot: string;
  config: BackfillConfig;
  /** Names in `runsRoot` when backfill started: a proposed id not among them needs no read. */
  existing: ReadonlySet<string>;
  /** Nothing is written, and artifact files are not hashed. */
  dryRun: boolean;
  applyOverrides: boolean;
}

/** How this thread prepares: its file calls, and where hashing progress goes. */
export interface PrepareEnv {
  io?: FdIo;
  onBytesHashed?: (bytes: number) => void;
}

const EXTRA_FILES: FileSpec[] = [
  { key: 'stored_meta', path: 'facts/meta.json', format: 'json' },
  { key: 'facts_override', path: 'facts/meta_override.json', format: 'json' },
  { key: 'override', path: 'meta_override.json', format: 'json' },
];

const ARTIFACTS = Artifact.array();

/**
 * Reads one candidate, infers its run and meta (pure), reads the facts of its proposed id, and
 * checksums the artifact files the run lists.
 */
export async function prepare(
  c: Candidate,
  ctx: PrepareContext,
  env: PrepareEnv = {},
): Promise<PrepareResult> {
  const module = LAYOUT_MODULES[c.layout];
  const own = new Set(module.spec.files.map((f) => f.path));
  const spec = {
    ...module.spec,
    files: [...module.spec.files, ...EXTRA_FILES.filter((f) => !own.has(f.path))],
  };
  const read = await readSource(c, spec, {
    runsDir: ctx.runsDir,
    maxBytes: ctx.config.maxFileBytes,
    io: env.io,
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
  const id = inference.run.run_id;
  const target: TargetState = ctx.existing.has(id)
    ? await readTarget(join(ctx.runsRoot, id), env.io)
    : { state: 'absent' };
  const listed = ARTIFACTS.safeParse(inference.run.artifacts);
  // An invalid list is left for the run record's validation to report.
  if (!ctx.dryRun && listed.success && listed.data.length > 0) {
    const stored = target.state === 'present' ? target.run : null;
    const artifacts = await checksumArtifacts(listed.data, c.dir, stored, {
      io: env.io,
      onBytes: env.onBytesHashed,
    });
    inference = { ...inference, run: { ...inference.run, artifacts } };
  }
  return {
    ok: true,
    prepared: { candidate: c, inference, metaFrom, sourceOverride, target, warnings },
  };
}
