import { randomUUID } from 'node:crypto';
import {
  ArtifactTransfer,
  type DownloadedFile,
  insideDest,
  type LoggedArtifact,
} from './artifact-transfer.js';
import { RunfactsChecksumError, unwrap } from './errors.js';
import type {
  RegisterRunInput,
  RegisterRunMutation,
  RunEventFilter,
  RunEventsSubscription,
  RunsQuery,
  RunsQueryVariables,
} from './generated/graphql.js';
import { defaultJournalDir } from './journal.js';
import { type Operations, operationDocuments } from './operations.js';
import { RunHandle, type RunHandleOptions } from './run-handle.js';
import { subscribeSse } from './sse.js';
import { type SyncReport, syncJournals } from './sync.js';
import { Transport, type TransportOptions } from './transport.js';

export type RunNode = RunsQuery['runs']['edges'][number]['node'];

export interface ClientOptions extends TransportOptions {}

export interface RunfactsClient {
  /** A typed method for every operation in queries/, e.g. `op.runs({ where })`, `op.registerRun({ input })`. */
  op: Operations;
  /** Every run matching, page after page: `for await (const run of client.runs({ where }))`. */
  runs(
    variables?: Omit<RunsQueryVariables, 'after' | 'first'> & { pageSize?: number },
  ): AsyncGenerator<RunNode>;
  /** Registers a run (retry-safe) and returns a handle that batches its metric points. */
  startRun(
    input: Omit<RegisterRunInput, 'clientRequestId'> & { clientRequestId?: string },
    options?: RunHandleOptions,
  ): Promise<RunHandle>;
  /** Live run events over SSE until the signal aborts. */
  runEvents(
    filter?: RunEventFilter,
    signal?: AbortSignal,
  ): AsyncGenerator<RunEventsSubscription['runEvents']>;
  /** Uploads a file, or every file under a folder, as artifacts of a run (checksummed; a retry is a no-op). */
  logArtifact(
    runId: string,
    path: string,
    options?: { name?: string; kind?: string },
  ): Promise<LoggedArtifact[]>;
  /** Downloads every checksummed artifact of a run (or the `paths` given) under `dest`, verifying each. */
  downloadArtifacts(
    runId: string,
    dest: string,
    paths?: readonly string[],
  ): Promise<DownloadedFile[]>;
  /**
   * Downloads the model files of the version an alias points at (default Production) under
   * `dest`, verified against the checksums frozen at registration; a changed file fails.
   */
  downloadModel(
    model: string,
    options: { alias?: string; dest: string },
  ): Promise<{ model: string; version: number; runId: string; files: DownloadedFile[] }>;
  /**
   * Sends the writes runs kept in their journal while the server was away (this SDK's and the
   * Python SDK's), to this client's server; `dir` defaults to RUNFACTS_JOURNAL_DIR or
   * ~/.cache/runfacts/journal.
   */
  sync(dir?: string): Promise<SyncReport>;
  close(): Promise<void>;
}

/** A ModelVersionByAlias answer that is an error: thrown with its message. */
export class RunfactsModelError extends Error {
  override name = 'RunfactsModelError';
}

/** The `seq` of a mutation's payload, when the write succeeded. */
function writeSeq(result: unknown): string | null {
  for (const payload of Object.values((result ?? {}) as Record<string, unknown>)) {
    const seq = (payload as { seq?: unknown } | null)?.seq;
    if (typeof seq === 'string') return seq;
  }
  return null;
}

