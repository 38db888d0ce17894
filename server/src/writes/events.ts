import { createPubSub } from 'graphql-yoga';

export type RunEventKind =
  | 'REGISTERED'
  | 'METRICS_LOGGED'
  | 'PARAMS_LOGGED'
  | 'TAGS_CHANGED'
  | 'FINISHED'
  | 'META_CHANGED'
  | 'ARTIFACTS_CHANGED';

export interface RunEvent {
  kind: RunEventKind;
  runId: string;
  experiment: string;
  at: string;
  /** Points in the batch, for METRICS_LOGGED. */
  count: number | null;
  /** The write's sequence token: pass it as `minSeq` to see the write in list queries. */
  seq: string;
}

/** In-process pubsub of run events, published once the facts are durable (the index follows). */
export function createRunEvents() {
  return createPubSub<{ runEvents: [RunEvent] }>();
}
export type RunEvents = ReturnType<typeof createRunEvents>;
