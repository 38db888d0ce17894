import fc from 'fast-check';
import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import {
  type DocumentLimits,
  useDocumentLimits,
} from '../../../server/src/request-guards/use-document-limits.js';

interface Body {
  data?: Record<string, unknown>;
  errors?: Array<{ message: string; extensions?: { code?: string; limit?: string } }>;
}

const LIMITS: DocumentLimits = {
  maxDocumentLength: 100_000,
  maxTokens: 100_000,
  maxAliases: 50,
  maxSelectionDepth: 30,
  maxStringLength: 1000,
  maxInputDepth: 10,
};

/** A tiny schema behind the plugin: `n` nests, `v` is a leaf, `f` takes any literal. */
async function ask(query: string, limits: Partial<DocumentLimits> = {}) {
  const yoga = createYoga({
    logging: false,
    schema: createSchema({
      typeDefs: 'scalar JSON type Query { n: Query v: Int f(a: JSON, b: JSON, c: JSON): Int }',
      resolvers: { Query: { n: () => ({}), v: () => 1, f: () => 2 } },
    }),
    plugins: [useDocumentLimits({ ...LIMITS, ...limits })],
  });
  const res = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as Body };
}
const first = (body: Body) => body.errors?.[0];

describe('useDocumentLimits', () => {
  // F twice (2 + 2) and G (c, d and F's 2): 8 aliases. Depth as if inlined:
  // { n { c { d { a b } } } } is 4 selection sets deep.
  const fragments = `
    query { ...F ...F n { ...G } }
    fragment F on Query { a: v b: v }
    fragment G on Query { c: n { d: n { ...F } } }
  `;

  it('answers a document within every limit', async () => {
    const { status, body } = await ask(fragments, { maxAliases: 8, maxSelectionDepth: 4 });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toMatchObject({ a: 1, b: 1, n: { c: { d: { a: 1, b: 1 } } } });
  });

  it('counts aliases through fragments, each spread adding its fragment', async () => {
    const { status, body } = await ask(fragments, { maxAliases: 7 });
    expect(status).toBe(400);
    expect(first(body)).toMatchObject({
      message:
        'an operation uses 8 aliases (limit maxAliases = 7); ask for fewer fields by alias or split the query',
      extensions: { code: 'TOO_MANY_ALIASES', limit: 'maxAliases' },
    });
  });

  it('measures depth with fragments inlined', async () => {
    const { status, body } = await ask(fragments, { maxSelectionDepth: 3 });
    expect(status).toBe(400);
    expect(first(body)).toMatchObject({
      message: 'selections are nested 4 deep (limit maxSelectionDepth = 3); flatten the query',
      extensions: { code: 'QUERY_TOO_DEEP', limit: 'maxSelectionDepth' },
    });
    const one = await ask('{ ...F } fragment F on Query { a: v }', { maxSelectionDepth: 1 });
    expect(one.body.errors).toBeUndefined();
  });

  it('counts exponential fragment fan-out without expanding it, and survives cycles', async () => {
    const levels = 40;
    const frags = Array.from(
      { length: levels },
      (_, i) =>
        `fragment F${i} on Query { ${i === levels - 1 ? 'a: v' : `...F${i + 1} ...F${i + 1}`} }`,
    );
    const fanned = await ask(`{ ...F0 } ${frags.join(' ')}`);
    expect(first(fanned.body)?.message).toMatch(`uses ${2 ** 39} aliases`);
    const cyclic = await ask(
      '{ ...A } fragment A on Query { a: v ...B } fragment B on Query { b: v ...A }',
    );
    expect(cyclic.status).toBeLessThan(500);
    expect(first(cyclic.body)?.message).toMatch(/Cannot spread fragment "A" within itself/);
  });

  it('reports the longest string literal, in arguments and nested input objects', async () => {
    const { status, body } = await ask('{ f(a: "abc", b: { c: ["defgh"] }, c: """xy""") }', {
      maxStringLength: 4,
    });
    expect(status).toBe(400);
    expect(first(body)).toMatchObject({
      message: 'a string in the document has 5 characters (limit maxStringLength = 4)',
      extensions: { code: 'STRING_TOO_LONG', limit: 'maxStringLength' },
    });
  });

  it('reports the deepest nesting of argument literals', async () => {
    const { body } = await ask('{ f(a: 1, b: [1, [2]], c: {d: {e: [3]}}) }', { maxInputDepth: 2 });
    expect(first(body)).toMatchObject({
      message: 'an argument value is nested 3 levels deep (limit maxInputDepth = 2)',
      extensions: { code: 'INPUT_TOO_DEEP', limit: 'maxInputDepth' },
    });
  });

  it('counts exactly the aliases of a flat operation (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { maxLength: 60 }), async (aliased) => {
        const fields = aliased.map((a, i) => (a ? `a${i}: v` : 'v')).join(' ');
        const count = aliased.filter(Boolean).length;
        const { body } = await ask(`{ v ${fields} }`, { maxAliases: 0 });
        if (count === 0) expect(body.errors).toBeUndefined();
        else expect(first(body)?.message).toMatch(`uses ${count} aliases (limit maxAliases = 0)`);
      }),
      { numRuns: 50 },
    );
  });
});
