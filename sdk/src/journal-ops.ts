import { RunfactsMutationError, RunfactsTransportError, unwrap } from './errors.js';
import type {
  FinishRunInput,
  MetricPointInput,
  ParamInput,
  RegisterRunInput,
  RunStatus,
  TagInput,
} from './generated/graphql.js';
import type { Journal, JournalOp } from './journal.js';
import type { Operations } from './operations.js';

/**
 * Sends one kept write; returns the run id (a registration sets it). Each kind is safe to send
 * twice, as the Python SDK's `_ops.py` sends them: registration by its client request id,
 * metrics by batch id, params and tags by value, finish by its frozen status.
 */
export async function sendOp(
  op: Operations,
  write: JournalOp,
  runId: string | null,
): Promise<string | null> {
  if (write.kind === 'register') {
    const result = await op.registerRun({ input: write.input as RegisterRunInput });
    return unwrap(result.registerRun).runId;
  }
  if (runId === null) throw new Error(`a ${write.kind} write of a run that was never registered`);
  if (write.kind === 'metrics') {
    const metrics = write.points as MetricPointInput[];
    unwrap((await op.logMetrics({ runId, metrics, batchId: write.id })).logMetrics);
  } else if (write.kind === 'params') {
    const result = (await op.logParams({ runId, params: write.params as ParamInput[] })).logParams;
    if (result.__typename !== 'RunFrozenError') unwrap(result);
    // Else replayed after the run finished: done if an earlier try already stored them.
    else if (!(await paramsStored(op, runId, write.params as ParamInput[]))) unwrap(result);
  } else if (write.kind === 'tags') {
    unwrap((await op.setTags({ runId, tags: write.tags as TagInput[] })).setTags);
  } else if (write.kind === 'finish') {
    const input = write.input as FinishRunInput;
    const result = (await op.finishRun({ runId, input })).finishRun;
    // An earlier try finished it before its answer got back: done when the status matches.
    const wanted: RunStatus | 'FINISHED' = input.status ?? 'FINISHED';
    if (result.__typename !== 'RunFrozenError' || result.status !== wanted) unwrap(result);
  } else {
    throw new RunfactsMutationError(
      'UnsupportedJournalWrite',
      `a ${write.kind} write is sent by the Python SDK's runfacts-sync`,
      null,
    );
  }
  return runId;
}

/**
 * Sends a journal's pending writes in order, marking each done, and removes the file once all
 * are; returns the run id and how many were sent. A transport error stops it (the rest stays
 * for the next try). A typed refusal goes to `onRefused` and that write counts as done when
 * given (a live run goes on), else it is thrown (sync reports it and keeps the journal).
 */
export async function sendJournal(
  op: Operations,
  journal: Journal,
  onRefused?: (error: unknown) => void,
): Promise<{ runId: string | null; sent: number; removed: boolean }> {
  let { runId, pending } = journal.read();
  let sent = 0;
  for (const write of pending) {
    try {
      const sentFor = await sendOp(op, write, runId);
      if (write.kind === 'register' && sentFor !== null) journal.setRunId(sentFor);
      runId = sentFor;
    } catch (error) {
      if (onRefused === undefined || error instanceof RunfactsTransportError) throw error;
      onRefused(error);
    }
    journal.markDone(write.id);
    sent += 1;
  }
  return { runId, sent, removed: journal.removeIfDone() };
}

async function paramsStored(op: Operations, runId: string, params: ParamInput[]): Promise<boolean> {
  const { run } = await op.run({ id: runId });
  const stored = new Map((run?.params ?? []).map((p) => [p.key, p.value]));
  return params.every((p) => stored.get(p.key) === p.value);
}
