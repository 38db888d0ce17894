import { filter, pipe } from 'graphql-yoga';
import type { RunEvent } from '../writes/events.js';
import { builder } from './builder.js';
import { RunRef } from './run.js';

const RunEventKind = builder.enumType('RunEventKind', {
  values: [
    'REGISTERED',
    'METRICS_LOGGED',
    'PARAMS_LOGGED',
    'TAGS_CHANGED',
    'FINISHED',
    'META_CHANGED',
    'ARTIFACTS_CHANGED',
  ] as const,
});

const RunEventFilter = builder.inputType('RunEventFilter', {
  fields: (t) => ({
    runIds: t.idList({ description: 'Only these runs.' }),
    experiment: t.stringList({ description: 'Only runs of these experiments.' }),
    kinds: t.field({ type: [RunEventKind], description: 'Only these kinds of event.' }),
  }),
});

const RunEventRef = builder.objectRef<RunEvent>('RunEvent').implement({
  description:
    'Something happened to a run; sent after its facts are durable and the index has it.',
  fields: (t) => ({
    kind: t.field({ type: RunEventKind, resolve: (e) => e.kind }),
    runId: t.exposeID('runId'),
    experiment: t.exposeString('experiment'),
    at: t.field({ type: 'DateTime', resolve: (e) => e.at }),
    seq: t.exposeString('seq', {
      description:
        "The write's sequence token: as `minSeq`, a list query waits until it shows the write.",
    }),
    count: t.exposeInt('count', {
      nullable: true,
      description: 'Points logged, for METRICS_LOGGED.',
    }),
    run: t.field({
      type: RunRef,
      nullable: true,
      resolve: (e, _, ctx) => ctx.loaders.run.load(e.runId),
    }),
  }),
});

builder.subscriptionField('runEvents', (t) =>
  t.field({
    type: RunEventRef,
    description:
      'Live run events over SSE (or WebSocket-free HTTP streaming), so dashboards need not poll.',
    args: { filter: t.arg({ type: RunEventFilter }) },
    subscribe: (_, { filter: f }, ctx) => {
      const runIds = f?.runIds?.map(String);
      return pipe(
        ctx.events.subscribe('runEvents'),
        filter(
          (e: RunEvent) =>
            (!runIds || runIds.includes(e.runId)) &&
            (!f?.experiment || f.experiment.includes(e.experiment)) &&
            (!f?.kinds || f.kinds.includes(e.kind)),
        ),
      );
    },
    resolve: (event) => {
      return event;
    },
  }),
);