export function createClient(options: ClientOptions): RunfactsClient {
  const transport = new Transport(options);
  const artifacts = new ArtifactTransfer(transport, options.retries ?? 3);
  const op = {} as Record<string, (variables?: unknown) => Promise<unknown>>;
  // Read-your-writes: list queries wait for this client's latest write (its `seq`).
  let latestSeq: string | null = null;
  for (const { name, kind, document } of operationDocuments()) {
    if (kind === 'subscription') continue;
    const method = name.charAt(0).toLowerCase() + name.slice(1);
    const takesMinSeq = document.includes('$minSeq');
    op[method] = async (variables?: unknown) => {
      const vars = (variables ?? {}) as Record<string, unknown> & {
        input?: { clientRequestId?: unknown };
        batchId?: unknown;
      };
      // Queries repeat safely; a registration or a metrics batch only with its idempotency id.
      const repeatable =
        kind === 'query' ||
        (name === 'RegisterRun' && Boolean(vars.input?.clientRequestId)) ||
        (name === 'LogMetrics' && Boolean(vars.batchId));
      const sent =
        takesMinSeq && latestSeq && vars.minSeq === undefined
          ? { ...vars, minSeq: latestSeq }
          : variables;
      const result = await transport.execute(
        { query: document, variables: sent, operationName: name },
        repeatable,
      );
      if (kind === 'mutation') latestSeq = writeSeq(result) ?? latestSeq;
      return result;
    };
  }
  const operations = op as unknown as Operations;
  const runEventsDocument =
    operationDocuments().find((d) => d.name === 'RunEvents')?.document ?? '';

  return {
    op: operations,
    async *runs(variables = {}) {
      const { pageSize = 200, ...rest } = variables;
      let after: string | null = null;
      for (;;) {
        const page: RunsQuery = await operations.runs({ ...rest, first: pageSize, after });
        for (const edge of page.runs.edges) yield edge.node;
        if (!page.runs.pageInfo.hasNextPage) return;
        after = page.runs.pageInfo.endCursor;
      }
    },
    async startRun(input, handleOptions) {
      const clientRequestId = input.clientRequestId ?? randomUUID();
      const result: RegisterRunMutation = await operations.registerRun({
        input: { ...input, clientRequestId },
      });
      const registered = unwrap(result.registerRun);
      return new RunHandle(
        operations,
        registered as Extract<
          RegisterRunMutation['registerRun'],
          { __typename: 'RegisterRunPayload' }
        >,
        { ...handleOptions, url: transport.url, clientRequestId },
        artifacts,
      );
    },
    logArtifact: (runId, path, logOptions) => artifacts.log(runId, path, logOptions),
    async downloadArtifacts(runId, dest, paths) {
      const { run } = await operations.runArtifacts({ id: runId });
      if (run === null || run === undefined) throw new RunfactsModelError(`no run ${runId}`);
      const unknown = (paths ?? []).filter((p) => !run.artifacts.some((a) => a.path === p));
      if (unknown.length > 0) {
        throw new RunfactsModelError(
          `run ${runId} has no artifact ${unknown.join(', ')}; list them with runfacts artifacts ls ${runId}`,
        );
      }
      const files: DownloadedFile[] = [];
      for (const a of run.artifacts) {
        if (paths && !paths.includes(a.path)) continue;
        if (!a.downloadUrl || !a.sha256) continue; // a path recorded without a file in runfacts
        files.push(
          await artifacts.download(a.downloadUrl, insideDest(dest, a.path), a.sha256, a.path),
        );
      }
      return files;
    },
    async downloadModel(model, { alias = 'Production', dest }) {
      const { modelVersionByAlias: v } = await operations.modelArtifacts({ model, alias });
      if (v.__typename !== 'ModelVersion')
        throw new RunfactsModelError(
          `${model}@${alias}: ${(v as { message?: string }).message ?? 'not found'}`,
        );
      if (v.artifacts.length === 0) {
        throw new RunfactsModelError(
          `${model} version ${v.version} froze no model artifact (its run ${v.runId} had none with a checksum when it was registered)`,
        );
      }
      const files: DownloadedFile[] = [];
      for (const a of v.artifacts) {
        if (a.status !== 'MATCHES') {
          throw new RunfactsChecksumError(a.path, a.sha256, a.currentSha256 ?? 'missing');
        }
        files.push(
          await artifacts.download(a.downloadUrl, insideDest(dest, a.path), a.sha256, a.path),
        );
      }
      return { model: v.model, version: v.version, runId: v.runId, files };
    },
    runEvents(filter, signal) {
      return mapEvents(
        subscribeSse<RunEventsSubscription>(
          transport,
          runEventsDocument,
          { filter },
          signal,
          'RunEvents',
        ),
      );
    },
    sync: (dir) => syncJournals(operations, dir ?? defaultJournalDir()),
    close: () => transport.close(),
  };
}

async function* mapEvents(
  source: AsyncGenerator<RunEventsSubscription>,
): AsyncGenerator<RunEventsSubscription['runEvents']> {
  for await (const event of source) yield event.runEvents;
}
