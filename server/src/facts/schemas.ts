import { z } from 'zod';

export const RUN_STATUSES = ['RUNNING', 'FINISHED', 'FAILED', 'KILLED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/**
 * An ISO-8601 instant in UTC: `Z`, or `+00:00` as Python's `isoformat()` writes it, since
 * training code may write these files directly.
 */
export const UtcTimestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]00:?00)$/, {
    error: 'expected an ISO-8601 UTC time like 2024-05-01T12:00:00Z',
    abort: true,
  })
  .refine((s) => !Number.isNaN(Date.parse(s)), 'expected a valid calendar date and time');

/** A summary metric: a finite number, or an object nesting more of them. */
export type MetricSummary = number | { [key: string]: MetricSummary };
export const MetricSummary: z.ZodType<MetricSummary> = z.lazy(() =>
  z.union([z.number(), z.record(z.string(), MetricSummary)]),
);

/**
 * An entry of run.json's `artifacts`. Files logged or scanned into runfacts also have `size`
 * (bytes) and `sha256` (lower-case hex), and `source` when a backfill referenced the file where
 * it lies instead of copying it (see artifacts/entries.ts). Those keys are not enforced here, so
 * every run.json that was valid before stays valid; an entry without them is a path only.
 */
export const Artifact = z.looseObject({ path: z.string().min(1), kind: z.string() });
export type Artifact = z.infer<typeof Artifact>;

export const ModelParameters = z.looseObject({
  total: z.number().int().min(0),
  trainable: z.number().int().min(0),
});

/** run.json. Unknown keys are kept so they round-trip when the store rewrites the file. */
export const RunRecord = z.looseObject({
  run_id: z.string().min(1),
  experiment: z.string(),
  name: z.string(),
  architecture_code: z.string().nullable(),
  timestamp: z.string().regex(/^\d{8}_\d{6}$/, 'expected YYYYMMDD_HHMMSS'),
  status: z.enum(RUN_STATUSES, { error: `expected one of ${RUN_STATUSES.join('|')}` }),
  started_at: UtcTimestamp,
  ended_at: UtcTimestamp.nullable(),
  config: z.record(z.string(), z.unknown()),
  params: z.record(z.string(), z.string()).default({}),
  metrics: z.record(z.string(), MetricSummary),
  tags: z.record(z.string(), z.string()),
  artifacts: z.array(Artifact),
  model_parameters: ModelParameters.nullable(),
  duration_seconds: z.number().min(0).nullable(),
  client_request_id: z.string().optional(),
  source_path: z.string().optional(),
});
export type RunRecord = z.infer<typeof RunRecord>;
/** What callers may pass in: like RunRecord, with `params` optional. */
export type RunRecordInput = z.input<typeof RunRecord>;

/** One line of metrics.jsonl. */
export const MetricPoint = z.object({
  key: z.string().min(1),
  value: z.number(),
  step: z.number().int().min(0),
  ts: UtcTimestamp,
});
export type MetricPoint = z.infer<typeof MetricPoint>;

/** meta.json and meta_override.json are objects here; their fields are validated elsewhere. */
export const JsonObject = z.record(z.string(), z.unknown());
export type JsonObject = z.infer<typeof JsonObject>;
