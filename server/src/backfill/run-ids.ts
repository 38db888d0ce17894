import { join } from 'node:path';
import { formatRunId, isSafeRunId, parseRunId } from '../meta/index.js';
import type { Prepared } from './prepare.js';
import { readTarget, type TargetState } from './target.js';
import type { BackfillIssue } from './types.js';

const MAX_SEQUENCE = 1000;

/** The k-th candidate id for a proposed id: the id itself, then its seed-001 sequence suffixes. */
export function withSequence(baseId: string, k: number): string {
  if (k === 1) return baseId;
  const parts = parseRunId(baseId);
  return parts ? formatRunId({ ...parts, sequence: parts.sequence + k - 1 }) : `${baseId}-${k}`;
}

export type Resolved =
  | { ok: true; runId: string; target: TargetState & { state: 'absent' | 'present' } }
  | { ok: false; issue: BackfillIssue };

/**
 * The run id of a source: the proposed id unless it is taken by a different source (in the
 * facts root, or earlier in this backfill), then the next free sequence. Sources are resolved
 * in path order, so the same tree always gets the same ids; a source keeps its id on re-runs.
 */
export async function resolveRunId(
  p: Prepared,
  claimed: Set<string>,
  runsRoot: string,
): Promise<Resolved> {
  const base = p.inference.run.run_id;
  for (let k = 1; k <= MAX_SEQUENCE; k++) {
    const runId = withSequence(base, k);
    if (!isSafeRunId(runId) || claimed.has(runId)) continue;
    const target = k === 1 ? p.target : await readTarget(join(runsRoot, runId));
    if (target.state === 'damaged') {
      return {
        ok: false,
        issue: {
          severity: 'error',
          kind: 'target_damaged',
          path: target.path,
          message: target.message,
        },
      };
    }
    if (target.state === 'absent' || target.sourcePath === p.candidate.dir) {
      claimed.add(runId);
      return { ok: true, runId, target };
    }
  }
  const message = `${p.candidate.dir}: run ids ${base} to sequence ${MAX_SEQUENCE} all belong to other sources; rename the source folder`;
  return {
    ok: false,
    issue: { severity: 'error', kind: 'id_exhausted', path: p.candidate.dir, message },
  };
}
