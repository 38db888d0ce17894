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
}

/** In-process pubsub of run events, published after the facts are durable and the index follows. */
export function createRunEvents() {
  return createPubSub<{ runEvents: [RunEvent] }>();
}
export type RunEvents = ReturnType<typeof createRunEvents>;
