import type { z } from 'zod';

/** `status`, `artifacts[0].path`, or `(root)` for the value itself. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * One line per zod issue, `label: path: problem (got value)`, e.g.
 * `run.json: status: expected one of RUNNING|FINISHED|FAILED|KILLED (got "DONE")`.
 */
export function describeIssues(label: string, error: z.ZodError, input: unknown): string[] {
  return error.issues.map((issue) => {
    const where = `${label}: ${formatIssuePath(issue.path)}`;
    const got = valueAt(input, issue.path);
    if (!got.found && issue.code === 'invalid_type') {
      return `${where}: required field is missing (expected ${issue.expected})`;
    }
    const problem = issue.message.replace(/^Invalid input: /, '');
    return got.found ? `${where}: ${problem} (got ${preview(got.value)})` : `${where}: ${problem}`;
  });
}

function valueAt(
  input: unknown,
  path: readonly PropertyKey[],
): { found: boolean; value?: unknown } {
  let current = input;
  for (const part of path) {
    if (current === null || typeof current !== 'object' || !(part in current)) {
      return { found: false };
    }
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return { found: true, value: current };
}

function preview(value: unknown): string {
  if (value === undefined || (typeof value === 'number' && !Number.isFinite(value))) {
    return String(value);
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
