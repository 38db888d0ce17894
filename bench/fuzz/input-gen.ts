import fc from 'fast-check';
import {
  type GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from 'graphql';
import { dateArb, floatArb, hugeValue, intArb, jsonArb, stringArb } from './values.js';

/** What value generation needs: fast-check's in-test generator and the run ids to aim at. */
export interface InputGen {
  g: fc.GeneratorValue;
  runIds: readonly string[];
  /** Built once: gen memoizes draws by builder and arguments, so both must stay the same. */
  arbs: ArbFactories;
}

export interface ArbFactories {
  string: () => fc.Arbitrary<string>;
  json: () => fc.Arbitrary<unknown>;
}

const intF = () => intArb;
const floatF = () => floatArb;
const dateF = () => dateArb;
const factories = new WeakMap<readonly string[], ArbFactories>();

export function factoriesFor(runIds: readonly string[]): ArbFactories {
  let found = factories.get(runIds);
  if (!found) {
    const string = stringArb(runIds);
    const json = jsonArb(runIds);
    found = { string: () => string, json: () => json };
    factories.set(runIds, found);
  }
  return found;
}

/** A value for an input type, and its GraphQL literal (enums print bare, objects without quotes). */
export function inputValue(
  gen: InputGen,
  type: GraphQLInputType,
  depth: number,
): { literal: string; json: unknown } {
  const { g } = gen;
  if (isNonNullType(type)) {
    if (g(fc.integer, { min: 0, max: 40 }) === 0) return { literal: 'null', json: null };
    return inputValue(gen, type.ofType, depth);
  }
  if (g(fc.integer, { min: 0, max: 30 }) === 0) return { literal: 'null', json: null };
  if (isListType(type)) {
    const n = g(fc.integer, { min: 0, max: depth > 3 ? 1 : 4 });
    const items = Array.from({ length: n }, () => inputValue(gen, type.ofType, depth + 1));
    return {
      literal: `[${items.map((i) => i.literal).join(', ')}]`,
      json: items.map((i) => i.json),
    };
  }
  if (isEnumType(type)) {
    const names = type.getValues().map((v) => v.name);
    const name =
      g(fc.integer, { min: 0, max: 12 }) === 0 ? 'NOT_A_VALUE' : g(fc.constantFrom, ...names);
    return { literal: name, json: name };
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const chosen = fields.filter((f) => isNonNullType(f.type) || (depth < 4 && g(fc.boolean)));
    const parts = chosen.map((f) => ({ name: f.name, ...inputValue(gen, f.type, depth + 1) }));
    return {
      literal: `{${parts.map((p) => `${p.name}: ${p.literal}`).join(', ')}}`,
      json: Object.fromEntries(parts.map((p) => [p.name, p.json])),
    };
  }
  const json = scalarValue(gen, type.name);
  return { literal: scalarLiteral(json), json };
}

function scalarValue(gen: InputGen, name: string): unknown {
  const { g } = gen;
  if (
    (name === 'String' || name === 'ID' || name === 'JSON') &&
    g(fc.integer, { min: 0, max: 40 }) === 0
  ) {
    const nested = name === 'JSON' && g(fc.boolean);
    const size = g(fc.integer, nested ? { min: 50, max: 3000 } : { min: 1000, max: 1_500_000 });
    return hugeValue(nested ? 'nested' : 'string', size);
  }
  switch (name) {
    case 'Int':
      return g(intF);
    case 'Float':
      return g(floatF);
    case 'Boolean':
      return g(fc.boolean);
    case 'DateTime':
      return g(dateF);
    case 'JSON':
      return g(gen.arbs.json);
    default:
      return g(gen.arbs.string);
  }
}

/** GraphQL literal of a JSON value; object keys that are not names are dropped. */
function scalarLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NaN';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(scalarLiteral).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([k]) =>
    /^[_A-Za-z]\w*$/.test(k),
  );
  return `{${entries.map(([k, v]) => `${k}: ${scalarLiteral(v)}`).join(', ')}}`;
}
