import { z } from 'zod';
import { formatIssuePath } from '../facts/issue-messages.js';
import { RegistryError } from './errors.js';

/** Size limits on free text, so one call cannot bloat a model file that every read loads. */
export const LIMITS = {
  by: 200,
  description: 10_000,
  reason: 4_000,
  runId: 200,
  source: 4_096,
  tagKey: 250,
  tagValue: 5_000,
  tags: 100,
} as const;

// Each message says what the value must be and what it was; `parse` puts the field in front.
const got = (issue: { input?: unknown }) => ` (got ${show(issue.input)})`;
const lengthOf = (issue: { input?: unknown }) => (issue.input as string).length;

/** A string of at most `max` characters without NUL; `required` also refuses blank ones. */
export function text(max: number, required = false) {
  const mustBe = (issue: { input?: unknown }) =>
    `must be ${required ? 'a non-empty string' : 'a string'}${got(issue)}`;
  return z
    .string({ error: mustBe })
    .refine((value) => !required || value.trim() !== '', { error: mustBe })
    .max(max, { error: (issue) => `at most ${max} characters (got ${lengthOf(issue)})` })
    .refine((value) => !value.includes('\0'), 'may not contain a NUL character');
}
export const requiredText = (max: number) => text(max, true);
/** `undefined` and `null` read as the empty string. */
export const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((value) => value ?? '');
/** A reason, trimmed; blank or absent is null. */
export const reason = optionalText(LIMITS.reason).transform((value) => value.trim() || null);

const versionMessage = (issue: { input?: unknown }) =>
  `must be a version number 1, 2, 3...${got(issue)}`;
export const versionNumber = z.int({ error: versionMessage }).min(1, { error: versionMessage });

export const tags = z
  .record(requiredText(LIMITS.tagKey), text(LIMITS.tagValue), {
    error: (issue) => `must be an object of string values${got(issue)}`,
  })
  .refine((value) => Object.keys(value).length <= LIMITS.tags, {
    error: (issue) =>
      `at most ${LIMITS.tags} tags (got ${Object.keys(issue.input as object).length})`,
  })
  .nullish()
  .transform((value) => value ?? {});

/** `canChangeProtected` and the like: a real boolean, not a truthy value. */
export const boolean = z.boolean({ error: (issue) => `must be true or false${got(issue)}` });

/**
 * Parses `value` with `schema`; the first problem becomes INVALID_ARGUMENT blaming `field`, or
 * for an object the top-level key at fault, with the full path in the message.
 */
export function parse<T>(schema: z.ZodType<T>, value: unknown, field?: string): T {
  const checked = schema.safeParse(value);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0] as z.core.$ZodIssue;
  const path = field === undefined ? issue.path : [field, ...issue.path];
  // A bad record key reports the key's own problem, e.g. `tags key: must be a non-empty string`.
  const [at, problem] =
    issue.code === 'invalid_key'
      ? [`${formatIssuePath(path.slice(0, -1))} key`, issue.issues[0]?.message]
      : [formatIssuePath(path), issue.message];
  throw new RegistryError('INVALID_ARGUMENT', { message: `${at}: ${problem}` }, String(path[0]));
}

function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
