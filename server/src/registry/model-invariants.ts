import { aliasProblem } from './names.js';

interface ModelShape {
  archived: boolean;
  archived_at: string | null;
  versions: { version: number; frozen: { meta_hash: string; meta: Record<string, unknown> } }[];
  aliases: Record<string, number>;
  protected_aliases: string[];
  history: { alias: string; from_version: number | null; to_version: number | null }[];
}

export interface InvariantProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Consistency rules a model file must meet beyond its field types. The aliases must equal a
 * replay of the history, so that no alias change can exist without its audit entry.
 */
export function modelInvariantProblems(model: ModelShape): InvariantProblem[] {
  const problems: InvariantProblem[] = [];
  const count = model.versions.length;
  const exists = (v: number | null) => v === null || v <= count;
  model.versions.forEach((v, i) => {
    if (v.version !== i + 1) {
      problems.push({
        path: ['versions', i, 'version'],
        message: `expected ${i + 1}: versions are numbered 1, 2, 3... in order`,
      });
    }
    if (v.frozen.meta.meta_hash !== v.frozen.meta_hash) {
      problems.push({
        path: ['versions', i, 'frozen', 'meta_hash'],
        message: 'differs from frozen.meta.meta_hash',
      });
    }
  });
  for (const [alias, version] of Object.entries(model.aliases)) {
    const bad = aliasProblem(alias);
    if (bad) problems.push({ path: ['aliases', alias], message: `invalid alias: ${bad.reason}` });
    if (!exists(version))
      problems.push({ path: ['aliases', alias], message: `version ${version} does not exist` });
  }
  model.protected_aliases.forEach((alias, i) => {
    const bad = aliasProblem(alias);
    if (bad)
      problems.push({ path: ['protected_aliases', i], message: `invalid alias: ${bad.reason}` });
  });
  problems.push(...historyProblems(model.history, exists));
  const replayed = replayHistory(model.history);
  if (!sameAliases(replayed, model.aliases)) {
    problems.push({
      path: ['aliases'],
      message: `differ from the replayed history ${JSON.stringify(replayed)}; every alias change needs its history entry`,
    });
  }
  if (model.archived !== (model.archived_at !== null)) {
    problems.push({ path: ['archived_at'], message: 'must be set exactly when archived is true' });
  }
  return problems;
}

function historyProblems(
  history: ModelShape['history'],
  exists: (v: number | null) => boolean,
): InvariantProblem[] {
  const problems: InvariantProblem[] = [];
  const holders = new Map<string, number>();
  history.forEach((entry, i) => {
    const bad = aliasProblem(entry.alias);
    if (bad)
      problems.push({ path: ['history', i, 'alias'], message: `invalid alias: ${bad.reason}` });
    for (const key of ['from_version', 'to_version'] as const) {
      if (!exists(entry[key]))
        problems.push({
          path: ['history', i, key],
          message: `version ${entry[key]} does not exist`,
        });
    }
    if (entry.from_version === entry.to_version) {
      problems.push({
        path: ['history', i, 'to_version'],
        message: 'equals from_version; an entry records a change',
      });
    }
    const holder = holders.get(entry.alias) ?? null;
    if (entry.from_version !== holder) {
      problems.push({
        path: ['history', i, 'from_version'],
        message: `expected ${holder}, the version the alias held after the previous entries`,
      });
    }
    if (entry.to_version === null) holders.delete(entry.alias);
    else holders.set(entry.alias, entry.to_version);
  });
  return problems;
}

/** The aliases the history leads to, applying each entry's `to_version` in order. */
export function replayHistory(history: ModelShape['history']): Record<string, number> {
  const aliases: Record<string, number> = {};
  for (const entry of history) {
    if (entry.to_version === null) delete aliases[entry.alias];
    else aliases[entry.alias] = entry.to_version;
  }
  return aliases;
}

function sameAliases(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k])
  );
}
