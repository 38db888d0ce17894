import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import { GraphQLError } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { authScopesOf } from '../auth/scopes.js';
import type { Context } from '../context.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: {
    JSON: { Input: unknown; Output: unknown };
    DateTime: { Input: Date; Output: string | Date };
  };
  Connection: { totalCount: number };
  AuthScopes: { read: boolean; write: boolean; promote: boolean; admin: boolean };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
}>({
  plugins: [
    ScopeAuthPlugin,
    ErrorsPlugin,
    RelayPlugin,
    DataloaderPlugin,
    SimpleObjectsPlugin,
    ComplexityPlugin,
  ],
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => authScopesOf(ctx.auth.scopes),
    unauthorizedError: (_parent, ctx, info) =>
      new GraphQLError(
        `${info.parentType.name}.${info.fieldName} is not allowed for ${JSON.stringify(ctx.auth.name)} (scopes: ${[...ctx.auth.scopes].join(', ') || 'none'}); use a token with the scope it needs (read for queries, write for run writes, promote for protected aliases, admin for backfill and the mirror)`,
        { extensions: { code: 'FORBIDDEN', http: { status: 403 } } },
      ),
  },
  defaultFieldNullability: false,
  relay: { cursorType: 'String' },
  errors: { defaultTypes: [] },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 1,
    limit: (ctx) => ({
      complexity: ctx.limits.maxComplexity,
      depth: ctx.limits.maxDepth,
      breadth: ctx.limits.maxBreadth,
    }),
  },
});

builder.addScalarType('JSON', JSONResolver);
builder.addScalarType('DateTime', DateTimeResolver);
// Every root field needs a scope: reads need read, writes need write unless a field says more.
builder.queryType({ authScopes: { read: true } });
builder.mutationType({ authScopes: { write: true } });
builder.subscriptionType({ authScopes: { read: true } });
