import { SCOPES } from '../auth/scopes.js';
import { builder } from './builder.js';

const ScopeRef = builder.enumType('Scope', {
  description:
    'What a token may do: read = queries and subscriptions, write = run writes, promote = protected aliases, admin = backfill, mirror and tokens.',
  values: SCOPES,
});

interface Viewer {
  name: string;
  scopes: (typeof SCOPES)[number][];
}

const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'The caller as the server sees it.',
  fields: (t) => ({
    name: t.exposeString('name', {
      description: 'The token name, "local" (loopback with no tokens) or "anonymous".',
    }),
    scopes: t.field({ type: [ScopeRef], resolve: (v) => v.scopes }),
  }),
});

// Needs no scope: a client (the dashboard) asks it first to disable what the token cannot do.
builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    description: 'Who is calling and with which scopes; answered for any caller, even with none.',
    skipTypeScopes: true,
    resolve: (_root, _args, ctx) => ({
      name: ctx.auth.name,
      scopes: SCOPES.filter((s) => ctx.auth.scopes.has(s)),
    }),
  }),
);
