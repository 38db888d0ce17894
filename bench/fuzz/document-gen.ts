import fc from 'fast-check';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { factoriesFor, type InputGen, inputValue } from './input-gen.js';

export type Draw = fc.GeneratorValue;

/** A request body: a document, maybe with variables, built by walking the schema. */
export interface FuzzRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

interface Gen extends InputGen {
  schema: GraphQLSchema;
  vars: Map<string, { type: string; value: unknown }>;
  /** How far selections may nest; raised for the occasional deep document. */
  maxDepth: number;
  /** Probability of an alias on a field. */
  aliasRate: number;
}

function argumentList(gen: Gen, args: readonly GraphQLArgument[]): string {
  const { g } = gen;
  const chosen = args.filter(
    (a) => isNonNullType(a.type) || g(fc.integer, { min: 0, max: 2 }) === 0,
  );
  if (chosen.length === 0) return '';
  const parts = chosen.map((a) => {
    const { literal, json } = inputValue(gen, a.type, 0);
    if (g(fc.boolean)) {
      const name = `v${gen.vars.size}`;
      gen.vars.set(name, { type: String(a.type), value: json });
      return `${a.name}: $${name}`;
    }
    return `${a.name}: ${literal}`;
  });
  return `(${parts.join(', ')})`;
}

function selectionSet(gen: Gen, type: GraphQLNamedType, depth: number): string {
  const { g } = gen;
  if (isUnionType(type) || isInterfaceType(type)) {
    const options = isUnionType(type) ? type.getTypes() : gen.schema.getPossibleTypes(type);
    const picks = options.filter(() => g(fc.boolean)).slice(0, 3);
    const inner = picks.map((t) => `... on ${t.name} ${selectionSet(gen, t, depth + 1)}`);
    return `{ __typename ${inner.join(' ')} }`;
  }
  if (!isObjectType(type)) return '';
  const fields = Object.values(type.getFields());
  const count = g(fc.integer, { min: 1, max: Math.min(4, fields.length) });
  const picked = Array.from(
    { length: count },
    () => fields[g(fc.nat, fields.length - 1)] as GraphQLField<unknown, unknown>,
  );
  return `{ ${picked.map((f) => fieldSelection(gen, f, depth)).join(' ')} }`;
}

function fieldSelection(gen: Gen, field: GraphQLField<unknown, unknown>, depth: number): string {
  const { g } = gen;
  const named = getNamedType(field.type);
  const alias =
    g(fc.double, { min: 0, max: 1, noNaN: true }) < gen.aliasRate ? `a${g(fc.nat, 1e6)}: ` : '';
  const args = argumentList(gen, field.args);
  const composite = isObjectType(named) || isInterfaceType(named) || isUnionType(named);
  if (!composite) return `${alias}${field.name}${args}`;
  if (depth >= gen.maxDepth) return `${alias}${field.name}${args} { __typename }`;
  return `${alias}${field.name}${args} ${selectionSet(gen, named, depth + 1)}`;
}

/** One request against `schema`: mostly schema-shaped, sometimes deep, aliased or corrupted. */
export function fuzzRequest(
  g: Draw,
  schema: GraphQLSchema,
  runIds: readonly string[],
): FuzzRequest {
  const shape = g(
    fc.constantFrom,
    'plain',
    'plain',
    'plain',
    'deep',
    'aliases',
    'corrupt',
    'fragments',
  );
  const gen: Gen = {
    g,
    schema,
    runIds,
    vars: new Map(),
    maxDepth: shape === 'deep' ? 40 : 4,
    aliasRate: shape === 'aliases' ? 0.9 : 0.1,
    arbs: factoriesFor(runIds),
  };
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  const rootIndex = g(fc.constantFrom, 0, 0, 0, 0, 1, 1, 2);
  const root = roots[rootIndex] ?? schema.getQueryType();
  if (!root) throw new Error('schema has no Query type');
  const keyword = ['query', 'mutation', 'subscription'][rootIndex] ?? 'query';
  const fields = Object.values(root.getFields());
  const count =
    shape === 'aliases' ? g(fc.integer, { min: 20, max: 120 }) : g(fc.integer, { min: 1, max: 3 });
  const body = Array.from({ length: count }, () =>
    fieldSelection(gen, fields[g(fc.nat, fields.length - 1)] as GraphQLField<unknown, unknown>, 1),
  ).join(' ');
  const varDefs = [...gen.vars].map(([name, v]) => `$${name}: ${v.type}`).join(', ');
  let query = `${keyword}${varDefs ? ` Q(${varDefs})` : ''} { ${body} }`;
  if (shape === 'fragments') {
    const levels = g(fc.integer, { min: 2, max: 30 });
    const frags = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on ${root.name} { ...F${i + 1} ...F${i + 1} }`,
    );
    query = `${keyword} { ...F0 } ${frags.join(' ')} fragment F${levels} on ${root.name} { ${body} }`;
  }
  if (shape === 'corrupt') query = corrupt(g, query);
  const variables = Object.fromEntries([...gen.vars].map(([k, v]) => [k, v.value]));
  return { query, ...(gen.vars.size > 0 ? { variables } : {}) };
}

/** Cuts, duplicates or garbles part of a document. */
function corrupt(g: Draw, query: string): string {
  const at = g(fc.integer, { min: 0, max: query.length });
  switch (g(fc.constantFrom, 'cut', 'insert', 'repeat', 'brackets')) {
    case 'cut':
      return query.slice(0, at);
    case 'insert':
      return `${query.slice(0, at)}${g(fc.string, { unit: 'binary', maxLength: 8 })}${query.slice(at)}`;
    case 'repeat':
      return `${query.slice(0, at)}${query.slice(at).repeat(g(fc.integer, { min: 2, max: 50 }))}`;
    default:
      return `${query.slice(0, at)}${'{'.repeat(g(fc.integer, { min: 1, max: 3000 }))}${query.slice(at)}`;
  }
}
